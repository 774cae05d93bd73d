import { AppConfig, ConfigModule } from '@app/config';
import { HealthModule, LoggingModule, SystemModule } from '@app/core';
import { DatabaseModule } from '@app/database';
import { QueueModule } from '@app/queue';
import { DynamicModule, Module } from '@nestjs/common';
import { QUEUE_PROCESSORS } from './processors/queue-processor';
import { SystemProcessor } from './processors/system.processor';
import { QueueWorkers } from './queue-workers.service';

/**
 * Queue processors and job schedulers. `withHealth` adds `/health` and `/health/ready` (the only HTTP
 * the worker serves); inside the API process (the embedded default) the API answers those instead.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, options: { withHealth: boolean }): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule,
        DatabaseModule.forRoot({ applicationName: 'family-link-worker' }),
        QueueModule.forRoot(),
        SystemModule,
        ...(options.withHealth ? [HealthModule] : []),
      ],
      providers: [
        SystemProcessor,
        {
          provide: QUEUE_PROCESSORS,
          useFactory: (system: SystemProcessor) => [system],
          inject: [SystemProcessor],
        },
        QueueWorkers,
      ],
    };
  }
}
