import { isValidPoint } from './geo-distance';
import { formatKm, listOf, missingWhose } from './hard-constraints';
import type { PreparedCandidate, PreparedContext, PreparedSeeker } from './match-profile';
import {
  MATCH_FACTOR_KEYS,
  type FactorExplanation,
  type MatchExplanation,
  type MatchFactorKey,
} from './matching.types';

/** Index of each factor in MATCH_FACTOR_KEYS (and in the values array). */
const F = Object.freeze({
  lifeExperiences: 0,
  strengthsGoals: 1,
  childrenAges: 2,
  interests: 3,
  distance: 4,
  availability: 5,
  currentLoad: 6,
});

/** Two shared times a week are plenty to meet; more earns nothing extra. */
export const AVAILABILITY_SLOTS_FOR_FULL_VALUE = 2;

export const FACTOR_LABELS: Readonly<Record<MatchFactorKey, string>> = Object.freeze({
  life_experiences: 'Shared life experiences',
  strengths_goals: 'Strengths for the goals',
  children_ages: "Children's ages",
  interests: 'Shared interests',
  distance: 'Distance',
  availability: 'Times that suit both',
  current_load: 'Current load',
});

/** Distinct entries of a small list (no allocation). */
export function distinctCount(list: readonly string[] | null): number {
  if (list === null) return 0;
  let count = 0;
  for (let i = 0; i < list.length; i++) if (list.indexOf(list[i]) === i) count++;
  return count;
}

/** Distinct entries of `list` that are also in `set` (no allocation). */
export function sharedCount(set: ReadonlySet<string>, list: readonly string[] | null): number {
  if (list === null || set.size === 0) return 0;
  let count = 0;
  for (let i = 0; i < list.length; i++) if (set.has(list[i]) && list.indexOf(list[i]) === i) count++;
  return count;
}

function hasAny(set: ReadonlySet<string>, list: readonly string[]): boolean {
  for (const item of list) if (set.has(item)) return true;
  return false;
}

/** 1 for a child in the same band, 0.5 for a neighbouring band (vocabulary order), else 0. */
function ageBandCredit(band: PreparedSeeker['ageBands'][number], candidateBands: readonly string[]): number {
  if (candidateBands.includes(band.band)) return 1;
  for (const neighbour of band.neighbours) if (candidateBands.includes(neighbour)) return 0.5;
  return 0;
}

/**
 * Each factor's value (0..1) into `out`, NaN when the data needed is unknown. `distanceKm` is NaN
 * when a location is unknown. Allocates nothing.
 */
export function computeFactorValues(
  ctx: PreparedContext,
  seeker: PreparedSeeker,
  candidate: PreparedCandidate,
  distanceKm: number,
  out: Float64Array,
): void {
  const c = candidate.source;
  const seekerExperiences = seeker.lifeExperiences.size;
  out[F.lifeExperiences] =
    seekerExperiences === 0 || distinctCount(c.lifeExperiences) === 0
      ? Number.NaN
      : sharedCount(seeker.lifeExperiences, c.lifeExperiences) / seekerExperiences;

  const themes = seeker.themes;
  const strengths = c.strengths ?? [];
  if (themes.length === 0 || strengths.length === 0) {
    out[F.strengthsGoals] = Number.NaN;
  } else {
    let covered = 0;
    for (const theme of themes) if (hasAny(theme.strengths, strengths)) covered++;
    out[F.strengthsGoals] = covered / themes.length;
  }

  const bands = seeker.ageBands;
  const candidateBands = c.childrenAgeBands ?? [];
  if (bands.length === 0 || candidateBands.length === 0) {
    out[F.childrenAges] = Number.NaN;
  } else {
    let sum = 0;
    for (const band of bands) sum += ageBandCredit(band, candidateBands);
    out[F.childrenAges] = sum / bands.length;
  }

  const candidateInterests = distinctCount(c.interests);
  out[F.interests] =
    seeker.interests.size === 0 || candidateInterests === 0
      ? Number.NaN
      : sharedCount(seeker.interests, c.interests) / Math.min(seeker.interests.size, candidateInterests);

  out[F.distance] = Number.isNaN(distanceKm)
    ? Number.NaN
    : Math.max(0, 1 - distanceKm / (ctx.settings.maxTravelKm ?? ctx.settings.distanceScaleKm));

  const candidateSlots = distinctCount(c.availabilitySlots);
  out[F.availability] =
    seeker.availability.size === 0 || candidateSlots === 0
      ? Number.NaN
      : Math.min(
          1,
          sharedCount(seeker.availability, c.availabilitySlots) /
            Math.min(AVAILABILITY_SLOTS_FOR_FULL_VALUE, seeker.availability.size, candidateSlots),
        );

  out[F.currentLoad] = Math.max(0, 1 - Math.max(0, c.activeLinkUps) / candidate.capacity);
}

