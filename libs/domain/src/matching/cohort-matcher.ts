import { candidateFailureMask, listOf, pairFailureMask, type PairScratch } from './hard-constraints';
import { bitCount, CandidateIndex, countSet, type CandidateTags } from './candidate-index';
import {
  failureSetScratch,
  seekerFailureSets,
  seekerTagMasks,
  type SeekerTagMasks,
} from './indexed-suggestions';
import {
  prepareCandidate,
  prepareContext,
  prepareSeeker,
  type PreparedCandidate,
  type PreparedContext,
  type PreparedSeeker,
} from './match-profile';
import { compareIds, explainPrepared } from './matching-engine';
import { MatchingInputError } from './matching.errors';
import {
  HARD_CONSTRAINT_KEYS,
  MATCH_FACTOR_KEYS,
  type CohortAssignment,
  type CohortResult,
  type CohortUnassigned,
  type HardConstraintKey,
  type MatchCandidate,
  type MatchContext,
  type MatchSeeker,
} from './matching.types';
import { maxWeightBMatching } from './max-weight-b-matching';
import { AVAILABILITY_SLOTS_FOR_FULL_VALUE, computeFactorValues, scoreFromValues } from './soft-factors';

/**
 * Objective weights are fixed-point integers (1e-6 of a fit point) so the optimiser's arithmetic is
 * exact; the optimum is exact for the weights rounded to six decimals.
 */
export const COHORT_WEIGHT_SCALE = 1_000_000;

const CONSTRAINT_COUNT_TEXT: Readonly<Record<HardConstraintKey, string>> = {
  status: 'not approved or on hold',
  consent: 'no current consent to take part',
  capacity: 'no spare place',
  site: 'at another site',
  exclusion: 'an excluded pair',
  wwcc: 'a check expiring before the planned end',
  language: 'no shared language and no interpreter',
  travel_distance: 'beyond the travel limit',
  avoidance: 'something the family asked to avoid',
};

const ensureUniqueIds = (label: string, items: readonly { id: string }[], problems: string[]): void => {
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.id)) problems.push(`${label} id "${item.id}" appears more than once`);
    seen.add(item.id);
  }
};

/**
 * The assignment of waiting Seeking families to Sharing families that maximises total fit plus the
 * waiting-time fairness bonus, under every hard constraint and each Sharing family's spare places.
 * Exact (see maxWeightBMatching). A proposal only: nothing is applied. Deterministic: inputs are
 * ordered by id first, so the result does not depend on the order they were given in.
 */
export function matchCohort(
  seekers: readonly MatchSeeker[],
  candidates: readonly MatchCandidate[],
  context: MatchContext,
): CohortResult {
  const ctx = prepareContext(context);
  const problems: string[] = [];
  ensureUniqueIds('Seeking family', seekers, problems);
  ensureUniqueIds('Sharing family', candidates, problems);
  if (problems.length > 0) throw new MatchingInputError(problems);

  const s = [...seekers].sort((a, b) => compareIds(a.id, b.id)).map((seeker) => prepareSeeker(ctx, seeker));
  const c = [...candidates]
    .sort((a, b) => compareIds(a.id, b.id))
    .map((candidate) => prepareCandidate(ctx, candidate));
  const n = s.length;
  const m = c.length;
  const candidateMasks = Int32Array.from(c, (candidate) => candidateFailureMask(ctx, candidate.source));
  const { cohortFairnessPerWeekWaiting: perWeek, cohortFairnessMaxWeeks: maxWeeks } = ctx.settings;
  const bonus = s.map((seeker) => perWeek * Math.min(seeker.weeksWaiting, maxWeeks));
  const graph = eligibleGraphFromIndex(
    ctx,
    s,
    new CandidateIndex(c.map((candidate) => candidate.source)),
    bonus,
  );
  const { edgeStart, edgeTo, edgeFit, eligibleCount, failureCounts, edgeCount } = graph;

  const capacity = Int32Array.from(c, (candidate, j) => (candidateMasks[j] === 0 ? candidate.spare : 0));
  const { assignment } = maxWeightBMatching({
    leftCount: n,
    rightCount: m,
    capacity,
    edgeStart,
    edgeTo,
    edgeWeight: graph.edgeWeight,
  });

  const scratch: PairScratch = { distanceKm: Number.NaN };
  const seekersOf: number[][] = c.map(() => []);
  for (let i = 0; i < n; i++) if (assignment[i] !== -1) seekersOf[assignment[i]].push(i);

  const assignments: CohortAssignment[] = [];
  const unassigned: CohortUnassigned[] = [];
  let totalFit = 0;
  let totalObjective = 0;
  for (let i = 0; i < n; i++) {
    const seeker = s[i];
    const j = assignment[i];
    if (j !== -1) {
      pairFailureMask(ctx, seeker, c[j].source, candidateMasks[j], scratch);
      const explanation = explainPrepared(ctx, seeker, c[j], scratch.distanceKm);
      assignments.push({
        seekingFamilyId: seeker.source.id,
        sharingFamilyId: c[j].source.id,
        fit: explanation.score,
        fairnessBonus: bonus[i],
        weeksWaiting: seeker.weeksWaiting,
        explanation,
      });
      totalFit += explanation.score;
      totalObjective += explanation.score + bonus[i];
      continue;
    }
    const exclusionCounts: Partial<Record<HardConstraintKey, number>> = {};
    HARD_CONSTRAINT_KEYS.forEach((key, k) => {
      const count = failureCounts[i * HARD_CONSTRAINT_KEYS.length + k];
      if (count > 0) exclusionCounts[key] = count;
    });
    let best = -1;
    for (let e = edgeStart[i]; e < edgeStart[i + 1]; e++) {
      if (best === -1 || edgeFit[e] > edgeFit[best]) best = e;
    }
    const bestCandidate =
      best === -1
        ? null
        : {
            sharingFamilyId: c[edgeTo[best]].source.id,
            fit: edgeFit[best],
            assignedSeekingFamilyIds: seekersOf[edgeTo[best]].map((k) => s[k].source.id),
          };
    unassigned.push(
      describeUnassigned(seeker.source.id, m, eligibleCount[i], exclusionCounts, bestCandidate),
    );
  }

  let totalSpareCapacity = 0;
  for (const places of capacity) totalSpareCapacity += places;
  return {
    proposalOnly: true,
    today: ctx.today,
    assignments,
    unassigned,
    totalFit,
    totalObjective,
    stats: { seekerCount: n, candidateCount: m, eligibleEdgeCount: edgeCount, totalSpareCapacity },
  };
}

