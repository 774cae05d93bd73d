import { AppConfig } from '@app/config';
import { Module } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { assignRequestId } from './request-id';

/**
 * Structured JSON logs (pino). Each HTTP log line carries the request id; request bodies, query
 * strings and headers other than a few harmless ones are never logged, so names, contacts and notes
 * cannot reach the logs through them.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.logLevel,
          genReqId: assignRequestId,
          customAttributeKeys: { reqId: 'requestId' },
          autoLogging: { ignore: (req: IncomingMessage) => (req.url ?? '').startsWith('/health') },
          serializers: {
            req: (req: { id: string; method: string; url: string }) => ({
              id: req.id,
              method: req.method,
              path: req.url.split('?')[0],
            }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
          base: { service: 'family-link' },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
