import { AppConfig, ConfigModule } from '@app/config';
import { DemoModule, HealthModule, LoggingModule, SystemModule } from '@app/core';
import { DatabaseModule } from '@app/database';
import { QueueModule } from '@app/queue';
import { DynamicModule, Module } from '@nestjs/common';
import { SystemController } from './system/system.controller';

/** The HTTP API. */
@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule,
        DatabaseModule.forRoot({ applicationName: 'family-link-api' }),
        QueueModule.forRoot(),
        HealthModule,
        SystemModule,
        DemoModule,
      ],
      controllers: [SystemController],
    };
  }
}
