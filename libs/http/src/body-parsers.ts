import { DomainError } from '@app/core';
import bodyParser from 'body-parser';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { refuseDeepJson } from './request-body-guards';

/** The largest JSON body any route accepts. */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;

type ConnectParser = (req: IncomingMessage, res: unknown, next: (error?: unknown) => void) => void;

/**
 * A body-parser middleware as a Fastify content-type parser: it reads the request itself, with
 * everything body-parser checks (the limit, the declared length, `content-encoding` gzip, deflate or
 * br and no other, the charset), and its errors (`entity.too.large`…) reach the error filter as they
 * did on Express. A body that is not JSON is MALFORMED_JSON.
 */
function fromBodyParser(parse: ConnectParser) {
  return (
    request: FastifyRequest,
    _payload: unknown,
    done: (error: Error | null, body?: unknown) => void,
  ) => {
    const raw = request.raw as IncomingMessage & { body?: unknown };
    parse(raw, undefined, (error?: unknown) => {
      if (error === undefined || error === null) done(null, raw.body);
      else if (error instanceof SyntaxError)
        done(new DomainError('MALFORMED_JSON', 'invalid', 'The request body is not valid JSON.'));
      else done(error as Error);
    });
  };
}

/**
 * The body parsers of every app, as on Express: JSON (at most 1 MB, its nesting depth checked on the
 * raw bytes before parsing: `refuseDeepJson`), forms (body-parser's extended form, at most 100 kB,
 * as Nest's Express default), and no other type: another body is not read (the route sees none, as
 * on Express, rather than Fastify's 415).
 */
export function useBodyParsers(instance: FastifyInstance): void {
  instance.removeAllContentTypeParsers();
  instance.addContentTypeParser(
    'application/json',
    fromBodyParser(bodyParser.json({ limit: MAX_JSON_BODY_BYTES, verify: refuseDeepJson }) as ConnectParser),
  );
  instance.addContentTypeParser(
    'application/x-www-form-urlencoded',
    fromBodyParser(bodyParser.urlencoded({ extended: true }) as ConnectParser),
  );
  instance.addContentTypeParser('*', (_request, payload, done) => {
    payload.resume();
    done(null, undefined);
  });
}
