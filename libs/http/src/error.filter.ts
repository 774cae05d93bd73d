import {
  assignRequestId,
  databaseOutage,
  describeSafely,
  DomainError,
  isConnectionFailure,
  OUTAGE_RETRY_AFTER_SECONDS,
  requestIdOf,
  type ErrorKind,
} from '@app/core';
import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
  type HttpServer,
} from '@nestjs/common';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_JSON_DEPTH } from './request-body-guards';

/** DESIGN §6: every error answers `{ statusCode, code, message, details?, requestId }`. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: Record<string, unknown>;
  requestId: string;
}

export function statusForKind(kind: ErrorKind): number {
  switch (kind) {
    case 'invalid':
      return HttpStatus.BAD_REQUEST;
    case 'unauthenticated':
      return HttpStatus.UNAUTHORIZED;
    case 'forbidden':
      return HttpStatus.FORBIDDEN;
    case 'not_found':
      return HttpStatus.NOT_FOUND;
    case 'conflict':
      return HttpStatus.CONFLICT;
    case 'rate_limited':
      return HttpStatus.TOO_MANY_REQUESTS;
    case 'unavailable':
      return HttpStatus.SERVICE_UNAVAILABLE;
  }
}

const CODE_FOR_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'UNAVAILABLE',
};

/** Errors raised by the body parser (body-parser's http-errors) before Nest sees the request. */
interface BodyParserError {
  type?: string;
  status?: number;
  expose?: boolean;
}

function fromHttpException(exception: HttpException): Omit<ErrorBody, 'requestId'> {
  const statusCode = exception.getStatus();
  const response = exception.getResponse();
  const given = typeof response === 'string' ? response : (response as { message?: unknown }).message;
  const message =
    statusCode === 404
      ? 'There is nothing at this address.'
      : typeof given === 'string'
        ? given
        : exception.message;
  return { statusCode, code: CODE_FOR_STATUS[statusCode] ?? `HTTP_${statusCode}`, message };
}

