import { DomainError } from '../errors';

export const ExportErrors = {
  /** Exports are for evaluators and admins only (the route says so too). */
  notAllowed: () =>
    new DomainError(
      'ACCESS.FORBIDDEN',
      'forbidden',
      'Only evaluators and admins can export record-level data.',
    ),
  /** The summary report is for evaluators, admins, supervisors and coaches. */
  reportNotAllowed: () =>
    new DomainError(
      'ACCESS.FORBIDDEN',
      'forbidden',
      'Only evaluators, admins, supervisors and coaches can read the summary report.',
    ),
  /** Too many exports running: in this process, or for this user. */
  tooManyAtOnce: (retryAfterSeconds: number, scope: 'user' | 'server') =>
    new DomainError(
      'EXPORT.TOO_MANY_AT_ONCE',
      'rate_limited',
      scope === 'user'
        ? 'You already have an export running: wait for it to finish, then try again.'
        : 'Too many exports are running right now: try again shortly.',
      { retryAfterSeconds, limit: scope },
    ),
} as const;
