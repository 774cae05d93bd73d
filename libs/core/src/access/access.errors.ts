import { DomainError } from '../errors';

export const AccessErrors = {
  /** Missing, expired, tampered or revoked token: one message for all, so none can be told apart. */
  unauthenticated: () =>
    new DomainError(
      'AUTH.UNAUTHENTICATED',
      'unauthenticated',
      'Sign in to continue: your session is missing or has ended.',
    ),
  forbidden: () => new DomainError('ACCESS.FORBIDDEN', 'forbidden', 'Your role cannot do this.'),
  /** A route that declares no access rule: a programming error, refused and logged. */
  undeclared: (route: string) =>
    new DomainError(
      'ACCESS.UNDECLARED',
      'forbidden',
      'This route declares no access rule, so it is refused.',
      { route },
      'error',
    ),
} as const;
