export * from './http-metrics';
export * from './metrics.controller';
export * from './metrics.module';
export * from './process-metrics';
export * from './queue-metrics.service';
