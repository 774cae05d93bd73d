import { AppConfig } from '@app/config';
import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { JobProducer } from './job-producer.service';
import { QUEUE_NAMES } from './job-registry';
import { configureQueueBackend } from './queue-connection';
import { QueueHealth } from './queue-health.service';

/** BullMQ on Redis when REDIS_URL is set, otherwise on its PostgreSQL backend in the app's database. */
@Global()
@Module({})
export class QueueModule {
  static forRoot(): DynamicModule {
    return {
      module: QueueModule,
      imports: [
        BullModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            connection: configureQueueBackend(config),
            prefix: config.queuePrefix,
          }),
        }),
        ...QUEUE_NAMES.map((name) => BullModule.registerQueue({ name })),
      ],
      providers: [JobProducer, QueueHealth],
      exports: [JobProducer, QueueHealth, BullModule],
    };
  }
}
