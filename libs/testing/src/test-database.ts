import { readTestServers } from '@app/config';
import { migrateDatabase, withDatabase } from '@app/database';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

/** The server the tests run on (jest's global set-up fills it in with an embedded one when unset). */
export function testServerUrl(): string {
  const { databaseUrl } = readTestServers();
  if (databaseUrl === null)
    throw new Error('TEST_DATABASE_URL is not set: run the tests through jest (npm test).');
  return databaseUrl;
}

async function onAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: withDatabase(testServerUrl(), 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh database for one test file, with the migrations applied (the queue's too, unless the
 * file runs its queue on Redis). The schema only ever comes from migrations, here as in production.
 */
export async function createTestDatabase(
  options: { migrate?: boolean; queueOnPostgres?: boolean } = {},
): Promise<TestDatabase> {
  const name = `fl_test_${randomBytes(6).toString('hex')}`;
  await onAdmin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = withDatabase(testServerUrl(), name);
  if (options.migrate ?? true)
    await migrateDatabase(url, { queueOnPostgres: options.queueOnPostgres ?? true });
  return {
    name,
    url,
    drop: () =>
      onAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
