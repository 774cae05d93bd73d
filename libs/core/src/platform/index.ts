export * from './logging.module';
export * from './process-lifecycle';
export * from './request-id';
export * from './database-outage';
export * from './reconcile-pass';
