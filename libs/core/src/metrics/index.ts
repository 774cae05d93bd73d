export * from './process-metrics';
export * from './queue-metrics.service';