function fromBodyParser(error: BodyParserError): Omit<ErrorBody, 'requestId'> | null {
  switch (error.type) {
    case 'entity.parse.failed':
      return { statusCode: 400, code: 'MALFORMED_JSON', message: 'The request body is not valid JSON.' };
    case 'entity.too.deep':
      return {
        statusCode: 400,
        code: 'BODY_TOO_DEEP',
        message: `The request body nests deeper than ${MAX_JSON_DEPTH} levels.`,
      };
    case 'entity.too.large':
      return { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large.' };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the body as UTF-8 JSON.' };
    default:
      break;
  }
  // Any other error the parser marks as the client's (http-errors' `expose`, a 4xx status): a body
  // that claims an encoding it does not have (`content-encoding: gzip` on plain text), a length
  // that does not match, an aborted upload.
  const status = error.status;
  if (error.expose === true && typeof status === 'number' && status >= 400 && status < 500) {
    return status === 413
      ? { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large.' }
      : { statusCode: 400, code: 'MALFORMED_BODY', message: 'The request body could not be read.' };
  }
  return null;
}

/**
 * A backstop for values the validation missed but PostgreSQL refuses (a NUL byte, a number out of
 * range, text too long, a malformed uuid): the caller's mistake, so a 400, never a 500.
 */
const INVALID_VALUE_CODES = new Set(['22001', '22003', '22021', '22P02', '22P05', '22007', '22008']);

function fromDatabaseValueError(error: unknown): Omit<ErrorBody, 'requestId'> | null {
  const code = (error as { driverError?: { code?: unknown } }).driverError?.code;
  if (typeof code !== 'string' || !INVALID_VALUE_CODES.has(code)) return null;
  return { statusCode: 400, code: 'INVALID_VALUE', message: 'A value in the request is not valid here.' };
}

/**
 * A backstop for a foreign key PostgreSQL refuses (23503) that the service did not check first: a
 * request naming a row that does not exist (or no longer does) is a 404, a delete of a row still in
 * use a 409 — the caller's request, never a 500. Logged with the constraint's name only (the
 * driver's detail quotes values), so the missing check can be found and added.
 */
function fromForeignKeyViolation(error: unknown): Omit<ErrorBody, 'requestId'> | null {
  const driver = (error as { driverError?: { code?: unknown; detail?: unknown } }).driverError;
  if (driver?.code !== '23503') return null;
  const stillReferenced = typeof driver.detail === 'string' && driver.detail.includes('still referenced');
  return stillReferenced
    ? { statusCode: 409, code: 'CONFLICT', message: 'This is still in use by other records.' }
    : {
        statusCode: 404,
        code: 'NOT_FOUND',
        message: 'Something the request refers to does not exist, or is not yours to use.',
      };
}

@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  /** `adapter`: the app's HTTP adapter, which answers (Fastify's reply, or a bare Node response). */
  constructor(private readonly adapter: HttpServer) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    // Fastify's request and reply on routes, hooks and the not-found handler; Node's own in middleware.
    const reply = http.getResponse<FastifyReply | ServerResponse>();
    const request = http.getRequest<FastifyRequest | IncomingMessage>();
    const raw: ServerResponse = 'raw' in reply ? reply.raw : reply;
    const rawRequest = ('raw' in request ? request.raw : request) as IncomingMessage & { id?: string };
    // Fastify gives every request its id first; a bare Node request may have none yet.
    if (typeof rawRequest.id !== 'string') rawRequest.id = assignRequestId(rawRequest, raw);
    const requestId = requestIdOf(rawRequest);
    const body = this.toBody(exception, requestId);
    const retryAfter =
      exception instanceof DomainError
        ? exception.details?.retryAfterSeconds
        : body.statusCode === 503
          ? OUTAGE_RETRY_AFTER_SECONDS
          : undefined;
    // An answer already under way (an export streaming) cannot be replaced: it is cut off instead.
    if (raw.headersSent || raw.writableEnded) return;
    if (typeof retryAfter === 'number') raw.setHeader('Retry-After', String(retryAfter));
    this.adapter.reply(reply, body, body.statusCode);
  }

  private toBody(exception: unknown, requestId: string): ErrorBody {
    if (exception instanceof DomainError) {
      if (exception.logLevel !== 'debug') {
        this.logger[exception.logLevel === 'error' ? 'error' : 'warn'](
          { code: exception.code, requestId },
          exception.message,
        );
      }
      const details = exception.details === undefined ? {} : { details: exception.details };
      return {
        statusCode: statusForKind(exception.kind),
        code: exception.code,
        message: exception.message,
        ...details,
        requestId,
      };
    }
    if (isConnectionFailure(exception)) {
      // An outage, not a bug: one line when it starts (and one when it ends), not a trace per request.
      databaseOutage.noteRefused(exception, requestId);
      return {
        statusCode: 503,
        code: 'UNAVAILABLE',
        message: 'The service cannot reach its database just now. Please try again in a moment.',
        requestId,
      };
    }
    const invalidValue = fromDatabaseValueError(exception);
    if (invalidValue !== null) return { ...invalidValue, requestId };
    const missingReference = fromForeignKeyViolation(exception);
    if (missingReference !== null) {
      const { constraint, table } = (exception as { driverError: { constraint?: unknown; table?: unknown } })
        .driverError;
      this.logger.warn(
        { requestId, code: '23503', constraint, table },
        'Foreign key refused by the database',
      );
      return { ...missingReference, requestId };
    }
    if (exception instanceof HttpException) {
      const cause = exception.cause as BodyParserError | undefined;
      const parsed = cause === undefined ? null : fromBodyParser(cause);
      return { ...(parsed ?? fromHttpException(exception)), requestId };
    }
    const parsed = typeof exception === 'object' && exception !== null ? fromBodyParser(exception) : null;
    if (parsed !== null) return { ...parsed, requestId };
    this.logger.error({ requestId, err: describeSafely(exception) }, 'Unhandled error');
    return {
      statusCode: 500,
      code: 'INTERNAL_ERROR',
      message: 'Something went wrong on our side. Quote the request id if you report it.',
      requestId,
    };
  }
}

/**
 * Answers `error` in the error shape (DESIGN §6) through `filter` where no Nest route is there to call
 * it: a Fastify hook that refuses a request, or an error Fastify meets while routing.
 */
export function answerError(
  filter: ErrorFilter,
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  filter.catch(error, new ExecutionContextHost([request, reply]));
}
