import { MATCH_PROPOSAL_STATUSES, type Actor, type MatchExclusion, type MatchProposal } from '@app/core';
import { rankingScoreOf, type MatchExplanation } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FactorExplanationView {
  @ApiProperty() key: string;
  @ApiProperty() label: string;
  @ApiProperty() weight: number;
  @ApiProperty({ nullable: true, type: Number, description: '0..1, or null when unknown (not scored).' })
  value: number | null;
  @ApiProperty({ nullable: true, type: Number }) contribution: number | null;
  @ApiProperty() reason: string;
}

export class MatchExplanationView {
  @ApiProperty({ description: 'The fit shown (0..1): weighted mean of the factors that are known.' })
  score: number;
  @ApiProperty({
    description:
      'The figure suggestions and shortlists are ranked by (0..1): every factor counted, an unknown one as a neutral 0.5, i.e. knownWeightShare × score + (1 − knownWeightShare) × 0.5. Equals score when every factor is known.',
  })
  rankingScore: number;
  @ApiProperty({ description: 'Share of the total weight whose factor is known (0..1).' })
  knownWeightShare: number;
  @ApiProperty({ type: [FactorExplanationView] }) factors: FactorExplanationView[];
  @ApiProperty() summary: string;
  @ApiProperty({ type: [String] }) cautions: string[];
  @ApiProperty({ nullable: true, type: Number }) distanceKm: number | null;
}

export class ConstraintFailureView {
  @ApiProperty() key: string;
  @ApiProperty() reason: string;
}

export class SuggestionView extends MatchExplanationView {
  @ApiProperty() rank: number;
  @ApiProperty({ format: 'uuid' }) sharingFamilyId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ nullable: true, type: String }) suburb: string | null;
  @ApiProperty() previouslyDeclined: boolean;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'These two families were linked before: that link-up (one of `previousLinkUps`).',
  })
  previousLinkUpId: string | null;
}

export class PreviousLinkUpView {
  @ApiProperty({ format: 'uuid' }) linkUpId: string;
  @ApiProperty({ format: 'uuid' }) sharingFamilyId: string;
  @ApiProperty() sharingFamilyName: string;
  @ApiProperty({ enum: ['completed', 'ended_early'] }) status: string;
  @ApiProperty({
    enum: ['relationship_building', 'doing_with', 'doing_without'],
    description: 'The furthest stage it reached.',
  })
  stageReached: string;
  @ApiProperty({ description: 'Whole weeks from its start to its end.' }) weeks: number;
  @ApiProperty({ nullable: true, type: String, description: 'Closure reason, or the end-early reason code.' })
  reason: string | null;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) endedAt: string | null;
  @ApiProperty({
    description: 'Whether the pair is excluded from suggestions now (e.g. it ended for not_a_good_fit).',
  })
  pairExcluded: boolean;
}

export class ExcludedView {
  @ApiProperty({ format: 'uuid' }) sharingFamilyId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: [ConstraintFailureView] }) failures: ConstraintFailureView[];
}

export class SuggestionsResponseView {
  @ApiProperty({ format: 'uuid' }) seekingFamilyId: string;
  @ApiProperty({ format: 'date' }) today: string;
  @ApiProperty({ format: 'date' }) plannedEndDate: string;
  @ApiProperty() settingsVersion: number;
  @ApiProperty() candidateCount: number;
  @ApiProperty() eligibleCount: number;
  @ApiProperty({ type: [SuggestionView] }) suggestions: SuggestionView[];
  @ApiProperty() excludedCount: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } })
  excludedByConstraint: Record<string, number>;
  @ApiProperty({ type: [ExcludedView] }) excluded: ExcludedView[];
  @ApiProperty({
    type: [PreviousLinkUpView],
    description: 'A re-match carries the history: the Seeking family’s earlier link-ups, newest first.',
  })
  previousLinkUps: PreviousLinkUpView[];
}

export class ExclusionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) seekingFamilyId: string;
  @ApiProperty({ format: 'uuid' }) sharingFamilyId: string;
  @ApiProperty({ enum: ['known_to_each_other', 'declined', 'ended_badly', 'other'] }) reason: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'When it was lifted.' })
  liftedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why it was lifted (a reason code).' })
  liftReason: string | null;
}

/** A live exclusion as a family's record lists it: with both families' names. */
export class ExclusionListItemView extends ExclusionView {
  @ApiProperty() seekingFamilyName: string;
  @ApiProperty() sharingFamilyName: string;
}

export class ShortlistedView {
  @ApiProperty({ format: 'uuid' }) sharingFamilyId: string;
  @ApiPropertyOptional({ description: 'Staff only.' }) displayName?: string;
  @ApiProperty() rank: number;
  @ApiProperty() score: number;
  @ApiProperty({ description: 'The figure the shortlist is ordered by (see MatchExplanationView).' })
  rankingScore: number;
  @ApiProperty({ type: MatchExplanationView }) explanation: MatchExplanationView;
  @ApiProperty() overrodeDecline: boolean;
}

