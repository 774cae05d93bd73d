import { haversineFrom, isValidPoint, type PreparedPoint } from './geo-distance';
import { isoDayPart } from './iso-date';
import { candidateCapacity, suburbKey, type PreparedContext, type PreparedSeeker } from './match-profile';
import {
  HARD_CONSTRAINT_KEYS,
  type ConstraintFailure,
  type HardConstraintKey,
  type GeoPoint,
  type MatchCandidate,
  type MatchExclusionReason,
} from './matching.types';

/** One bit per hard constraint, in HARD_CONSTRAINT_KEYS order. */
export const CONSTRAINT_BIT: Readonly<Record<HardConstraintKey, number>> = Object.freeze(
  Object.fromEntries(HARD_CONSTRAINT_KEYS.map((key, index) => [key, 1 << index])) as Record<
    HardConstraintKey,
    number
  >,
);

/** Scratch output of a pair check, reused to avoid allocations in hot loops. */
export interface PairScratch {
  /** Kilometres between the two families, NaN when a location is unknown. */
  distanceKm: number;
}

/** The earliest check expiry (YYYY-MM-DD), or null when an adult has none (or none is recorded). */
export function earliestWwccExpiry(candidate: MatchCandidate): string | null {
  const expiries = candidate.wwccExpiries;
  if (expiries.length === 0) return null;
  let earliest: string | null = null;
  for (const expiry of expiries) {
    const day = isoDayPart(expiry);
    if (day === null) return null;
    if (earliest === null || day < earliest) earliest = day;
  }
  return earliest;
}

/**
 * Constraints that depend on the Sharing family alone (status, consent, capacity, check expiry). They are
 * computed once per candidate and shared by every Seeking family.
 */
export function candidateFailureMask(ctx: PreparedContext, candidate: MatchCandidate): number {
  let mask = 0;
  if (candidate.status !== 'approved') mask |= CONSTRAINT_BIT.status;
  if (candidate.participationConsent === false) mask |= CONSTRAINT_BIT.consent;
  if (candidateCapacity(ctx.settings, candidate) - Math.max(0, candidate.activeLinkUps) < 1) {
    mask |= CONSTRAINT_BIT.capacity;
  }
  const expiry = earliestWwccExpiry(candidate);
  if (expiry === null || expiry < ctx.plannedEndDate) mask |= CONSTRAINT_BIT.wwcc;
  return mask;
}

/** Kilometres from a prepared point to a location, NaN when either is unknown. */
function distanceTo(from: PreparedPoint | null, to: GeoPoint | null): number {
  if (from === null || to === null || !isValidPoint(to)) return Number.NaN;
  return haversineFrom(from, to);
}

function sharesLanguage(seeker: PreparedSeeker, candidate: MatchCandidate): boolean {
  for (const language of candidate.languages) if (seeker.languages.has(language)) return true;
  return false;
}

function avoidsCandidate(seeker: PreparedSeeker, candidate: MatchCandidate): boolean {
  if (seeker.avoidTraits.size > 0 && candidate.householdTraits !== null) {
    for (const trait of candidate.householdTraits) if (seeker.avoidTraits.has(trait)) return true;
  }
  if (seeker.avoidSuburbs.size > 0 || seeker.avoidSameSuburb) {
    const key = suburbKey(candidate.suburb);
    if (
      key !== null &&
      (seeker.avoidSuburbs.has(key) || (seeker.avoidSameSuburb && key === seeker.suburbKey))
    ) {
      return true;
    }
  }
  return false;
}

/**
 * The constraints a pair fails, as a bit mask (0 = eligible). `candidateMask` is the result of
 * candidateFailureMask for this candidate. Writes the distance into `scratch`. Allocates nothing.
 */
