import type { GuardResult, StageGuardName, TransitionErrorCode } from '@app/domain';
import { DomainError, type ErrorKind } from '../errors';

/** How each refusal of the stage machine answers: a state conflict is a 409, missing input a 400. */
function kindOf(code: TransitionErrorCode): ErrorKind {
  switch (code) {
    case 'REASON_REQUIRED':
    case 'NOTE_REQUIRED':
    case 'INVALID_END_REASON':
      return 'invalid';
    case 'GUARD_FAILED':
    case 'LINK_UP_CLOSED':
    case 'LINK_UP_PAUSED':
    case 'ALREADY_PAUSED':
    case 'NOT_PAUSED':
    case 'ALREADY_IN_STAGE':
    case 'WRONG_DIRECTION':
    case 'STAGE_SKIP_NOT_ALLOWED':
    case 'NO_NEXT_STAGE':
    case 'NO_PREVIOUS_STAGE':
    case 'NOT_IN_FINAL_STAGE':
      return 'conflict';
  }
}

/** The request field a 400 refusal is about. */
function fieldOf(code: TransitionErrorCode): string | null {
  switch (code) {
    case 'REASON_REQUIRED':
    case 'NOTE_REQUIRED':
      return 'reason';
    case 'INVALID_END_REASON':
      return 'closureReason';
    default:
      return null;
  }
}

export const LinkUpErrors = {
  seekingFamilyAlreadyLinked: (seekingFamilyId: string) =>
    new DomainError(
      'MATCH.SEEKING_FAMILY_ALREADY_LINKED',
      'conflict',
      'This Seeking family already has a live link-up.',
      {
        seekingFamilyId,
      },
    ),
  /**
   * The stage machine refused a move: `LINK_UP.GUARD_FAILED` (409) lists the unmet guards by name in
   * `details.unmetGuards`; other state conflicts are 409s; missing reasons are 400s naming the field.
   */
  transitionRefused: (
    code: TransitionErrorCode,
    message: string,
    unmetGuards: readonly StageGuardName[],
    unmetGuardDetails: readonly GuardResult[],
  ) => {
    const field = fieldOf(code);
    const details: Record<string, unknown> =
      code === 'GUARD_FAILED'
        ? {
            unmetGuards: [...unmetGuards],
            guards: unmetGuardDetails.map((g) => ({
              guard: g.guard,
              message: g.message,
              required: g.required,
              actual: g.actual,
            })),
          }
        : field !== null
          ? { fields: [{ field, problems: [message] }] }
          : {};
    return new DomainError(`LINK_UP.${code}`, kindOf(code), message, details);
  },
  unknownTarget: (message: string) =>
    new DomainError('VALIDATION_FAILED', 'invalid', message, {
      fields: [{ field: 'to', problems: [message] }],
    }),
  closed: () =>
    new DomainError(
      'LINK_UP.LINK_UP_CLOSED',
      'conflict',
      'The link-up is closed; nothing can be added or changed any more.',
    ),
  alreadyTheCoach: () =>
    new DomainError('LINK_UP.ALREADY_THE_COACH', 'conflict', 'This coach already coaches the link-up.'),
  unknownCoach: (coachId: string) =>
    new DomainError(
      'VALIDATION_FAILED',
      'invalid',
      'The new coach must be an active coach or supervisor of the link-up’s site.',
      {
        fields: [{ field: 'coachId', problems: ['coachId must be an active coach of the link-up’s site'] }],
        coachId,
      },
    ),
} as const;
