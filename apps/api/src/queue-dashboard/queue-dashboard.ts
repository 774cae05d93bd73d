import { UnknownElementException } from '@nestjs/core/errors/exceptions/unknown-element.exception';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { AccessErrors, BearerAuthenticator } from '@app/core';
import { JobProducer, QUEUE_NAMES } from '@app/queue';
import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** Where the queue dashboard (Bull Board) is mounted: its page, its files and its JSON API. */
export const QUEUE_DASHBOARD_PATH = '/api/admin/queues';

/** Admins only, by the same bearer tokens (and the same checks) as every API route. */
function adminsOnly(authenticator: BearerAuthenticator): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction): void => {
    authenticator.authenticate(req.headers.authorization).then(
      (actor) => next(actor.role === 'admin' ? undefined : AccessErrors.forbidden()),
      (error: unknown) => next(error),
    );
  };
}

/**
 * Bull Board on the app's queues (Redis or BullMQ's PostgreSQL backend alike), for admins, under
 * /api/admin/queues. Read-only: it shows queues, jobs (ids only: payloads never carry names,
 * contacts or notes), failures and workers, but does not retry, remove, pause or add jobs — those
 * would be changes nobody audits, and the reconciler re-derives lost or failed work from the rows.
 * Mounted before Nest's routes, outside them: it has no row in the route matrix and no OpenAPI entry.
 */
export function mountQueueDashboard(app: INestApplication): void {
  let producer: JobProducer;
  try {
    producer = app.get(JobProducer);
  } catch (error) {
    // An app built without the queue (the tests' probe apps of the HTTP layer) has no dashboard.
    if (error instanceof UnknownElementException) return;
    throw error;
  }
  const board = new ExpressAdapter();
  board.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: QUEUE_NAMES.map((name) => new BullMQAdapter(producer.queue(name), { readOnlyMode: true })),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'Family Link queues' } },
  });
  app.use(QUEUE_DASHBOARD_PATH, adminsOnly(app.get(BearerAuthenticator)), board.getRouter());
}
