export * from './check-in.entity';
export * from './check-in.errors';
export * from './check-in-planning.service';
export * from './check-in-sweeps.service';
export * from './check-ins-reconciliation.service';
export * from './check-ins.entities';
export * from './check-ins.module';
export * from './check-ins.service';
