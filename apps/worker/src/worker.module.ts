import { AppConfig, ConfigModule } from '@app/config';
import {
  CheckInsModule,
  ReconciliationModule,
  Clock,
  ClockModule,
  DAY_MS,
  FamilyMatchingModule,
  LoggingModule,
  NotificationsModule,
  SafeguardingModule,
  SystemClock,
  SystemModule,
} from '@app/core';
import { DatabaseModule } from '@app/database';
import { HealthModule, MetricsModule } from '@app/http';
import { QueueModule } from '@app/queue';
import { DynamicModule, Module } from '@nestjs/common';
import { JobSchedulers } from './job-schedulers.service';
import { CheckInsProcessor } from './processors/check-ins.processor';
import { FamiliesProcessor } from './processors/families.processor';
import { NotificationsProcessor } from './processors/notifications.processor';
import { QUEUE_PROCESSORS, type QueueProcessor } from './processors/queue-processor';
import { SafeguardingProcessor } from './processors/safeguarding.processor';
import { SystemProcessor } from './processors/system.processor';
import { QueueWorkers } from './queue-workers.service';

/**
 * Queue processors and job schedulers. `withHealth` adds `/health`, `/health/ready` and `/metrics`
 * (the only HTTP the worker serves); inside the API process (the embedded default) the API answers
 * those instead, the worker's metrics included (they are recorded per process).
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, options: { withHealth: boolean; clock?: Clock }): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule.forRoot(options.clock ?? new SystemClock(config.clockOffsetDays * DAY_MS)),
        LoggingModule,
        DatabaseModule.forRoot({ applicationName: 'family-link-worker' }),
        QueueModule.forRoot(),
        SystemModule,
        CheckInsModule,
        SafeguardingModule,
        NotificationsModule,
        ReconciliationModule,
        // Families' matching port (a closing link-up excludes its pair): the worker has no MatchingModule.
        FamilyMatchingModule,
        ...(options.withHealth ? [HealthModule, MetricsModule] : []),
      ],
      providers: [
        SystemProcessor,
        CheckInsProcessor,
        SafeguardingProcessor,
        NotificationsProcessor,
        FamiliesProcessor,
        {
          provide: QUEUE_PROCESSORS,
          useFactory: (...processors: QueueProcessor[]) => processors,
          inject: [
            SystemProcessor,
            CheckInsProcessor,
            SafeguardingProcessor,
            NotificationsProcessor,
            FamiliesProcessor,
          ],
        },
        QueueWorkers,
        JobSchedulers,
      ],
    };
  }
}
