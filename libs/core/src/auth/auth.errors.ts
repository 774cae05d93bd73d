import { DomainError } from '../errors';

export const AuthErrors = {
  /** One message for an unknown email, a wrong password and a deactivated account. */
  invalidCredentials: () =>
    new DomainError('AUTH.INVALID_CREDENTIALS', 'unauthenticated', 'The email or password is not correct.'),
  throttled: (retryAfterSeconds: number) =>
    new DomainError(
      'AUTH.TOO_MANY_ATTEMPTS',
      'rate_limited',
      'Too many failed sign-ins: wait a while, then try again.',
      { retryAfterSeconds },
    ),
} as const;
