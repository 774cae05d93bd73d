import { chooseRequestId } from '@app/core';
import type { INestApplication } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { MAX_JSON_BODY_BYTES, useBodyParsers } from './body-parsers';

/** How long a client has to send a whole request (Node's default, which Fastify sets to none). */
export const REQUEST_TIMEOUT_MS = 300_000;

/** Fastify's id for a new request, kept on the Node request too, where the request logger reads it. */
function idOfNewRequest(raw: IncomingMessage): string {
  const id = chooseRequestId(raw);
  (raw as IncomingMessage & { id?: string }).id = id;
  return id;
}

/** Answers an error Fastify meets before it has a route for the request (a path it cannot decode). */
export type FrameworkErrorAnswer = (error: Error, request: FastifyRequest, reply: FastifyReply) => void;

/**
 * The HTTP adapter of every app of the project: Fastify (issue 17, BENCHMARKS.md "The HTTP adapter"),
 * set up to answer as the Express apps did: case-insensitive paths and an optional trailing slash
 * (Express's defaults), no proxy trusted (`request.ip` is the peer's address), path parameters of any
 * length (a long id is refused by validation, not by the router), our body parsers instead of Nest's
 * (`useBodyParsers`), the request id ours (`chooseRequestId`).
 */
export class HttpAdapter extends FastifyAdapter {
  private readonly frameworkErrors: { answer?: FrameworkErrorAnswer };

  constructor() {
    const frameworkErrors: { answer?: FrameworkErrorAnswer } = {};
    super({
      trustProxy: false,
      // Node's own limit on receiving a whole request, which Fastify turns off: a client trickling its
      // body would otherwise hold a connection for ever. Kept-alive connections live Fastify's 72 s,
      // longer than a load balancer's usual 60 s idle timeout (with Node's 5 s, the server could close
      // one as the balancer reuses it: a 502).
      requestTimeout: REQUEST_TIMEOUT_MS,
      // Our parsers enforce the limit themselves (body-parser's); Fastify's applies to any other it runs.
      bodyLimit: MAX_JSON_BODY_BYTES,
      genReqId: idOfNewRequest,
      // Before `answerFrameworkErrorsWith` (configureHttpApp), Fastify's own answer.
      frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => {
        if (frameworkErrors.answer === undefined) void reply.send(error);
        else frameworkErrors.answer(error, request, reply);
      },
      routerOptions: { caseSensitive: false, ignoreTrailingSlash: true, maxParamLength: 16_384 },
    });
    this.frameworkErrors = frameworkErrors;
    useBodyParsers(this.getInstance());
  }

  /**
   * Who answers the errors Fastify meets while routing (`frameworkErrors`): no hook, no route and no
   * error handler of the app's has run for them yet.
   */
  answerFrameworkErrorsWith(answer: FrameworkErrorAnswer): void {
    this.frameworkErrors.answer = answer;
  }

  /** Nest's JSON and form parsers: ours (`useBodyParsers`) are already in place. */
  override registerParserMiddleware(): void {}
}

/** The project's HTTP adapter (`HttpAdapter`), for `NestFactory.create` and `createNestApplication`. */
export function createHttpAdapter(): HttpAdapter {
  return new HttpAdapter();
}

/** What the apps are: Nest on Fastify. */
export type HttpApp = NestFastifyApplication;

/**
 * Initialises an app that is not going to listen (a test's, a benchmark's) and waits for Fastify to
 * load its plugins, so that `app.getHttpServer()` answers every route.
 */
export async function initHttpApp(app: INestApplication): Promise<void> {
  await app.init();
  await (app as HttpApp).getHttpAdapter().getInstance().ready();
}
