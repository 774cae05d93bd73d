export * from './app-config';
export * from './config-table';
export * from './config.module';
export * from './config.schema';
export * from './load-config';
