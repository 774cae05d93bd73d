import type { ConstraintFailure } from '@app/domain';
import { DomainError } from '../errors';

/** A "not found" answer of a scope check (to be re-worded as the caller's own 404); nothing else. */
export const isNotFoundError = (error: unknown): boolean =>
  error instanceof DomainError && error.kind === 'not_found';

export const MatchingErrors = {
  notASeekingFamily: (familyId: string) =>
    new DomainError(
      'MATCH.NOT_A_SEEKING_FAMILY',
      'conflict',
      'Suggestions and shortlists are for Seeking families.',
      {
        familyId,
      },
    ),
  notASharingFamily: (familyId: string) =>
    new DomainError(
      'MATCH.NOT_A_SHARING_FAMILY',
      'invalid',
      'The other family of a pair must be a Sharing family.',
      {
        fields: [
          {
            field: 'sharingFamilyId',
            problems: ['sharingFamilyId must be a Sharing family of the same site'],
          },
        ],
        familyId,
      },
    ),
  seekingFamilyNotWaiting: (familyId: string, status: string) =>
    new DomainError(
      'MATCH.SEEKING_FAMILY_NOT_WAITING',
      'conflict',
      `A shortlist is offered to a family in intake, choosing or waitlisted (this one is ${status}).`,
      { familyId, status },
    ),
  candidatesNotEligible: (
    candidates: readonly { sharingFamilyId: string; failures: readonly ConstraintFailure[] }[],
  ) =>
    new DomainError(
      'MATCH.CANDIDATE_NOT_ELIGIBLE',
      'conflict',
      'A Sharing family on the shortlist fails a requirement now.',
      {
        candidates: candidates.map((c) => ({
          sharingFamilyId: c.sharingFamilyId,
          failures: c.failures.map((f) => ({ key: f.key, reason: f.reason })),
        })),
      },
    ),
  capacityFull: (sharingFamilyId: string, capacity: number, live: number) =>
    new DomainError(
      'MATCH.CAPACITY_FULL',
      'conflict',
      'The Sharing family has no spare place any more: offer another family.',
      { sharingFamilyId, capacity, liveLinkUps: live },
    ),
  proposalClosed: (proposalId: string, status: string) =>
    new DomainError(
      'MATCH.PROPOSAL_CLOSED',
      'conflict',
      `This shortlist has already been answered (${status}).`,
      {
        proposalId,
        status,
      },
    ),
  notAwaitingAnswer: (proposalId: string, status: string) =>
    new DomainError(
      'MATCH.NOT_AWAITING_ANSWER',
      'conflict',
      `This shortlist is not waiting for the Sharing family's answer (${status}).`,
      { proposalId, status },
    ),
  exclusionNotLive: (exclusionId: string) =>
    new DomainError('MATCH.EXCLUSION_NOT_LIVE', 'conflict', 'This exclusion has already been lifted.', {
      exclusionId,
    }),
  notOnShortlist: (sharingFamilyId: string) =>
    new DomainError(
      'MATCH.NOT_ON_SHORTLIST',
      'invalid',
      'The chosen Sharing family is not on this shortlist.',
      {
        fields: [
          { field: 'sharingFamilyId', problems: ['sharingFamilyId must be one of the shortlisted families'] },
        ],
        sharingFamilyId,
      },
    ),
  seekingFamilyNotWaitingForSuggestions: (familyId: string, status: string) =>
    new DomainError(
      'MATCH.SEEKING_FAMILY_NOT_WAITING',
      'conflict',
      `Suggestions are for a family in intake, choosing or waitlisted (this one is ${status}).`,
      { familyId, status },
    ),
  pairAlreadyExcluded: (exclusionId: string) =>
    new DomainError('MATCH.PAIR_ALREADY_EXCLUDED', 'conflict', 'This pair is already excluded.', {
      exclusionId,
    }),
} as const;
