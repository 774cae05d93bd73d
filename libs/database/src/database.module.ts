import { AppConfig } from '@app/config';
import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from './data-source-options';

@Module({})
export class DatabaseModule {
  static forRoot(options: { applicationName: string }): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            ...dataSourceOptions({
              url: config.requireDatabaseUrl(),
              poolSize: config.databasePoolSize,
              applicationName: options.applicationName,
            }),
            // Fail fast at start instead of retrying for minutes; readiness reports later outages.
            retryAttempts: 2,
            retryDelay: 1_000,
          }),
        }),
      ],
      exports: [TypeOrmModule],
    };
  }
}
