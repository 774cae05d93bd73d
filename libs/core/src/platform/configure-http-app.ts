import type { INestApplication } from '@nestjs/common';
import { json, type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { DomainError } from '../errors';
import { ErrorFilter } from './error.filter';
import { AppLogger } from './logging.module';
import { createValidationPipe } from './validation.pipe';

/** What every HTTP app of the project shares: JSON logs, helmet, validation, the error shape. */
export function configureHttpApp(app: INestApplication): void {
  app.useLogger(app.get(AppLogger));
  app.use(helmet());
  // Parses JSON before Nest's own parser (which then skips the request), so that a malformed body
  // reaches the error filter as MALFORMED_JSON rather than as an anonymous 400.
  const parse = json({ limit: '1mb' });
  app.use((req: Request, res: Response, next: NextFunction) =>
    parse(req, res, (error?: unknown) => {
      if (error instanceof SyntaxError) {
        next(new DomainError('MALFORMED_JSON', 'invalid', 'The request body is not valid JSON.'));
        return;
      }
      next(error);
    }),
  );
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorFilter());
}
