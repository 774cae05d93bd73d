import 'reflect-metadata';
import { ConfigValidationError, loadConfigFromProcess } from '@app/config';
import { onShutdownSignal, processMetrics, startFailureMessage } from '@app/core';
import { migrateDatabase } from '@app/database';
import type { INestApplication } from '@nestjs/common';
import { createWorkerApp } from './worker-app';

/** The worker process (production): queue processors and job schedulers, plus /health on WORKER_PORT. */
async function main(): Promise<void> {
  const config = loadConfigFromProcess();
  if (config.databaseUrl === null) {
    throw new Error(
      'The worker needs DATABASE_URL. On the embedded default, `npm start` runs the worker inside the API.',
    );
  }
  if (config.runMigrations)
    await migrateDatabase(config.databaseUrl, { queueOnPostgres: config.queueBackend === 'postgres' });
  processMetrics.collectProcessMetrics();
  const app = (await createWorkerApp(config, { withHealth: true })) as INestApplication;
  try {
    await app.listen(config.workerPort, config.http.host);
  } catch (error) {
    await app.close();
    throw new Error(startFailureMessage(error, config.workerPort));
  }
  onShutdownSignal(() => app.close());
}

main().catch((error: unknown) => {
  console.error(
    error instanceof ConfigValidationError
      ? error.message
      : `Worker failed to start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
