import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';
const ACCEPTABLE_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** A well-formed id from the caller (a proxy or the web app), otherwise a new one. */
export function chooseRequestId(req: IncomingMessage): string {
  const given = req.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && ACCEPTABLE_ID.test(given) ? given : randomUUID();
}

/**
 * The request's id, echoed back in the `x-request-id` header: the one already given to the request
 * (Fastify's, from `chooseRequestId`), otherwise chosen now.
 */
export function assignRequestId(req: IncomingMessage, res: ServerResponse): string {
  const known = (req as { id?: unknown }).id;
  const id = typeof known === 'string' ? known : chooseRequestId(req);
  res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

export function requestIdOf(req: unknown): string {
  const id = (req as { id?: unknown }).id;
  return typeof id === 'string' ? id : 'unknown';
}
