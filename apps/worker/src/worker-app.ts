import type { AppConfig } from '@app/config';
import { AppLogger, type Clock } from '@app/core';
import { configureHttpApp, createHttpAdapter } from '@app/http';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from './worker.module';

/** The worker as a Nest app: with its health endpoints (own process) or headless (inside the API). */
export async function createWorkerApp(
  config: AppConfig,
  options: { withHealth: boolean; clock?: Clock },
): Promise<INestApplicationContext> {
  const module = WorkerModule.forRoot(config, options);
  if (options.withHealth) {
    const app = await NestFactory.create(module, createHttpAdapter(), {
      bufferLogs: true,
      abortOnError: false,
    });
    configureHttpApp(app);
    return app;
  }
  const context = await NestFactory.createApplicationContext(module, {
    bufferLogs: true,
    abortOnError: false,
  });
  context.useLogger(context.get(AppLogger));
  return context.init();
}
