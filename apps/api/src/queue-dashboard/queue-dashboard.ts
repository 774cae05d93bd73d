import { UnknownElementException } from '@nestjs/core/errors/exceptions/unknown-element.exception';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { AccessErrors, BearerAuthenticator } from '@app/core';
import { answerError, ErrorFilter, type HttpApp } from '@app/http';
import { JobProducer, QUEUE_NAMES } from '@app/queue';
import type { INestApplication } from '@nestjs/common';

/** Where the queue dashboard (Bull Board) is mounted: its page, its files and its JSON API. */
export const QUEUE_DASHBOARD_PATH = '/api/admin/queues';

/** Whether a request's path is the dashboard's or under it (any case, as the router matches). */
function isDashboardPath(url: string): boolean {
  const prefix = url.slice(0, QUEUE_DASHBOARD_PATH.length);
  if (prefix.toLowerCase() !== QUEUE_DASHBOARD_PATH) return false;
  const next = url.charAt(QUEUE_DASHBOARD_PATH.length);
  return next === '' || next === '/' || next === '?';
}

/**
 * Bull Board on the app's queues (Redis or BullMQ's PostgreSQL backend alike), for admins, under
 * /api/admin/queues. Read-only: it shows queues, jobs (ids only: payloads never carry names,
 * contacts or notes), failures and workers, but does not retry, remove, pause or add jobs — those
 * would be changes nobody audits, and the reconciler re-derives lost or failed work from the rows.
 * Outside Nest's routes: it has no row in the route matrix and no OpenAPI entry. Admins only, by the
 * same bearer tokens (and the same checks) as every API route, on every path under it, its files and
 * paths it does not know included.
 */
export function mountQueueDashboard(nestApp: INestApplication): void {
  const app = nestApp as HttpApp;
  let producer: JobProducer;
  try {
    producer = app.get(JobProducer);
  } catch (error) {
    // An app built without the queue (the tests' probe apps of the HTTP layer) has no dashboard.
    if (error instanceof UnknownElementException) return;
    throw error;
  }
  const board = new FastifyAdapter();
  board.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: QUEUE_NAMES.map((name) => new BullMQAdapter(producer.queue(name), { readOnlyMode: true })),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'Family Link queues' } },
  });
  const authenticator = app.get(BearerAuthenticator);
  // Refusals are answered here, by the app's error filter: an error passed on from this hook would
  // reach Bull Board's own error handler (a 500 in its shape) on its routes.
  const filter = new ErrorFilter(app.getHttpAdapter());
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    // The route the router chose decides (it matches the path decoded: `/api/admin/%71ueues` is the
    // dashboard's, and so is an absolute URL in the request line); the path as written covers the
    // paths under the dashboard no route knows.
    const route = request.routeOptions.url;
    const dashboardRoute = typeof route === 'string' && route.toLowerCase().startsWith(QUEUE_DASHBOARD_PATH);
    if (!dashboardRoute && !isDashboardPath(request.url)) {
      done();
      return;
    }
    authenticator.authenticate(request.headers.authorization).then(
      (actor) => {
        if (actor.role === 'admin') done();
        else answerError(filter, AccessErrors.forbidden(), request, reply);
      },
      (error: unknown) => answerError(filter, error, request, reply),
    );
  });
  void app.register(board.registerPlugin(), { prefix: QUEUE_DASHBOARD_PATH });
}