export function pairFailureMask(
  ctx: PreparedContext,
  seeker: PreparedSeeker,
  candidate: MatchCandidate,
  candidateMask: number,
  scratch: PairScratch,
): number {
  let mask = candidateMask;
  if (candidate.siteId !== seeker.source.siteId) mask |= CONSTRAINT_BIT.site;
  if (seeker.exclusions?.has(candidate.id) === true) mask |= CONSTRAINT_BIT.exclusion;
  if (!seeker.source.interpreterArranged && !sharesLanguage(seeker, candidate))
    mask |= CONSTRAINT_BIT.language;
  const km = distanceTo(seeker.point, candidate.location);
  scratch.distanceKm = km;
  const limit = ctx.settings.maxTravelKm;
  if (limit !== null && km > limit) mask |= CONSTRAINT_BIT.travel_distance;
  if (avoidsCandidate(seeker, candidate)) mask |= CONSTRAINT_BIT.avoidance;
  return mask;
}

const EXCLUSION_REASON_TEXT: Readonly<Record<MatchExclusionReason, string>> = {
  known_to_each_other: 'the families know each other',
  declined: 'this pairing was declined before',
  ended_badly: 'a previous link-up between them ended badly',
  other: 'a coach recorded that they must not be linked',
};

const STATUS_TEXT: Readonly<Record<string, string>> = {
  enquiry: 'Not approved yet: still an enquiry',
  in_training: 'Not approved yet: still in training',
  on_hold: 'On hold, so not available for new link-ups',
  exited: 'Has left the programme',
};

export const formatKm = (km: number): string => (km < 10 ? km.toFixed(1) : Math.round(km).toString());

export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * Plain-language reasons for every failed constraint in `mask`, in HARD_CONSTRAINT_KEYS order.
 * Failures that read the same (a site, a status, a rounded distance...) are shared frozen objects,
 * cached per call, so describing thousands of exclusions stays cheap.
 */
export function describeFailures(
  ctx: PreparedContext,
  seeker: PreparedSeeker,
  source: MatchCandidate,
  mask: number,
  distanceKm: number,
): ConstraintFailure[] {
  const failures: ConstraintFailure[] = [];
  for (let bit = 0; bit < HARD_CONSTRAINT_KEYS.length; bit++) {
    if ((mask & (1 << bit)) === 0) continue;
    const key = HARD_CONSTRAINT_KEYS[bit];
    const cacheKey = failureCacheKey(ctx, seeker, key, source, distanceKm);
    if (cacheKey === null) {
      failures.push({ key, reason: failureReason(ctx, seeker, source, key, distanceKm) });
      continue;
    }
    let failure = ctx.failureCache.get(cacheKey);
    if (failure === undefined) {
      failure = Object.freeze({ key, reason: failureReason(ctx, seeker, source, key, distanceKm) });
      ctx.failureCache.set(cacheKey, failure);
    }
    failures.push(failure);
  }
  return failures;
}

/** What a failure's wording depends on, or null when it is specific to the pair. */
function failureCacheKey(
  ctx: PreparedContext,
  seeker: PreparedSeeker,
  key: HardConstraintKey,
  source: MatchCandidate,
  distanceKm: number,
): string | number | null {
  switch (key) {
    case 'status':
      return `status:${source.status}`;
    case 'consent':
      return 'consent';
    case 'capacity':
      return 1_000_000 + candidateCapacity(ctx.settings, source) * 1000 + Math.min(999, source.activeLinkUps);
    case 'site':
      return 'site';
    case 'exclusion':
      return null;
    case 'wwcc':
      return `wwcc:${earliestWwccExpiry(source) ?? ''}`;
    case 'language':
      return source.languages.length === 1 ? `language:${seeker.source.id}:${source.languages[0]}` : null;
    case 'travel_distance':
      return distanceKm < 10 ? -1 - Math.round(distanceKm * 10) : -1_000_000 - Math.round(distanceKm);
    case 'avoidance':
      return null;
  }
}

