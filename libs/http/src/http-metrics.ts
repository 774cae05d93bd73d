import type { NextFunction, Request, Response } from 'express';
import { performance } from 'node:perf_hooks';
import { processMetrics, type ProcessMetrics } from '@app/core';

/** The route label of a request no route answered (an unknown path, the web app's files and pages). */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * The template of the route that answered (`/api/families/:id`), never the path asked for: a path
 * carries ids, and one series per id would grow without bound. Nest's catch-all for unknown paths
 * under the prefix (`/api/{*path}`) counts as unmatched too.
 */
export function routeTemplateOf(req: Request): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof path !== 'string' || path.includes('{*')) return UNMATCHED_ROUTE;
  return `${req.baseUrl}${path}`;
}

/** Express middleware: times every request into `family_link_http_request_duration_seconds`. */
export function observeHttpRequests(metrics: ProcessMetrics = processMetrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = performance.now(); // duration
    res.once('finish', () => {
      metrics.httpRequestDuration.observe(
        { method: req.method, route: routeTemplateOf(req), status_code: String(res.statusCode) },
        (performance.now() - started) / 1000, // duration
      );
    });
    next();
  };
}
