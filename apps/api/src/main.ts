import 'reflect-metadata';
import { ConfigValidationError, loadConfigFromProcess } from '@app/config';
import { onShutdownSignal, processMetrics, startFailureMessage } from '@app/core';
import { migrateDatabase } from '@app/database';
import type { INestApplication } from '@nestjs/common';
import pino from 'pino';
import { closeApiApp, createApiApp } from './api-app';

/**
 * The API process (production, `npm run start:api`): HTTP only, on DATABASE_URL; the worker runs as
 * its own process (`npm run start:worker`). `npm start` (apps/standalone) runs both together and
 * the embedded default.
 */
async function main(): Promise<{ app: INestApplication; drainDeadlineMs: number }> {
  const config = loadConfigFromProcess();
  if (config.databaseUrl === null) {
    throw new Error(
      'The API process needs DATABASE_URL. Without one, `npm start` runs the embedded default (API, worker and PostgreSQL in one process).',
    );
  }
  if (config.runWorkerInApi) {
    throw new Error(
      'RUN_WORKER_IN_API is set, but this entry runs the API alone: use `npm start` to run the API and the worker in one process, or `npm run start:worker` beside this one.',
    );
  }
  const log = pino({ level: config.logLevel, base: { service: 'family-link' } });
  if (config.runMigrations) {
    const report = await migrateDatabase(config.databaseUrl, {
      queueOnPostgres: config.queueBackend === 'postgres',
    });
    if (report.applied.length > 0) log.info({ migrations: report.applied }, 'Applied database migrations');
  }
  processMetrics.collectProcessMetrics();
  const app = await createApiApp(config);
  try {
    await app.listen(config.http.port, config.http.host);
  } catch (error) {
    await app.close();
    throw new Error(startFailureMessage(error, config.http.port));
  }
  log.info(`Family Link API listening on ${config.http.host}:${config.http.port}.`);
  return { app, drainDeadlineMs: config.http.drainDeadlineMs };
}

const started = main();
onShutdownSignal(async () => {
  const running = await started.catch(() => null);
  if (running !== null) await closeApiApp(running.app, running.drainDeadlineMs);
});
started.catch((error: unknown) => {
  console.error(
    error instanceof ConfigValidationError
      ? error.message
      : `Family Link API failed to start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
