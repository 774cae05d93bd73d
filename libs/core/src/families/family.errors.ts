import { DomainError, type FieldProblem } from '../errors';

export const FamilyErrors = {
  siteOutOfScope: () => new DomainError('NOT_FOUND', 'not_found', 'Site not found.'),
  unknownCoach: (coachId: string) =>
    new DomainError(
      'FAMILY.UNKNOWN_COACH',
      'invalid',
      'The coach must be an active coach or supervisor of the family’s site.',
      {
        coachId,
      },
    ),
  /** The same shape as the validation pipe's, for rules that need the programme settings. */
  invalidFields: (fields: readonly FieldProblem[]) =>
    new DomainError(
      'VALIDATION_FAILED',
      'invalid',
      `Please check these fields: ${fields.map((f) => f.field).join(', ')}.`,
      { fields },
    ),
  statusMoveNotAllowed: (from: string, to: string, allowed: readonly string[], why?: string) =>
    new DomainError(
      'FAMILY.STATUS_MOVE_NOT_ALLOWED',
      'conflict',
      why ?? `A family cannot move from ${from} to ${to}.`,
      { from, to, allowed: [...allowed] },
    ),
  approvalGuardsUnmet: (
    unmet: readonly { guard: string; message: string; personIds?: readonly string[] }[],
  ) =>
    new DomainError(
      'FAMILY.APPROVAL_GUARDS_UNMET',
      'conflict',
      `The family cannot be approved yet: ${unmet.map((u) => u.guard).join(', ')}.`,
      {
        unmet: unmet.map((u) => ({
          guard: u.guard,
          message: u.message,
          ...(u.personIds === undefined ? {} : { personIds: [...u.personIds] }),
        })),
      },
    ),
  hasLiveLinkUp: (familyId: string, to: string) =>
    new DomainError(
      'FAMILY.HAS_LIVE_LINK_UP',
      'conflict',
      `The family is in a live link-up: end or complete it before moving the family to ${to}.`,
      { familyId },
    ),
  capacityBelowLiveLinkUps: (familyId: string, maxConcurrentLinkUps: number, live: number) =>
    new DomainError(
      'FAMILY.CAPACITY_BELOW_LIVE_LINK_UPS',
      'conflict',
      `The family is in ${live} live link-up${live === 1 ? '' : 's'}: its capacity cannot be lower than that.`,
      { familyId, maxConcurrentLinkUps, liveLinkUps: live },
    ),
  signOffNeedsCoach: () =>
    new DomainError(
      'FAMILY.SIGN_OFF_NEEDS_COACH',
      'invalid',
      'Only a coach or supervisor can sign a family off.',
      {
        fields: [{ field: 'signOff', problems: ['signOff is given by a coach or supervisor'] }],
      },
    ),
} as const;
