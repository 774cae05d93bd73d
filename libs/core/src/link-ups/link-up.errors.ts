import { DomainError } from '../errors';

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
} as const;
