import { configureHttpApp } from '@app/http';
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { mountQueueDashboard } from './queue-dashboard/queue-dashboard';
import { serveWebApp } from './serve-web-app';

/**
 * Routes live under /api, except these: health checks for load balancers and orchestrators, and the
 * Prometheus metrics.
 */
export const GLOBAL_PREFIX = 'api';
export const UNPREFIXED_PATHS = ['health', 'health/ready', 'metrics'];

export interface ApiAppOptions {
  /**
   * `false` leaves out what runs on Express only: configureHttpApp's Express middleware (helmet, the
   * JSON parser and its checks), the queue dashboard (Bull Board's Express adapter), the OpenAPI pages
   * (served as static files) and the web app. Only the HTTP adapter benchmark sets it, to boot the same
   * pieces on Express and on Fastify. Default `true`: `main` and the tests run with all of it.
   */
  readonly expressOnlyParts?: boolean;
}

/** Everything `main` does to the API app before it listens; the e2e tests call it too. */
export function configureApi(app: INestApplication, options: ApiAppOptions = {}): void {
  const expressOnlyParts = options.expressOnlyParts !== false;
  configureHttpApp(app, { expressMiddleware: expressOnlyParts });
  app.setGlobalPrefix(GLOBAL_PREFIX, { exclude: UNPREFIXED_PATHS });
  if (!expressOnlyParts) return;
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Family Link API')
      .setDescription(
        'Runs a peer-support family programme: Seeking and Sharing families, link-ups, check-ins, outcomes. ' +
          'Errors always have the shape { statusCode, code, message, details?, requestId }.',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  // Bull Board for admins at /api/admin/queues (before Nest's routes, whose catch-all answers /api/*).
  mountQueueDashboard(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  // The web app (dist/web, when built) at `/`.
  serveWebApp(app);
}
