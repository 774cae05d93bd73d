import { AppLogger, databaseOutage, DomainError } from '@app/core';
import type { INestApplication } from '@nestjs/common';
import { json, type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { DataSource } from 'typeorm';
import { ErrorFilter } from './error.filter';
import { observeHttpRequests } from './http-metrics';
import { findUnacceptableValue, refuseDeepJson } from './request-body-guards';
import { createValidationPipe } from './validation.pipe';

/**
 * Refuses, as a 400 naming the field, what no route accepts: a NUL character (PostgreSQL stores
 * none), a lone surrogate, a key naming a built-in property.
 */
function refuseUnacceptableValues(req: Request, _res: Response, next: NextFunction): void {
  const found = findUnacceptableValue(req.body) ?? findUnacceptableValue(req.query);
  if (found === null) {
    next();
    return;
  }
  next(
    new DomainError('VALIDATION_FAILED', 'invalid', `Please check these fields: ${found.field}.`, {
      fields: [{ field: found.field, problems: [found.problem] }],
    }),
  );
}

export interface HttpAppOptions {
  /**
   * `false` leaves out the Express middleware that does not run on another adapter: helmet, and the
   * JSON parser with its depth and value checks (the adapter's own JSON parser then reads bodies).
   * Only the HTTP adapter benchmark (bench/adapter-http.bench.ts) sets it, to boot the same pieces on
   * Express and on Fastify. Default `true`: every app and test runs with all of it.
   */
  readonly expressMiddleware?: boolean;
}

/** What every HTTP app of the project shares: JSON logs, helmet, validation, the error shape. */
export function configureHttpApp(app: INestApplication, options: HttpAppOptions = {}): void {
  app.useLogger(app.get(AppLogger));
  // First, so that every request is timed, those the parsers or guards refuse included.
  app.use(observeHttpRequests());
  if (options.expressMiddleware !== false) useExpressMiddleware(app);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorFilter());
  watchDatabaseConnections(app);
}

/** Helmet, then the JSON parser and the checks on what it parsed. */
function useExpressMiddleware(app: INestApplication): void {
  // Helmet's default Content-Security-Policy, less `upgrade-insecure-requests`: over plain HTTP on a
  // host other than localhost (a LAN address, a staging box) it would make the browser ask for the
  // web app's scripts over HTTPS and show a blank page. HSTS still upgrades once HTTPS is in use.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  // Parses JSON before Nest's own parser (which then skips the request), so that a malformed body
  // reaches the error filter as MALFORMED_JSON rather than as an anonymous 400. Its nesting depth is
  // checked on the raw bytes first (`refuseDeepJson`).
  const parse = json({ limit: '1mb', verify: refuseDeepJson });
  app.use((req: Request, res: Response, next: NextFunction) =>
    parse(req, res, (error?: unknown) => {
      if (error instanceof SyntaxError) {
        next(new DomainError('MALFORMED_JSON', 'invalid', 'The request body is not valid JSON.'));
        return;
      }
      next(error);
    }),
  );
  app.use(refuseUnacceptableValues);
}

/**
 * The first connection the pool makes after an outage ends it (one "reachable again" line). An app
 * without a database (a test's probe) has nothing to watch.
 */
function watchDatabaseConnections(app: INestApplication): void {
  let dataSource: DataSource;
  try {
    dataSource = app.get(DataSource, { strict: false });
  } catch {
    return;
  }
  const pool = (dataSource.driver as { master?: { on?: (event: 'connect', listener: () => void) => void } })
    .master;
  pool?.on?.('connect', () => databaseOutage.noteConnected());
}