/** Weighted mean of the known factor values; 0 when no weighted factor is known. */
export function scoreFromValues(weights: Float64Array, values: Float64Array): number {
  let weighted = 0;
  let knownWeight = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === value) {
      weighted += weights[i] * value;
      knownWeight += weights[i];
    }
  }
  return knownWeight > 0 ? weighted / knownWeight : 0;
}

/** What an unknown factor is taken to be worth when ranking (not in the displayed fit). */
export const RANKING_PRIOR = 0.5;

/**
 * The figure suggestions are ranked by (the one rule): every weighted factor counts, an unknown one
 * at RANKING_PRIOR, so a pair scored on one lucky factor does not outrank a well-known good pair.
 * Equivalently knownWeightShare × fit + (1 − knownWeightShare) × RANKING_PRIOR (see
 * rankingScoreOf). The displayed fit stays the weighted mean of the known factors (DESIGN §4.2);
 * both are equal, bit for bit, when every weighted factor is known.
 */
export function rankingScoreFromValues(weights: Float64Array, values: Float64Array): number {
  let weighted = 0;
  let totalWeight = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    weighted += weights[i] * (value === value ? value : RANKING_PRIOR);
    totalWeight += weights[i];
  }
  return totalWeight > 0 ? weighted / totalWeight : 0;
}

/**
 * The ranking figure of an explanation: the one it carries, or, for a snapshot taken before
 * explanations carried it, the same rule from its fit and share of weight known.
 */
export function rankingScoreOf(explanation: {
  readonly score: number;
  readonly knownWeightShare: number;
  readonly rankingScore?: number;
}): number {
  if (typeof explanation.rankingScore === 'number') return explanation.rankingScore;
  const known = explanation.knownWeightShare;
  return known >= 1 ? explanation.score : known * explanation.score + (1 - known) * RANKING_PRIOR;
}

const percentOf = (share: number): number => Math.round(share * 100);

/** The full explanation of an eligible pair: every factor with weight, value, contribution, reason. */
export function explainFactors(
  ctx: PreparedContext,
  seeker: PreparedSeeker,
  candidate: PreparedCandidate,
  distanceKm: number,
  cautions: readonly string[],
): MatchExplanation {
  const values = new Float64Array(MATCH_FACTOR_KEYS.length);
  computeFactorValues(ctx, seeker, candidate, distanceKm, values);
  const weights = ctx.weights;
  let totalWeight = 0;
  let knownWeight = 0;
  for (let i = 0; i < values.length; i++) {
    totalWeight += weights[i];
    if (!Number.isNaN(values[i])) knownWeight += weights[i];
  }
  const score = scoreFromValues(weights, values);
  const factors: FactorExplanation[] = MATCH_FACTOR_KEYS.map((key, i) => {
    const value = Number.isNaN(values[i]) ? null : values[i];
    return {
      key,
      label: FACTOR_LABELS[key],
      weight: weights[i],
      value,
      contribution: value === null ? null : knownWeight > 0 ? (weights[i] * value) / knownWeight : 0,
      reason: factorReason(ctx, seeker, candidate, key, value, distanceKm),
    };
  });
  const unknown = factors.filter((factor) => factor.value === null && factor.weight > 0);
  const counted = factors.filter((factor) => factor.weight > 0).length;
  const rankingScore = rankingScoreFromValues(weights, values);
  const knownWeightShare = totalWeight > 0 ? knownWeight / totalWeight : 0;
  const percent = percentOf(score);
  const prior = percentOf(RANKING_PRIOR);
  const unknownCounted = `${unknown.length === 1 ? 'that factor counts' : 'each of those factors counts'} as a neutral ${prior}%`;
  const summary =
    knownWeight === 0
      ? `No factor could be assessed: not enough is recorded about these families yet. Ranked at ${percentOf(rankingScore)}%: every unknown factor counts as a neutral ${prior}%.`
      : unknown.length === 0
        ? `Fit ${percent}% from all ${counted} factors.`
        : `Fit ${percent}% from ${counted - unknown.length} of ${counted} factors (${percentOf(knownWeightShare)}% of the weight). Unknown, so left out of the fit rather than counted against the match: ${listOf(unknown.map((factor) => factor.label.toLowerCase()))}. Ranked at ${percentOf(rankingScore)}%: for ranking, ${unknownCounted}, so a pair known on little does not outrank a well-known good one.`;
  return {
    score,
    rankingScore,
    knownWeightShare,
    factors,
    summary,
    cautions,
    distanceKm: Number.isNaN(distanceKm) ? null : distanceKm,
  };
}

