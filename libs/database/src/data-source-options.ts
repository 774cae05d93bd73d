import { CORE_ENTITIES } from '@app/core';
import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';

export interface DataSourceSettings {
  readonly url: string;
  readonly poolSize?: number;
  readonly applicationName?: string;
}

/** The one data-source definition, shared by the app, the migration CLI and the tests. */
export function dataSourceOptions(settings: DataSourceSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities: [...CORE_ENTITIES],
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    // The schema changes only through migrations, everywhere (tests included).
    synchronize: false,
    migrationsRun: false,
    uuidExtension: 'pgcrypto',
    poolSize: settings.poolSize ?? 10,
    applicationName: settings.applicationName ?? 'family-link',
    // Not 'error': TypeORM would print a failed query's parameters, which can hold names or emails.
    logging: ['migration'],
  };
}