/**
 * The sparse graph of eligible pairs (CSR: row i's edges are edgeStart[i]..edgeStart[i+1]-1, to
 * candidates in ascending order), with each Seeking family's eligible count and its count of
 * excluded candidates per hard constraint (row-major, HARD_CONSTRAINT_KEYS order). Arrays may be
 * longer than edgeCount.
 */
export interface EligibleGraph {
  readonly edgeStart: Int32Array;
  readonly edgeTo: Int32Array;
  /** Fixed-point objective (fit + fairness bonus) × COHORT_WEIGHT_SCALE; only positive ones are kept. */
  readonly edgeWeight: Float64Array;
  readonly edgeFit: Float64Array;
  readonly edgeCount: number;
  readonly eligibleCount: Int32Array;
  readonly failureCounts: Int32Array;
}

/** Growable CSR edge arrays. */
class EdgeList {
  edgeTo: Int32Array;
  edgeWeight: Float64Array;
  edgeFit: Float64Array;
  count = 0;

  constructor(expected: number) {
    this.edgeTo = new Int32Array(Math.max(16, expected));
    this.edgeWeight = new Float64Array(this.edgeTo.length);
    this.edgeFit = new Float64Array(this.edgeTo.length);
  }

  /** Room for at least `size` edges (one reallocation instead of repeated doubling). */
  reserve(size: number): void {
    if (size <= this.edgeTo.length) return;
    this.edgeTo = grow(this.edgeTo, new Int32Array(size));
    this.edgeWeight = grow(this.edgeWeight, new Float64Array(size));
    this.edgeFit = grow(this.edgeFit, new Float64Array(size));
  }

  push(to: number, weight: number, fit: number): void {
    if (this.count === this.edgeTo.length) this.reserve(this.count * 2);
    this.edgeTo[this.count] = to;
    this.edgeWeight[this.count] = weight;
    this.edgeFit[this.count] = fit;
    this.count++;
  }
}

/**
 * The eligible graph by checking every pair one by one (what matchCohort did before issue 17; kept
 * as the reference the indexed build is tested and measured against).
 */
