import { QueryFailedError } from 'typeorm';

/** Whether `error` is PostgreSQL's unique violation, of `constraint` (an index name) when given. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driver = error.driverError as { code?: unknown; constraint?: unknown };
  return driver.code === '23505' && (constraint === undefined || driver.constraint === constraint);
}
