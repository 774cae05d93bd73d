import type { INestApplication } from '@nestjs/common';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { ErrorFilter } from './error.filter';
import { createValidationPipe } from './validation.pipe';

/** What every HTTP app of the project shares: JSON logs, helmet, validation, the error shape. */
export function configureHttpApp(app: INestApplication): void {
  app.useLogger(app.get(Logger));
  app.use(helmet());
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorFilter());
}
