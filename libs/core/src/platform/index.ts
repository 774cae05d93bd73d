export * from './configure-http-app';
export * from './error.filter';
export * from './health.module';
export * from './health.service';
export * from './logging.module';
export * from './process-lifecycle';
export * from './request-id';
export * from './validation.pipe';
