import { AppConfig } from '@app/config';
import { Injectable, Module, RequestMethod } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { Logger, LoggerModule } from 'nestjs-pino';
import { assignRequestId } from './request-id';

/**
 * Structured JSON logs (pino). Each HTTP log line carries the request id; request bodies, query
 * strings and headers other than a few harmless ones are never logged, so names, contacts and notes
 * cannot reach the logs through them.
 */
/** Nest's own start-up chatter (modules loaded, routes mapped), dropped so the useful lines stand out. */
const QUIET_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory']);

@Injectable()
export class AppLogger extends Logger {
  override log(message: unknown, ...optionalParams: unknown[]): void {
    const context = optionalParams.at(-1);
    if (typeof context === 'string' && QUIET_CONTEXTS.has(context)) return;
    super.log(message, ...optionalParams);
  }
}

@Module({
  providers: [AppLogger],
  exports: [AppLogger],
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
        pinoHttp: {
          level: config.logLevel,
          genReqId: assignRequestId,
          customAttributeKeys: { reqId: 'requestId' },
          // Probes and scrapes, every few seconds each: not worth a line apiece.
          autoLogging: {
            // `originalUrl`: the path asked for (the middleware layer may have cut `url` down to `/`).
            ignore: (req: IncomingMessage & { originalUrl?: string }) =>
              /^\/(health|metrics)(\/|\?|$)/.test(req.originalUrl ?? req.url ?? ''),
          },
          serializers: {
            req: (req: { id: string; method: string; url: string }) => ({
              id: req.id,
              method: req.method,
              path: req.url.split('?')[0],
            }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            // A 5xx request line carries pino-http's own "failed with status code" error: its type and
            // message only, not a stack per request (the error filter logs what caused it, once).
            err: (err: { type?: string; message?: string }) => ({ type: err.type, message: err.message }),
          },
          base: { service: 'family-link' },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
