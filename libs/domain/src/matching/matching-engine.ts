import {
  candidateFailureMask,
  describeCautions,
  describeFailures,
  pairFailureMask,
  type PairScratch,
} from './hard-constraints';
import {
  prepareCandidate,
  prepareContext,
  prepareSeeker,
  type PreparedCandidate,
  type PreparedContext,
  type PreparedSeeker,
} from './match-profile';
import { MatchingInputError } from './matching.errors';
import {
  HARD_CONSTRAINT_KEYS,
  MATCH_FACTOR_KEYS,
  type ExcludedCandidate,
  type HardConstraintKey,
  type MatchCandidate,
  type MatchContext,
  type MatchExplanation,
  type MatchSeeker,
  type MatchSuggestion,
  type PairEvaluation,
  type SuggestionResult,
} from './matching.types';
import { computeFactorValues, explainFactors, rankingScoreFromValues } from './soft-factors';

/** Stable ordering of ids (code unit order, independent of locale). */
export const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Explanation of an eligible prepared pair (used by suggestions and the cohort matcher). */
export function explainPrepared(
  ctx: PreparedContext,
  seeker: PreparedSeeker,
  candidate: PreparedCandidate,
  distanceKm: number,
): MatchExplanation {
  return explainFactors(ctx, seeker, candidate, distanceKm, describeCautions(ctx, seeker, candidate.source));
}

/** Every hard constraint and, when the pair is eligible, the scored explanation. */
export function evaluateMatch(
  seeker: MatchSeeker,
  candidate: MatchCandidate,
  context: MatchContext,
): PairEvaluation {
  const ctx = prepareContext(context);
  const s = prepareSeeker(ctx, seeker);
  const c = prepareCandidate(ctx, candidate);
  const scratch: PairScratch = { distanceKm: Number.NaN };
  const mask = pairFailureMask(ctx, s, candidate, candidateFailureMask(ctx, candidate), scratch);
  return {
    seekingFamilyId: seeker.id,
    sharingFamilyId: candidate.id,
    eligible: mask === 0,
    failures: describeFailures(ctx, s, candidate, mask, scratch.distanceKm),
    explanation: mask === 0 ? explainPrepared(ctx, s, c, scratch.distanceKm) : null,
  };
}

export interface SuggestOptions {
  /** Overrides settings.suggestionLimit. */
  readonly limit?: number;
  /**
   * How many excluded candidates to list with their reasons (the first ones, in the order given);
   * all are still counted, per constraint. Default: all. Wording reasons is the costly part.
   */
  readonly excludedLimit?: number;
}

/**
 * Ranked Sharing families for one Seeking family, best first (ranking score desc, then id asc:
 * the score with unknown factors taken at RANKING_PRIOR, so sparse profiles do not float to the
 * top; the same order as the displayed score when everything is known), with the
 * explanation of each, plus every excluded candidate with all the constraints it failed.
 * Candidates of other sites are excluded too (reason: different site); callers usually pass one site.
 */
export function suggestMatches(
  seeker: MatchSeeker,
  candidates: readonly MatchCandidate[],
  context: MatchContext,
  options: SuggestOptions = {},
): SuggestionResult {
  const ctx = prepareContext(context);
  const limit = options.limit ?? ctx.settings.suggestionLimit;
  if (!Number.isInteger(limit) || limit < 1)
    throw new MatchingInputError(['limit must be a whole number >= 1']);
  const s = prepareSeeker(ctx, seeker);
  const scratch: PairScratch = { distanceKm: Number.NaN };
  const values = new Float64Array(MATCH_FACTOR_KEYS.length);

  // The best `limit` so far, kept sorted (best first) by insertion: limit is small.
  const top: { score: number; id: string; candidate: PreparedCandidate; distanceKm: number }[] = [];
  // Excluded candidates as parallel arrays (no per-candidate objects in the hot loop).
  const excludedIndex = new Int32Array(candidates.length);
  const excludedMask = new Int32Array(candidates.length);
  const excludedKm = new Float64Array(candidates.length);
  let excludedCount = 0;
  let eligibleCount = 0;

  for (let index = 0; index < candidates.length; index++) {
    const raw = candidates[index];
    const mask = pairFailureMask(ctx, s, raw, candidateFailureMask(ctx, raw), scratch);
    if (mask !== 0) {
      excludedIndex[excludedCount] = index;
      excludedMask[excludedCount] = mask;
      excludedKm[excludedCount] = scratch.distanceKm;
      excludedCount++;
      continue;
    }
    eligibleCount++;
    const c = prepareCandidate(ctx, raw);
    computeFactorValues(ctx, s, c, scratch.distanceKm, values);
    // Ranked with unknown factors at the prior; the explanation keeps the known-factor score.
    const score = rankingScoreFromValues(ctx.weights, values);
    if (top.length === limit) {
      const worst = top[limit - 1];
      if (score < worst.score || (score === worst.score && compareIds(raw.id, worst.id) >= 0)) continue;
      top.pop();
    }
    let at = top.length;
    while (
      at > 0 &&
      (top[at - 1].score < score || (top[at - 1].score === score && compareIds(top[at - 1].id, raw.id) > 0))
    ) {
      at--;
    }
    top.splice(at, 0, { score, id: raw.id, candidate: c, distanceKm: scratch.distanceKm });
  }

  const suggestions: MatchSuggestion[] = top.map((entry, index) => ({
    rank: index + 1,
    sharingFamilyId: entry.id,
    ...explainPrepared(ctx, s, entry.candidate, entry.distanceKm),
  }));
  const listed = Math.min(excludedCount, Math.max(0, options.excludedLimit ?? excludedCount));
  const excluded: ExcludedCandidate[] = new Array<ExcludedCandidate>(listed);
  for (let k = 0; k < listed; k++) {
    const candidate = candidates[excludedIndex[k]];
    excluded[k] = {
      sharingFamilyId: candidate.id,
      failures: describeFailures(ctx, s, candidate, excludedMask[k], excludedKm[k]),
    };
  }
  const excludedByConstraint: Partial<Record<HardConstraintKey, number>> = {};
  HARD_CONSTRAINT_KEYS.forEach((key, bit) => {
    let count = 0;
    for (let k = 0; k < excludedCount; k++) if ((excludedMask[k] & (1 << bit)) !== 0) count++;
    if (count > 0) excludedByConstraint[key] = count;
  });
  return {
    seekingFamilyId: seeker.id,
    today: ctx.today,
    plannedEndDate: ctx.plannedEndDate,
    candidateCount: candidates.length,
    eligibleCount,
    suggestions,
    excludedCount,
    excludedByConstraint,
    excluded,
  };
}
