import { AppConfig, loadConfig, readTestServers } from '@app/config';
import {
  CheckInsReconciliationService,
  Clock,
  ControllableClock,
  DAY_MS,
  NotificationsService,
  ReconciliationService,
  TriageDeadlinesService,
} from '@app/core';
import { createHttpAdapter, initHttpApp } from '@app/http';
import { createTestDatabase, type TestDatabase } from '@app/testing';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { ApiModule } from '../../apps/api/src/api.module';
import { configureApi } from '../../apps/api/src/configure-api';
import { createWorkerApp } from '../../apps/worker/src/worker-app';

export type QueueBackendChoice = 'postgres' | 'redis';

export interface TestAppOptions {
  /** Run the worker in the same process (default true). */
  readonly worker?: boolean;
  /** Queue backend: Redis when TEST_REDIS_URL is set, unless asked otherwise. */
  readonly queue?: QueueBackendChoice;
  /** Extra environment for the config (validated like the real one). */
  readonly env?: Record<string, string>;
  /** Point the app at this URL instead of the test database (a proxy in front of it, say). */
  readonly databaseUrl?: (url: string) => string;
  readonly redisUrl?: (url: string) => string;
}

export interface TestApp {
  readonly app: INestApplication;
  readonly worker: INestApplicationContext | null;
  readonly config: AppConfig;
  readonly database: TestDatabase;
  /** The clock shared by this app's API and worker: tests move it instead of sleeping. */
  readonly clock: ControllableClock;
  readonly http: () => TestAgent;
  close(): Promise<void>;
}

/** Whether a real Redis is configured for the tests (TEST_REDIS_URL). */
export function redisAvailable(): boolean {
  return readTestServers().redisUrl !== null;
}

export function defaultQueueBackend(): QueueBackendChoice {
  return redisAvailable() ? 'redis' : 'postgres';
}

/**
 * Boots the API (and by default the worker) as `main` does, on a database of its own and, on Redis,
 * a queue prefix of its own, so test files never see each other's rows or jobs.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const queue = options.queue ?? defaultQueueBackend();
  const { redisUrl, clockOffsetDays } = readTestServers();
  if (queue === 'redis' && redisUrl === null) throw new Error('TEST_REDIS_URL is not set');
  const database = await createTestDatabase({ queueOnPostgres: queue === 'postgres' });
  const prefix = `fl-test-${randomBytes(5).toString('hex')}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    DATABASE_URL: options.databaseUrl?.(database.url) ?? database.url,
    ...(queue === 'redis' && redisUrl !== null
      ? { REDIS_URL: options.redisUrl?.(redisUrl) ?? redisUrl }
      : {}),
    QUEUE_PREFIX: prefix,
    DATABASE_POOL_SIZE: '5',
    WORKER_STALLED_INTERVAL_MS: '5000',
    ...(clockOffsetDays === null ? {} : { CLOCK_OFFSET_DAYS: clockOffsetDays }),
    ...options.env,
  });

  // The shifted-clock runs (CLOCK_OFFSET_DAYS) start every test app's clock that far from today.
  const clock = new ControllableClock(config.clockOffsetDays * DAY_MS);
  const moduleRef = await Test.createTestingModule({
    imports: [ApiModule.forRoot(config, { clock })],
  }).compile();
  const app = moduleRef.createNestApplication(createHttpAdapter(), { bufferLogs: true });
  configureApi(app);
  await initHttpApp(app);
  const worker =
    (options.worker ?? true) ? await createWorkerApp(config, { withHealth: false, clock }) : null;

  return {
    app,
    worker,
    config,
    database,
    clock,
    http: () => request(app.getHttpServer()),
    async close() {
      await app.close();
      await worker?.close();
      if (queue === 'redis' && redisUrl !== null) await deleteRedisKeys(redisUrl, prefix);
      await database.drop();
    },
  };
}

async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/**
 * The reconciler over an app's own services. The worker runs it (ReconciliationModule); an API-only
 * test app has the features but not the reconciler, so tests that run a pass by hand build it here.
 */
export function reconcilerOf(app: INestApplicationContext): ReconciliationService {
  return new ReconciliationService(
    app.get(CheckInsReconciliationService),
    app.get(TriageDeadlinesService),
    app.get(NotificationsService),
    app.get(Clock),
  );
}