export function eligibleGraphByScan(
  ctx: PreparedContext,
  s: readonly PreparedSeeker[],
  c: readonly PreparedCandidate[],
  bonus: readonly number[],
): EligibleGraph {
  const n = s.length;
  const m = c.length;
  const keys = HARD_CONSTRAINT_KEYS.length;
  const candidateMasks = Int32Array.from(c, (candidate) => candidateFailureMask(ctx, candidate.source));
  const scratch: PairScratch = { distanceKm: Number.NaN };
  const values = new Float64Array(MATCH_FACTOR_KEYS.length);
  const edgeStart = new Int32Array(n + 1);
  const edges = new EdgeList(n * 8);
  const eligibleCount = new Int32Array(n);
  const failureCounts = new Int32Array(n * keys);
  for (let i = 0; i < n; i++) {
    edgeStart[i] = edges.count;
    const seeker = s[i];
    for (let j = 0; j < m; j++) {
      const mask = pairFailureMask(ctx, seeker, c[j].source, candidateMasks[j], scratch);
      if (mask !== 0) {
        for (let k = 0; k < keys; k++) if ((mask & (1 << k)) !== 0) failureCounts[i * keys + k]++;
        continue;
      }
      eligibleCount[i]++;
      computeFactorValues(ctx, seeker, c[j], scratch.distanceKm, values);
      const fit = scoreFromValues(ctx.weights, values);
      const weight = Math.round((fit + bonus[i]) * COHORT_WEIGHT_SCALE);
      if (weight > 0) edges.push(j, weight, fit);
    }
  }
  edgeStart[n] = edges.count;
  return {
    edgeStart,
    edgeTo: edges.edgeTo,
    edgeWeight: edges.edgeWeight,
    edgeFit: edges.edgeFit,
    edgeCount: edges.count,
    eligibleCount,
    failureCounts,
  };
}

/**
 * The same graph from an index of the candidates (in the same order as `c`): per Seeking family,
 * the failing set of each hard constraint by set operations (counted by popcount), and only the
 * eligible candidates scored, on tag masks, into typed arrays.
 */
export function eligibleGraphFromIndex(
  ctx: PreparedContext,
  s: readonly PreparedSeeker[],
  index: CandidateIndex,
  bonus: readonly number[],
): EligibleGraph {
  const n = s.length;
  const keys = HARD_CONSTRAINT_KEYS.length;
  const candidates = index.candidates;
  const values = new Float64Array(MATCH_FACTOR_KEYS.length);
  const edgeStart = new Int32Array(n + 1);
  const edges = new EdgeList(n * 8);
  const eligibleCount = new Int32Array(n);
  const failureCounts = new Int32Array(n * keys);
  const distanceKm = new Float64Array(index.size);
  const scratch = failureSetScratch(index);
  const { capacityOf } = index.candidateOnlySets(ctx);
  const tags = index.tags;
  const current = { source: candidates[0], capacity: 0, spare: 0 };
  const distanceScale = ctx.settings.maxTravelKm ?? ctx.settings.distanceScaleKm;
  for (let i = 0; i < n; i++) {
    edgeStart[i] = edges.count;
    const seeker = s[i];
    const { failing, eligible } = seekerFailureSets(ctx, seeker, index, distanceKm, scratch);
    HARD_CONSTRAINT_KEYS.forEach((key, k) => {
      failureCounts[i * keys + k] = countSet(failing[key]);
    });
    const eligibleHere = countSet(eligible);
    eligibleCount[i] = eligibleHere;
    // At most one edge per eligible pair: reserve this row's, and the rest at the rows' mean so far.
    edges.reserve(
      edges.count + eligibleHere + Math.ceil(((edges.count + eligibleHere) / (i + 1)) * (n - i - 1)),
    );
    const masks = tags === null ? null : seekerTagMasks(tags, seeker);
    for (let w = 0; w < index.words; w++) {
      let bits = eligible[w];
      while (bits !== 0) {
        const low = bits & -bits;
        bits ^= low;
        const j = (w << 5) | (31 - Math.clz32(low));
        let fit: number;
        if (tags !== null && masks !== null) {
          fit = fitFromMasks(
            ctx.weights,
            distanceScale,
            tags,
            masks,
            j,
            distanceKm[j],
            capacityOf[j],
            index.active[j],
          );
        } else {
          current.source = candidates[j];
          current.capacity = capacityOf[j];
          current.spare = capacityOf[j] - index.active[j];
          computeFactorValues(ctx, seeker, current, distanceKm[j], values);
          fit = scoreFromValues(ctx.weights, values);
        }
        const weight = Math.round((fit + bonus[i]) * COHORT_WEIGHT_SCALE);
        if (weight > 0) edges.push(j, weight, fit);
      }
    }
  }
  edgeStart[n] = edges.count;
  return {
    edgeStart,
    edgeTo: edges.edgeTo,
    edgeWeight: edges.edgeWeight,
    edgeFit: edges.edgeFit,
    edgeCount: edges.count,
    eligibleCount,
    failureCounts,
  };
}

/**
 * scoreFromValues(weights, factorValuesFromMasks(…)) in one pass, without the values array: the
 * same factor values, weighed and summed in the same order, so the same fit to the bit (the
 * property test in indexed-suggestions.spec.ts compares the graphs).
 */
