export * from './best-effort';
export * from './job-producer.service';
export * from './job-registry';
export * from './queue-connection';
export * from './queue-health.service';
export * from './queue-migrations';
export * from './queue.module';
export * from './run-later.error';
