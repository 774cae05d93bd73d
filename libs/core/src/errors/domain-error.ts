/**
 * What kind of failure an error is. The API maps each kind to one HTTP status (see the API's error
 * filter); the worker maps them to retry or give up.
 */
export type ErrorKind =
  'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'rate_limited' | 'unavailable';

export type ErrorLogLevel = 'debug' | 'warn' | 'error';

/**
 * The one error vocabulary of the services. `code` is stable and namespaced by feature
 * (`SITE.NAME_TAKEN`, `LINK_UP.GUARD_FAILED`); `details` is safe to show to the caller, so it never
 * carries names, contacts or notes.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly logLevel: ErrorLogLevel = 'debug',
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Codes shared by every feature. */
export const CommonErrors = {
  notFound: (entity: string) => new DomainError('NOT_FOUND', 'not_found', `${entity} not found.`),
  versionConflict: (entity: string, expected: number, actual: number) =>
    new DomainError(
      'VERSION_CONFLICT',
      'conflict',
      `${entity} was changed by someone else in the meantime: reload it and try again.`,
      { expectedVersion: expected, currentVersion: actual },
    ),
} as const;
