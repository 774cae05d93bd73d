export * from './transaction-context';
export * from './transaction.module';
