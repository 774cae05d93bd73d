import type { Vocabularies } from '../vocabulary';

/** Decimal degrees (WGS84). */
export interface GeoPoint {
  readonly lat: number;
  readonly lng: number;
}

/**
 * A list the family has described. `null` means "not recorded" (unknown); an empty list is treated
 * the same way by the soft factors, because there is nothing to compare.
 */
export type TagList = readonly string[] | null;

/** Something a Seeking family asked not to be linked with. */
export type MatchAvoidance =
  | { readonly kind: 'trait'; readonly trait: string }
  | { readonly kind: 'suburb'; readonly suburb: string }
  | { readonly kind: 'same_suburb' };

export type SharingFamilyStatus = 'enquiry' | 'in_training' | 'approved' | 'on_hold' | 'exited';

/** A Seeking family, as the matching engine sees it. Plain data, no personal names needed. */
export interface MatchSeeker {
  readonly id: string;
  readonly siteId: string;
  readonly languages: readonly string[];
  /** An interpreter has been arranged for this family, so a shared language is not required. */
  readonly interpreterArranged: boolean;
  readonly suburb: string | null;
  readonly location: GeoPoint | null;
  readonly lifeExperiences: TagList;
  readonly goalThemes: TagList;
  readonly interests: TagList;
  readonly childrenAgeBands: TagList;
  readonly availabilitySlots: TagList;
  readonly avoidances: readonly MatchAvoidance[];
  /** ISO date the family started waiting for a link-up; drives the cohort fairness term. */
  readonly waitingSince: string | null;
}

/** A Sharing family, as the matching engine sees it. */
export interface MatchCandidate {
  readonly id: string;
  readonly siteId: string;
  readonly status: SharingFamilyStatus;
  /** 1..3; null or undefined means the programme default of 1. */
  readonly maxConcurrentLinkUps: number | null;
  /** Link-ups currently active or paused (they still hold a place). */
  readonly activeLinkUps: number;
  /**
   * Working With Children Check expiry (ISO date) of each adult; null for an adult without a
   * recorded check. An empty list means no check is recorded at all.
   */
  readonly wwccExpiries: readonly (string | null)[];
  /**
   * Whether the family's `participation` consent is current (DESIGN §3, §4.1): a family that
   * withdrew it must not be proposed. Omitted means current (callers that do not track consents).
   */
  readonly participationConsent?: boolean;
  readonly languages: readonly string[];
  readonly suburb: string | null;
  readonly location: GeoPoint | null;
  readonly lifeExperiences: TagList;
  readonly strengths: TagList;
  readonly interests: TagList;
  readonly childrenAgeBands: TagList;
  readonly availabilitySlots: TagList;
  readonly householdTraits: TagList;
}

export type MatchExclusionReason = 'known_to_each_other' | 'declined' | 'ended_badly' | 'other';

/**
 * A pair never to propose. A `declined` pair may be overridden by a coach (`overridden: true`);
 * the other reasons always hold.
 */
export interface MatchExclusion {
  readonly seekingFamilyId: string;
  readonly sharingFamilyId: string;
  readonly reason: MatchExclusionReason;
  readonly overridden?: boolean;
}

export const MATCH_FACTOR_KEYS = [
  'life_experiences',
  'strengths_goals',
  'children_ages',
  'interests',
  'distance',
  'availability',
  'current_load',
] as const;

export type MatchFactorKey = (typeof MATCH_FACTOR_KEYS)[number];

export const HARD_CONSTRAINT_KEYS = [
  'status',
  'consent',
  'capacity',
  'site',
  'exclusion',
  'wwcc',
  'language',
  'travel_distance',
  'avoidance',
] as const;

export type HardConstraintKey = (typeof HARD_CONSTRAINT_KEYS)[number];

export interface MatchingSettings {
  /** Relative weight of each soft factor (0 switches a factor off). */
  readonly weights: Readonly<Record<MatchFactorKey, number>>;
  /** Hard limit on the distance between two known locations; null for no limit. */
  readonly maxTravelKm: number | null;
  /** Distance at which the distance factor reaches 0 (used when maxTravelKm is null). */
  readonly distanceScaleKm: number;
  /** Planned link-up length: the check must not expire before today + this many weeks. */
  readonly plannedLinkUpWeeks: number;
  /** Cohort objective bonus per full week a Seeking family has waited (fit is 0..1). */
  readonly cohortFairnessPerWeekWaiting: number;
  /** Weeks of waiting beyond this earn no further bonus. */
  readonly cohortFairnessMaxWeeks: number;
  /** How many ranked suggestions to return. */
  readonly suggestionLimit: number;
  /** Default for Sharing families without a recorded maximum, and the programme cap. */
  readonly defaultMaxConcurrentLinkUps: number;
  readonly maxConcurrentLinkUpsCap: number;
  /** Goal theme -> Sharing strengths that speak to it. */
  readonly goalThemeStrengths: Readonly<Record<string, readonly string[]>>;
}

