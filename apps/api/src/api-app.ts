import type { AppConfig } from '@app/config';
import { ExportsService } from '@app/core';
import { createHttpAdapter, drainHttpServer } from '@app/http';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Server } from 'node:http';
import { ApiModule } from './api.module';
import { configureApi } from './configure-api';

/** The API as a Nest application, configured (prefix, pipes, filter, docs, web app), not listening. */
export async function createApiApp(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create(ApiModule.forRoot(config), createHttpAdapter(), {
    bufferLogs: true,
    abortOnError: false,
  });
  configureApi(app);
  return app;
}

/**
 * Closes the API in order: HTTP first — no new connections, requests in flight answered within the
 * drain deadline (an export still streaming is cut then, and recorded as interrupted), keep-alive
 * connections closed — while the modules (and CheckInPlanningService's link-up
 * event subscription) still run; then the modules.
 */
export async function closeApiApp(app: INestApplication, drainDeadlineMs?: number): Promise<void> {
  // An export the drain cuts is recorded as interrupted by the shutdown, not as left by its reader.
  app.get(ExportsService, { strict: false }).noteShuttingDown();
  await drainHttpServer(app.getHttpServer() as Server, drainDeadlineMs);
  await app.close();
}