function failureReason(
  ctx: PreparedContext,
  seeker: PreparedSeeker,
  source: MatchCandidate,
  key: HardConstraintKey,
  distanceKm: number,
): string {
  const { labels } = ctx;
  switch (key) {
    case 'status':
      return STATUS_TEXT[source.status] ?? `Not approved (status: ${source.status})`;
    case 'consent':
      return 'Has not given (or has withdrawn) consent to take part in the programme';
    case 'capacity': {
      const capacity = candidateCapacity(ctx.settings, source);
      return `No spare place: already in ${source.activeLinkUps} of ${capacity} link-up${capacity === 1 ? '' : 's'}`;
    }
    case 'site':
      return 'Belongs to a different site';
    case 'exclusion': {
      const exclusion = seeker.exclusions?.get(source.id);
      return `Excluded pair: ${exclusion === undefined ? 'recorded exclusion' : EXCLUSION_REASON_TEXT[exclusion.reason]}`;
    }
    case 'wwcc': {
      const expiry = earliestWwccExpiry(source);
      if (expiry === null) return 'No current Working With Children Check recorded for every adult';
      return expiry < ctx.today
        ? `A Working With Children Check expired on ${expiry}`
        : `A Working With Children Check expires on ${expiry}, before the planned end of the link-up (${ctx.plannedEndDate})`;
    }
    case 'language': {
      const seekerLanguages = seeker.source.languages.map(labels.language);
      const candidateLanguages = source.languages.map(labels.language);
      if (seekerLanguages.length === 0)
        return 'No language recorded for the Seeking family and no interpreter arranged';
      if (candidateLanguages.length === 0)
        return 'No language recorded for this family and no interpreter arranged';
      return `No shared language (the Seeking family speaks ${listOf(seekerLanguages)}; this family speaks ${listOf(candidateLanguages)}) and no interpreter arranged`;
    }
    case 'travel_distance':
      return `About ${formatKm(distanceKm)} km apart, beyond the ${ctx.settings.maxTravelKm ?? 0} km travel limit`;
    case 'avoidance': {
      const reasons: string[] = [];
      for (const trait of source.householdTraits ?? []) {
        if (seeker.avoidTraits.has(trait)) reasons.push(labels.trait(trait).toLowerCase());
      }
      const key = suburbKey(source.suburb);
      if (key !== null && seeker.avoidSuburbs.has(key)) reasons.push(`a family from ${source.suburb ?? ''}`);
      if (seeker.avoidSameSuburb && key !== null && key === seeker.suburbKey) {
        reasons.push('a family from its own suburb');
      }
      return `The Seeking family asked to avoid ${listOf(reasons)}`;
    }
  }
}

/** Hard constraints an eligible pair passed only because data was missing. */
export function describeCautions(
  ctx: PreparedContext,
  seeker: PreparedSeeker,
  candidate: MatchCandidate,
): string[] {
  const cautions: string[] = [];
  const candidatePointUnknown = candidate.location === null || !isValidPoint(candidate.location);
  if (ctx.settings.maxTravelKm !== null && (seeker.point === null || candidatePointUnknown)) {
    cautions.push(
      `Travel distance not checked: ${missingWhose(seeker.point === null, candidatePointUnknown)} location`,
    );
  }
  if (seeker.avoidTraits.size > 0 && candidate.householdTraits === null) {
    cautions.push(
      "Could not check the Seeking family's avoidances: household details not recorded for this family",
    );
  }
  const candidateSuburb = suburbKey(candidate.suburb);
  if ((seeker.avoidSameSuburb || seeker.avoidSuburbs.size > 0) && candidateSuburb === null) {
    cautions.push(
      "Could not check the Seeking family's suburb avoidances: no suburb recorded for this family",
    );
  } else if (seeker.avoidSameSuburb && seeker.suburbKey === null) {
    cautions.push("Could not check the Seeking family's own-suburb avoidance: no suburb recorded for it");
  }
  return cautions;
}

/** "the Seeking family has no", "this family has no" or "neither family has a". */
export function missingWhose(seekerMissing: boolean, candidateMissing: boolean): string {
  if (seekerMissing && candidateMissing) return 'neither family has a recorded';
  return seekerMissing ? 'the Seeking family has no recorded' : 'this family has no recorded';
}