/** The inputs every matching call shares besides the families themselves. */
export interface MatchContext {
  /** Today's date (ISO, YYYY-MM-DD). The engine never reads the clock. */
  readonly today: string;
  readonly settings?: MatchingSettings;
  readonly exclusions?: readonly MatchExclusion[];
  /** Labels for explanations; defaults to DEFAULT_VOCABULARIES. */
  readonly vocabularies?: Vocabularies;
}

export interface ConstraintFailure {
  readonly key: HardConstraintKey;
  readonly reason: string;
}

export interface FactorExplanation {
  readonly key: MatchFactorKey;
  readonly label: string;
  readonly weight: number;
  /** 0..1, or null when the data needed is unknown. */
  readonly value: number | null;
  /** weight * value / (sum of weights of known factors); null when unknown. Sums to the score. */
  readonly contribution: number | null;
  readonly reason: string;
}

export interface MatchExplanation {
  /** 0..1: weighted mean of the known factors (the fit shown). */
  readonly score: number;
  /**
   * 0..1: the figure suggestions are ranked by. Every weighted factor counts, an unknown one as a
   * neutral 0.5 (RANKING_PRIOR): knownWeightShare × score + (1 − knownWeightShare) × 0.5. Equals
   * `score` when every factor is known.
   */
  readonly rankingScore: number;
  /** Share of the total weight whose factor could be assessed (0..1). */
  readonly knownWeightShare: number;
  readonly factors: readonly FactorExplanation[];
  /** Plain-language note on how the score was formed, incl. which factors were unknown. */
  readonly summary: string;
  /** Hard constraints that could not be checked for lack of data (the pair passed them). */
  readonly cautions: readonly string[];
  readonly distanceKm: number | null;
}

export interface PairEvaluation {
  readonly seekingFamilyId: string;
  readonly sharingFamilyId: string;
  readonly eligible: boolean;
  readonly failures: readonly ConstraintFailure[];
  /** Present when eligible. */
  readonly explanation: MatchExplanation | null;
}

export interface MatchSuggestion extends MatchExplanation {
  readonly rank: number;
  readonly sharingFamilyId: string;
}

export interface ExcludedCandidate {
  readonly sharingFamilyId: string;
  readonly failures: readonly ConstraintFailure[];
}

export interface SuggestionResult {
  readonly seekingFamilyId: string;
  readonly today: string;
  /** today + planned link-up weeks, the date the checks were tested against. */
  readonly plannedEndDate: string;
  readonly candidateCount: number;
  readonly eligibleCount: number;
  /**
   * Best first: `rankingScore` desc (the figure each suggestion carries: unknown factors at a
   * neutral prior), then Sharing family id asc. At most `limit`.
   */
  readonly suggestions: readonly MatchSuggestion[];
  /** How many candidates failed a hard constraint. */
  readonly excludedCount: number;
  /** How many candidates failed each hard constraint (one may fail several), in key order. */
  readonly excludedByConstraint: Readonly<Partial<Record<HardConstraintKey, number>>>;
  /**
   * The candidates that failed a hard constraint (in the order given) with each constraint they
   * failed: all of them, or the first `excludedLimit`.
   */
  readonly excluded: readonly ExcludedCandidate[];
}

export interface CohortAssignment {
  readonly seekingFamilyId: string;
  readonly sharingFamilyId: string;
  /** The pair's match score (0..1). */
  readonly fit: number;
  /** Waiting-time bonus this family brings to the objective. */
  readonly fairnessBonus: number;
  readonly weeksWaiting: number;
  readonly explanation: MatchExplanation;
}

export type CohortUnassignedReason =
  'no_eligible_sharing_family' | 'no_positive_fit' | 'places_went_to_better_overall_fit';

export interface CohortUnassigned {
  readonly seekingFamilyId: string;
  readonly reasonCode: CohortUnassignedReason;
  readonly reason: string;
  readonly eligibleCandidateCount: number;
  /** How many candidates failed each hard constraint (a candidate may fail several). */
  readonly exclusionCounts: Readonly<Partial<Record<HardConstraintKey, number>>>;
  /** The best eligible candidate for this family and where its places went. */
  readonly bestCandidate: {
    readonly sharingFamilyId: string;
    readonly fit: number;
    readonly assignedSeekingFamilyIds: readonly string[];
  } | null;
}

export interface CohortResult {
  /** Always true: coaches review it, nothing is applied automatically. */
  readonly proposalOnly: true;
  readonly today: string;
  readonly assignments: readonly CohortAssignment[];
  readonly unassigned: readonly CohortUnassigned[];
  /** Sum of the fits of the assignments. */
  readonly totalFit: number;
  /** What was maximised: total fit plus the fairness bonuses of assigned families. */
  readonly totalObjective: number;
  readonly stats: {
    readonly seekerCount: number;
    readonly candidateCount: number;
    readonly eligibleEdgeCount: number;
    readonly totalSpareCapacity: number;
  };
}