export class MatchProposalView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ format: 'uuid' }) seekingFamilyId: string;
  @ApiProperty({ format: 'uuid' }) offeredBy: string;
  @ApiProperty({ enum: MATCH_PROPOSAL_STATUSES }) status: string;
  @ApiProperty({ type: [ShortlistedView] }) candidates: ShortlistedView[];
  @ApiProperty() settingsVersion: number;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) chosenSharingFamilyId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) linkUpId: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CohortAssignmentView {
  @ApiProperty({ format: 'uuid' }) seekingFamilyId: string;
  @ApiProperty({ format: 'uuid' }) sharingFamilyId: string;
  @ApiProperty() fit: number;
  @ApiProperty() fairnessBonus: number;
  @ApiProperty() weeksWaiting: number;
  @ApiProperty({ type: MatchExplanationView }) explanation: MatchExplanationView;
}

export class CohortUnassignedView {
  @ApiProperty({ format: 'uuid' }) seekingFamilyId: string;
  @ApiProperty({
    enum: ['no_eligible_sharing_family', 'no_positive_fit', 'places_went_to_better_overall_fit'],
  })
  reasonCode: string;
  @ApiProperty() reason: string;
  @ApiProperty() eligibleCandidateCount: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } }) exclusionCounts: Record<
    string,
    number
  >;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true }) bestCandidate: object | null;
}

export class CohortResponseView {
  @ApiProperty({ enum: [true] }) proposalOnly: true;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ format: 'date' }) today: string;
  @ApiProperty() settingsVersion: number;
  @ApiProperty() fairnessPerWeekWaiting: number;
  @ApiProperty() fairnessMaxWeeks: number;
  @ApiProperty({ type: [CohortAssignmentView] }) assignments: CohortAssignmentView[];
  @ApiProperty({ type: [CohortUnassignedView] }) unassigned: CohortUnassignedView[];
  @ApiProperty() totalFit: number;
  @ApiProperty() totalObjective: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } }) stats: Record<string, number>;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Preferred display names.',
  })
  displayNames: Record<string, string>;
}

export const toExclusionView = (e: MatchExclusion): ExclusionView => ({
  id: e.id,
  seekingFamilyId: e.seekingFamilyId,
  sharingFamilyId: e.sharingFamilyId,
  reason: e.reason,
  createdAt: e.createdAt.toISOString(),
  liftedAt: e.overriddenAt?.toISOString() ?? null,
  liftReason: e.liftReason,
});

const STAFF_ROLES = new Set(['coach', 'supervisor', 'admin']);

/** A factor's value in words, with nothing of the other family's details. */
const coarseReason = (value: number | null): string =>
  value === null
    ? 'Not known yet'
    : value >= 2 / 3
      ? 'A strong fit'
      : value >= 1 / 3
        ? 'Some fit'
        : 'Little in common here';

/**
 * The explanation a family user sees of a Sharing family that has not consented to share with a
 * partner family: per factor its label, weight, value and contribution with a coarse reason, but
 * not the reasons that name the other family's life experiences, strengths or interests, nor the
 * distance or cautions.
 */
export const reducedExplanation = (e: MatchExplanationView): MatchExplanationView => ({
  score: e.score,
  rankingScore: e.rankingScore,
  knownWeightShare: e.knownWeightShare,
  factors: e.factors.map((f) => ({
    key: f.key,
    label: f.label,
    weight: f.weight,
    value: f.value,
    contribution: f.contribution,
    reason: coarseReason(f.value),
  })),
  summary:
    e.knownWeightShare >= 1
      ? `Fit ${Math.round(e.score * 100)}% from what is known about both families.`
      : `Fit ${Math.round(e.score * 100)}% from what is known about both families; ranked at ${Math.round(e.rankingScore * 100)}%, counting what is not known yet as a neutral 50%.`,
  cautions: [],
  distanceKm: null,
});

/**
 * A snapshotted explanation as a view; one offered before explanations carried `rankingScore`
 * gets it from the same rule (rankingScoreOf).
 */
const snapshotExplanation = (e: MatchExplanation): MatchExplanationView =>
  ({
    ...e,
    rankingScore: rankingScoreOf(e),
  }) as unknown as MatchExplanationView;

/**
 * A shortlist as its reader may see it. A family user sees why each option was suggested, but the
 * other families' names only through a link-up (its coach introduces them), and the full reasons
 * (the other family's life experiences, distance...) only of a Sharing family whose
 * `share_with_partner_family` consent is granted (`sharesWithPartner`).
 */
export const toMatchProposalView = (
  p: MatchProposal,
  actor: Actor,
  displayNames: ReadonlyMap<string, string>,
  sharesWithPartner: ReadonlySet<string> = new Set(),
): MatchProposalView => ({
  id: p.id,
  siteId: p.siteId,
  seekingFamilyId: p.seekingFamilyId,
  offeredBy: p.offeredBy,
  status: p.status,
  candidates: p.candidates.map((c) => {
    const explanation = snapshotExplanation(c.explanation);
    return {
      sharingFamilyId: c.sharingFamilyId,
      ...(STAFF_ROLES.has(actor.role) ? { displayName: displayNames.get(c.sharingFamilyId) ?? '' } : {}),
      rank: c.rank,
      score: c.score,
      rankingScore: c.rankingScore ?? explanation.rankingScore,
      explanation:
        STAFF_ROLES.has(actor.role) || sharesWithPartner.has(c.sharingFamilyId)
          ? explanation
          : reducedExplanation(explanation),
      overrodeDecline: c.overrodeDecline,
    };
  }),
  settingsVersion: p.settingsVersion,
  chosenSharingFamilyId: p.chosenSharingFamilyId,
  linkUpId: p.linkUpId,
  decidedAt: p.decidedAt?.toISOString() ?? null,
  version: p.version,
  createdAt: p.createdAt.toISOString(),
});
