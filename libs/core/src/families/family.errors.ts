import { DomainError } from '../errors';

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
} as const;
