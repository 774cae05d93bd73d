import type { AppConfig } from '@app/config';
import { drainHttpServer } from '@app/http';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Server } from 'node:http';
import { ApiModule } from './api.module';
import { configureApi } from './configure-api';

/** The API as a Nest application, configured (prefix, pipes, filter, docs, web app), not listening. */
export async function createApiApp(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create(ApiModule.forRoot(config), { bufferLogs: true, abortOnError: false });
  configureApi(app);
  return app;
}

/**
 * Closes the API in order: HTTP first — no new connections, requests in flight answered within the
 * drain deadline, keep-alive connections closed — while the modules (and CheckInPlanningService's link-up
 * event subscription) still run; then the modules.
 */
export async function closeApiApp(app: INestApplication, drainDeadlineMs?: number): Promise<void> {
  await drainHttpServer(app.getHttpServer() as Server, drainDeadlineMs);
  await app.close();
}
