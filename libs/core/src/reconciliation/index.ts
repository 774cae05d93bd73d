export * from './reconciliation.module';
export * from './reconciliation.service';