function fitFromMasks(
  weights: Float64Array,
  distanceScale: number,
  tags: CandidateTags,
  seeker: SeekerTagMasks,
  j: number,
  distanceKm: number,
  capacity: number,
  active: number,
): number {
  let weighted = 0;
  let known = 0;

  const life = tags.lifeExperiences.masks[j];
  if (seeker.lifeExperienceCount !== 0 && life !== 0) {
    weighted += weights[0] * (bitCount(seeker.lifeExperiences & life) / seeker.lifeExperienceCount);
    known += weights[0];
  }

  const strengths = tags.strengths.masks[j];
  const themes = seeker.themes;
  if (themes.length !== 0 && strengths !== 0) {
    let covered = 0;
    for (let k = 0; k < themes.length; k++) if ((themes[k] & strengths) !== 0) covered++;
    weighted += weights[1] * (covered / themes.length);
    known += weights[1];
  }

  const bands = tags.childrenAgeBands.masks[j];
  const own = seeker.bands;
  if (own.length !== 0 && bands !== 0) {
    let sum = 0;
    for (let k = 0; k < own.length; k++) {
      sum += (own[k] & bands) !== 0 ? 1 : (seeker.bandNeighbours[k] & bands) !== 0 ? 0.5 : 0;
    }
    weighted += weights[2] * (sum / own.length);
    known += weights[2];
  }

  const interests = tags.interests.masks[j];
  if (seeker.interestCount !== 0 && interests !== 0) {
    weighted +=
      weights[3] *
      (bitCount(seeker.interests & interests) / Math.min(seeker.interestCount, bitCount(interests)));
    known += weights[3];
  }

  const near = Math.max(0, 1 - distanceKm / distanceScale);
  if (near === near) {
    weighted += weights[4] * near;
    known += weights[4];
  }

  const slots = tags.availabilitySlots.masks[j];
  if (seeker.availabilityCount !== 0 && slots !== 0) {
    const shared = bitCount(seeker.availability & slots);
    const needed = Math.min(AVAILABILITY_SLOTS_FOR_FULL_VALUE, seeker.availabilityCount, bitCount(slots));
    weighted += weights[5] * Math.min(1, shared / needed);
    known += weights[5];
  }

  weighted += weights[6] * Math.max(0, 1 - active / capacity);
  known += weights[6];
  return known > 0 ? weighted / known : 0;
}

/**
 * matchCohort's inputs made ready (context, Seeking and Sharing families ordered by id, fairness
 * bonus): for tests and the benchmark, which build the graph both ways.
 */
export function prepareCohort(
  seekers: readonly MatchSeeker[],
  candidates: readonly MatchCandidate[],
  context: MatchContext,
): { ctx: PreparedContext; s: PreparedSeeker[]; c: PreparedCandidate[]; bonus: number[] } {
  const ctx = prepareContext(context);
  const s = [...seekers].sort((a, b) => compareIds(a.id, b.id)).map((seeker) => prepareSeeker(ctx, seeker));
  const c = [...candidates]
    .sort((a, b) => compareIds(a.id, b.id))
    .map((candidate) => prepareCandidate(ctx, candidate));
  const { cohortFairnessPerWeekWaiting: perWeek, cohortFairnessMaxWeeks: maxWeeks } = ctx.settings;
  return { ctx, s, c, bonus: s.map((seeker) => perWeek * Math.min(seeker.weeksWaiting, maxWeeks)) };
}

function grow<T extends Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

function describeUnassigned(
  seekingFamilyId: string,
  candidateCount: number,
  eligible: number,
  exclusionCounts: Partial<Record<HardConstraintKey, number>>,
  bestCandidate: CohortUnassigned['bestCandidate'],
): CohortUnassigned {
  const base = { seekingFamilyId, eligibleCandidateCount: eligible, exclusionCounts, bestCandidate };
  if (eligible === 0) {
    const parts = HARD_CONSTRAINT_KEYS.filter((key) => (exclusionCounts[key] ?? 0) > 0).map(
      (key) => `${exclusionCounts[key]} ${CONSTRAINT_COUNT_TEXT[key]}`,
    );
    return {
      ...base,
      reasonCode: 'no_eligible_sharing_family',
      reason:
        candidateCount === 0
          ? 'No Sharing families were available to consider'
          : `None of the ${candidateCount} Sharing families meets every requirement (${listOf(parts)})`,
    };
  }
  if (bestCandidate === null) {
    return {
      ...base,
      reasonCode: 'no_positive_fit',
      reason: `${eligible} Sharing famil${eligible === 1 ? 'y meets' : 'ies meet'} every requirement, but none has any fit with this family yet`,
    };
  }
  const percent = Math.round(bestCandidate.fit * 100);
  return {
    ...base,
    reasonCode: 'places_went_to_better_overall_fit',
    reason: `${eligible} Sharing famil${eligible === 1 ? 'y meets' : 'ies meet'} every requirement, but all their places are proposed for other families, which gives the highest total fit for the cohort (this family's best fit was ${percent}%)`,
  };
}
