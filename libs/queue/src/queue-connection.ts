import type { AppConfig } from '@app/config';
import { createPostgresBackend, setDefaultBackendFactory, type ConnectionOptions } from 'bullmq';

/** Schema of BullMQ's PostgreSQL backend inside the app's database. */
export const BULLMQ_SCHEMA = 'bullmq';

/**
 * Selects the BullMQ backend for this process and returns the connection the queues, workers and
 * events use. `@nestjs/bullmq` has no backend option, so the backend is the process-wide default;
 * this runs before any queue is constructed (from the BullModule root factory).
 */
export function configureQueueBackend(config: AppConfig): ConnectionOptions {
  if (config.redisUrl !== null) {
    setDefaultBackendFactory(undefined);
    const url = new URL(config.redisUrl);
    return {
      host: url.hostname,
      port: url.port === '' ? 6379 : Number(url.port),
      username: url.username === '' ? undefined : decodeURIComponent(url.username),
      password: url.password === '' ? undefined : decodeURIComponent(url.password),
      db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
      tls: url.protocol === 'rediss:' ? {} : undefined,
      // Required by BullMQ workers: commands wait for a reconnect instead of failing.
      maxRetriesPerRequest: null,
    };
  }
  setDefaultBackendFactory(createPostgresBackend);
  // Nest types `connection` as Redis options; the PostgreSQL backend takes a pg pool config.
  return {
    connectionString: config.requireDatabaseUrl(),
    schema: BULLMQ_SCHEMA,
    max: 4,
    application_name: 'family-link-queue',
  };
}
