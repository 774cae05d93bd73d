export { FIT_BANDS, FIT_BAND_KEYS, fitBandOf, goalAttainmentChange } from './calibration';
export type { FitBand, FitBandKey } from './calibration';
export { CandidateIndex } from './candidate-index';
export {
  COHORT_WEIGHT_SCALE,
  eligibleGraphByScan,
  eligibleGraphFromIndex,
  matchCohort,
  prepareCohort,
} from './cohort-matcher';
export type { EligibleGraph } from './cohort-matcher';
export { haversineKm } from './geo-distance';
export { compareIds, evaluateMatch, suggestMatches } from './matching-engine';
export { suggestMatchesFromIndex } from './indexed-suggestions';
export type { SuggestOptions } from './matching-engine';
export { MatchingInputError } from './matching.errors';
export {
  DEFAULT_MATCHING_SETTINGS,
  DEFAULT_MATCHING_WEIGHTS,
  DEFAULT_PLANNED_LINK_UP_WEEKS,
  resolveMatchingSettings,
  validateMatchingSettings,
} from './matching-settings';
export type { MatchingSettingsOverrides } from './matching-settings';
export { HARD_CONSTRAINT_KEYS, MATCH_FACTOR_KEYS } from './matching.types';
export type {
  CohortAssignment,
  CohortResult,
  CohortUnassigned,
  CohortUnassignedReason,
  ConstraintFailure,
  ExcludedCandidate,
  FactorExplanation,
  GeoPoint,
  HardConstraintKey,
  MatchAvoidance,
  MatchCandidate,
  MatchContext,
  MatchExclusion,
  MatchExclusionReason,
  MatchExplanation,
  MatchFactorKey,
  MatchingSettings,
  MatchSeeker,
  MatchSuggestion,
  PairEvaluation,
  SharingFamilyStatus,
  SuggestionResult,
  TagList,
} from './matching.types';
export { maxWeightBMatching } from './max-weight-b-matching';
export type { BipartiteGraph, BMatchingOptions, BMatchingResult } from './max-weight-b-matching';
export {
  AVAILABILITY_SLOTS_FOR_FULL_VALUE,
  FACTOR_LABELS,
  RANKING_PRIOR,
  rankingScoreOf,
} from './soft-factors';
