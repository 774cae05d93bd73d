import { candidateFailureMask, listOf, pairFailureMask, type PairScratch } from './hard-constraints';
import { prepareCandidate, prepareContext, prepareSeeker } from './match-profile';
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
import { computeFactorValues, scoreFromValues } from './soft-factors';

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

  // Sparse eligible-edge graph (CSR), built row by row.
  const scratch: PairScratch = { distanceKm: Number.NaN };
  const values = new Float64Array(MATCH_FACTOR_KEYS.length);
  const edgeStart = new Int32Array(n + 1);
  let edgeTo = new Int32Array(Math.max(16, n * 8));
  let edgeWeight = new Float64Array(edgeTo.length);
  let edgeFit = new Float64Array(edgeTo.length);
  const eligibleCount = new Int32Array(n);
  const failureCounts = new Int32Array(n * HARD_CONSTRAINT_KEYS.length);
  let edgeCount = 0;
  for (let i = 0; i < n; i++) {
    edgeStart[i] = edgeCount;
    const seeker = s[i];
    for (let j = 0; j < m; j++) {
      const mask = pairFailureMask(ctx, seeker, c[j].source, candidateMasks[j], scratch);
      if (mask !== 0) {
        for (let k = 0; k < HARD_CONSTRAINT_KEYS.length; k++) {
          if ((mask & (1 << k)) !== 0) failureCounts[i * HARD_CONSTRAINT_KEYS.length + k]++;
        }
        continue;
      }
      eligibleCount[i]++;
      computeFactorValues(ctx, seeker, c[j], scratch.distanceKm, values);
      const fit = scoreFromValues(ctx.weights, values);
      const weight = Math.round((fit + bonus[i]) * COHORT_WEIGHT_SCALE);
      if (weight <= 0) continue;
      if (edgeCount === edgeTo.length) {
        edgeTo = grow(edgeTo, new Int32Array(edgeCount * 2));
        edgeWeight = grow(edgeWeight, new Float64Array(edgeCount * 2));
        edgeFit = grow(edgeFit, new Float64Array(edgeCount * 2));
      }
      edgeTo[edgeCount] = j;
      edgeWeight[edgeCount] = weight;
      edgeFit[edgeCount] = fit;
      edgeCount++;
    }
  }
  edgeStart[n] = edgeCount;

  const capacity = Int32Array.from(c, (candidate, j) => (candidateMasks[j] === 0 ? candidate.spare : 0));
  const { assignment } = maxWeightBMatching({
    leftCount: n,
    rightCount: m,
    capacity,
    edgeStart,
    edgeTo,
    edgeWeight,
  });

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
