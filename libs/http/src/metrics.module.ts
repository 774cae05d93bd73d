import { Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller';
import { QueueMetrics } from '@app/core';

/** `GET /metrics` (Prometheus), for the API and the worker's own HTTP port. */
@Module({ controllers: [MetricsController], providers: [QueueMetrics] })
export class MetricsModule {}