function sharedLabels(
  seekerKeys: ReadonlySet<string>,
  candidateKeys: readonly string[] | null,
  label: (key: string) => string,
): string[] {
  const theirs = new Set(candidateKeys ?? []);
  return [...seekerKeys].filter((key) => theirs.has(key)).map(label);
}

function unknownBecause(what: string, seekerMissing: boolean, candidateMissing: boolean): string {
  const whose =
    seekerMissing && candidateMissing
      ? 'either family'
      : seekerMissing
        ? 'the Seeking family'
        : 'this family';
  return `${what} unknown: none recorded for ${whose}`;
}

function factorReason(
  ctx: PreparedContext,
  seeker: PreparedSeeker,
  candidate: PreparedCandidate,
  key: MatchFactorKey,
  value: number | null,
  distanceKm: number,
): string {
  const c = candidate.source;
  const { labels } = ctx;
  switch (key) {
    case 'life_experiences': {
      const named = seeker.lifeExperiences.size;
      if (value === null) {
        return unknownBecause('Life experiences', named === 0, distinctCount(c.lifeExperiences) === 0);
      }
      const shared = sharedLabels(seeker.lifeExperiences, c.lifeExperiences, labels.lifeExperience);
      return shared.length === 0
        ? `No shared life experiences among the ${named} the Seeking family named`
        : `Both families have lived through ${listOf(shared.map((item) => item.toLowerCase()))} (${shared.length} of ${named} the Seeking family named)`;
    }
    case 'strengths_goals': {
      if (value === null) {
        return seeker.themes.length === 0
          ? 'Strengths for the goals unknown: the Seeking family has no goal themes yet'
          : 'Strengths for the goals unknown: no strengths recorded for this family';
      }
      const covered = seeker.themes
        .filter((theme) => hasAny(theme.strengths, c.strengths ?? []))
        .map((theme) => labels.goalTheme(theme.theme));
      const total = seeker.themes.length;
      if (covered.length === 0) {
        return `None of the ${total} goal theme${total === 1 ? '' : 's'} match${total === 1 ? 'es' : ''} this family's strengths`;
      }
      return total === 1
        ? `The goal theme matches this family's strengths (${covered[0]})`
        : `${covered.length} of the ${total} goal themes match this family's strengths (${listOf(covered)})`;
    }
    case 'children_ages': {
      const theirs = c.childrenAgeBands ?? [];
      if (value === null)
        return unknownBecause("Children's ages", seeker.ageBands.length === 0, theirs.length === 0);
      const same = seeker.ageBands
        .filter((band) => ageBandCredit(band, theirs) === 1)
        .map((band) => band.band);
      const near = seeker.ageBands
        .filter((band) => ageBandCredit(band, theirs) === 0.5)
        .map((band) => band.band);
      if (same.length === 0 && near.length === 0) return 'No children of similar ages';
      const parts: string[] = [];
      if (same.length > 0) parts.push(`the same age group (${listOf(same.map(labels.ageBand))})`);
      if (near.length > 0) parts.push(`a neighbouring age group for ${listOf(near.map(labels.ageBand))}`);
      return `Children in ${listOf(parts)}`;
    }
    case 'interests': {
      if (value === null) {
        return unknownBecause(
          'Shared interests',
          seeker.interests.size === 0,
          distinctCount(c.interests) === 0,
        );
      }
      const shared = sharedLabels(seeker.interests, c.interests, labels.interest);
      return shared.length === 0
        ? 'No shared interests'
        : `Both enjoy ${listOf(shared.map((item) => item.toLowerCase()))}`;
    }
    case 'distance':
      return value === null
        ? `Distance unknown: ${missingWhose(seeker.point === null, c.location === null || !isValidPoint(c.location))} location`
        : `About ${formatKm(distanceKm)} km apart`;
    case 'availability': {
      if (value === null) {
        return unknownBecause(
          'Times that suit both',
          seeker.availability.size === 0,
          distinctCount(c.availabilitySlots) === 0,
        );
      }
      const shared = sharedLabels(seeker.availability, c.availabilitySlots, labels.availability);
      return shared.length === 0
        ? 'No times that suit both families'
        : `Both are free ${listOf(shared.map((item) => item.toLowerCase()))}`;
    }
    case 'current_load': {
      const active = Math.max(0, c.activeLinkUps);
      return active === 0
        ? 'No other link-ups at the moment'
        : `Already in ${active} link-up${active === 1 ? '' : 's'} (room for ${candidate.capacity} at once)`;
    }
  }
}
