import { runMigrations } from 'bullmq';
import { Client } from 'pg';
import { BULLMQ_SCHEMA } from './queue-connection';

/** Creates or upgrades BullMQ's PostgreSQL schema (needed before the PostgreSQL backend is used). */
export async function runQueueMigrations(databaseUrl: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl, application_name: 'family-link-migrate' });
  await client.connect();
  try {
    return await runMigrations(client, BULLMQ_SCHEMA);
  } finally {
    await client.end();
  }
}
