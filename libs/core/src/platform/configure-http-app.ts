import type { INestApplication } from '@nestjs/common';
import { json, type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { DomainError } from '../errors';
import { ErrorFilter } from './error.filter';
import { AppLogger } from './logging.module';
import { createValidationPipe } from './validation.pipe';

/** The first place in a parsed body or query where a string holds a NUL character, as a field path. */
export function findNulCharacter(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = findNulCharacter(value[i], path === '' ? String(i) : `${path}.${i}`);
      if (found !== null) return found;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      const at = path === '' ? key : `${path}.${key}`;
      if (key.includes('\u0000')) return at;
      const found = findNulCharacter(child, at);
      if (found !== null) return found;
    }
  }
  return null;
}

/** PostgreSQL stores no NUL character in text: refuse it up front as a 400 naming the field. */
function refuseNulCharacters(req: Request, _res: Response, next: NextFunction): void {
  const field = findNulCharacter(req.body) ?? findNulCharacter(req.query);
  if (field === null) {
    next();
    return;
  }
  next(
    new DomainError('VALIDATION_FAILED', 'invalid', `Please check these fields: ${field}.`, {
      fields: [{ field, problems: [`${field} must not contain a NUL character`] }],
    }),
  );
}

/** What every HTTP app of the project shares: JSON logs, helmet, validation, the error shape. */
export function configureHttpApp(app: INestApplication): void {
  app.useLogger(app.get(AppLogger));
  // Helmet's default Content-Security-Policy, less `upgrade-insecure-requests`: over plain HTTP on a
  // host other than localhost (a LAN address, a staging box) it would make the browser ask for the
  // web app's scripts over HTTPS and show a blank page. HSTS still upgrades once HTTPS is in use.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
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
  app.use(refuseNulCharacters);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorFilter());
}
