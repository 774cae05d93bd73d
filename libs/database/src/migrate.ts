import { runQueueMigrations } from '@app/queue';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

export interface MigrationReport {
  readonly applied: readonly string[];
  readonly queueSchemaVersion: number | null;
}

/**
 * Applies the app's pending migrations and, when the queue runs on PostgreSQL, BullMQ's own.
 * Each migration runs in its own transaction.
 */
export async function migrateDatabase(
  url: string,
  options: { queueOnPostgres: boolean },
): Promise<MigrationReport> {
  const dataSource = new DataSource({
    ...dataSourceOptions({ url, poolSize: 1, applicationName: 'family-link-migrate' }),
    logging: ['error'],
  });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    const queueSchemaVersion = options.queueOnPostgres ? await runQueueMigrations(url) : null;
    return { applied: applied.map((m) => m.name), queueSchemaVersion };
  } finally {
    await dataSource.destroy();
  }
}
