import { AppLogger, databaseOutage, DomainError, REQUEST_ID_HEADER } from '@app/core';
import { BadRequestException, type INestApplication } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { answerError, ErrorFilter } from './error.filter';
import { HttpAdapter, type HttpApp } from './http-adapter';
import { observeHttpRequests } from './http-metrics';
import { findUnacceptableValue } from './request-body-guards';
import { helmetHeaders } from './security-headers';
import { createValidationPipe } from './validation.pipe';

/**
 * Refuses, as a 400 naming the field, what no route accepts: a NUL character (PostgreSQL stores
 * none), a lone surrogate, a key naming a built-in property. Runs once the body is parsed, before
 * Nest's guards and pipes (Fastify's `preValidation`).
 */
function refuseUnacceptableValues(
  request: FastifyRequest,
  _reply: FastifyReply,
  done: (error?: Error) => void,
): void {
  const found = findUnacceptableValue(request.body) ?? findUnacceptableValue(request.query);
  if (found === null) {
    done();
    return;
  }
  done(
    new DomainError('VALIDATION_FAILED', 'invalid', `Please check these fields: ${found.field}.`, {
      fields: [{ field: found.field, problems: [found.problem] }],
    }),
  );
}

/**
 * What every HTTP app of the project shares: JSON logs, the request id header, helmet, the body
 * checks, validation, the error shape. The app must be made on `createHttpAdapter()` (Fastify), whose
 * body parsers (`useBodyParsers`: the JSON limit, the depth check, MALFORMED_JSON) it relies on.
 */
export function configureHttpApp(nestApp: INestApplication): void {
  const app = nestApp as HttpApp;
  app.useLogger(app.get(AppLogger));
  const fastify = app.getHttpAdapter().getInstance();
  const securityHeaders = helmetHeaders();
  // First, so that every request is timed and carries its id and helmet's headers, those the parsers or
  // guards refuse too. On the raw response: the exports stream into it.
  fastify.addHook('onRequest', (request, reply, done) => {
    const response = reply.raw;
    response.setHeader(REQUEST_ID_HEADER, request.id);
    for (const [name, value] of securityHeaders) response.setHeader(name, value);
    observeHttpRequests(request, reply);
    done();
  });
  fastify.addHook('preValidation', refuseUnacceptableValues);
  app.useGlobalPipes(createValidationPipe());
  const filter = new ErrorFilter(app.getHttpAdapter());
  app.useGlobalFilters(filter);
  const adapter = app.getHttpAdapter();
  if (adapter instanceof HttpAdapter) {
    // A path Fastify cannot decode (`%E0%A4`): 400 in the error shape, as Express's URIError was.
    // No hook has run: the request is timed here, and its answer says what every answer says (the
    // request id, helmet’s headers); the message does not repeat the path.
    adapter.answerFrameworkErrorsWith((_error, request, reply) => {
      reply.raw.setHeader(REQUEST_ID_HEADER, request.id);
      for (const [name, value] of securityHeaders) reply.raw.setHeader(name, value);
      observeHttpRequests(request, reply);
      answerError(
        filter,
        new BadRequestException('The address of the request is not valid.'),
        request,
        reply,
      );
    });
  }
  watchDatabaseConnections(app);
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
