import { DomainError } from '../errors';

export const CheckInErrors = {
  notOpen: (status: string) =>
    new DomainError(
      'CHECK_IN.NOT_OPEN',
      'conflict',
      `This check-in is ${status}: only a scheduled, due or missed check-in can be recorded as held.`,
      { status },
    ),
  heldInFuture: () =>
    new DomainError('VALIDATION_FAILED', 'invalid', 'Please check these fields: heldAt.', {
      fields: [{ field: 'heldAt', problems: ['heldAt cannot be in the future'] }],
    }),
} as const;
