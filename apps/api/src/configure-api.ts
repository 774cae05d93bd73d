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

/** Everything `main` does to the API app before it listens; the e2e tests call it too. */
export function configureApi(app: INestApplication): void {
  configureHttpApp(app);
  app.setGlobalPrefix(GLOBAL_PREFIX, { exclude: UNPREFIXED_PATHS });
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
  // Bull Board for admins at /api/admin/queues.
  mountQueueDashboard(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  // The web app (dist/web, when built) at `/`.
  serveWebApp(app);
}
