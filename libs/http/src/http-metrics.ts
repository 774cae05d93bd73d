import type { FastifyReply, FastifyRequest } from 'fastify';
import { performance } from 'node:perf_hooks';
import { processMetrics, type ProcessMetrics } from '@app/core';

/** The route label of a request no route answered (an unknown path, the web app's files and pages). */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * The template of the route that answered (`/api/families/:id`), never the path asked for: a path
 * carries ids, and one series per id would grow without bound. A request no route matched (Fastify's
 * not-found handler) and a route with a wildcard (the web app's and the documentation's files) count
 * as unmatched, and so does a file of theirs.
 */
export function routeTemplateOf(request: FastifyRequest): string {
  const url = request.is404 ? undefined : request.routeOptions.url;
  if (typeof url !== 'string' || url.includes('*')) return UNMATCHED_ROUTE;
  // The web app's and the documentation's files: a route each (@fastify/static hides them from the
  // schema), one series per file of each build otherwise.
  if ((request.routeOptions.schema as { hide?: boolean } | undefined)?.hide === true) return UNMATCHED_ROUTE;
  return url;
}

/**
 * Times a request into `family_link_http_request_duration_seconds`, from Fastify's `onRequest` until
 * the Node response finishes (so an answer streamed past Fastify, an export, counts too).
 */
export function observeHttpRequests(
  request: FastifyRequest,
  reply: FastifyReply,
  metrics: ProcessMetrics = processMetrics,
): void {
  const started = performance.now(); // duration
  reply.raw.once('finish', () => {
    metrics.httpRequestDuration.observe(
      { method: request.method, route: routeTemplateOf(request), status_code: String(reply.raw.statusCode) },
      (performance.now() - started) / 1000, // duration
    );
  });
}
