import {
  addSet,
  bitCount,
  countSet,
  tagMaskOf,
  type CandidateIndex,
  type CandidateSet,
  type CandidateTags,
} from './candidate-index';
import { haversineFromRadians } from './geo-distance';
import {
  candidateFailureMask,
  describeFailures,
  pairFailureMask,
  type PairScratch,
} from './hard-constraints';
import {
  prepareCandidate,
  prepareContext,
  prepareSeeker,
  type PreparedContext,
  type PreparedSeeker,
} from './match-profile';
import { compareIds, explainPrepared, type SuggestOptions } from './matching-engine';
import { MatchingInputError } from './matching.errors';
import {
  HARD_CONSTRAINT_KEYS,
  MATCH_FACTOR_KEYS,
  type ExcludedCandidate,
  type HardConstraintKey,
  type MatchCandidate,
  type MatchContext,
  type MatchSeeker,
  type MatchSuggestion,
  type SuggestionResult,
} from './matching.types';
import {
  AVAILABILITY_SLOTS_FOR_FULL_VALUE,
  computeFactorValues,
  rankingScoreFromValues,
} from './soft-factors';

/** Each hard constraint's failing candidates for one Seeking family, plus distances. */
export interface SeekerFailureSets {
  readonly failing: Readonly<Record<HardConstraintKey, CandidateSet>>;
  /** Candidates that pass every hard constraint. */
  readonly eligible: CandidateSet;
  /** Kilometres to each candidate, NaN when either location is unknown (shared scratch: read before the next call). */
  readonly distanceKm: Float64Array;
}

/** The sets seekerFailureSets fills, reusable from one Seeking family to the next. */
export interface FailureSetScratch {
  readonly site: CandidateSet;
  readonly exclusion: CandidateSet;
  readonly language: CandidateSet;
  readonly travel: CandidateSet;
  readonly avoidance: CandidateSet;
  readonly eligible: CandidateSet;
}

export function failureSetScratch(index: CandidateIndex): FailureSetScratch {
  return {
    site: index.emptySet(),
    exclusion: index.emptySet(),
    language: index.emptySet(),
    travel: index.emptySet(),
    avoidance: index.emptySet(),
    eligible: index.emptySet(),
  };
}

/**
 * Which candidates fail each hard constraint for this Seeking family, by set operations on the
 * index (a few words per 32 candidates) plus one distance per located candidate. Equal, candidate
 * by candidate, to candidateFailureMask | pairFailureMask.
 */
export function seekerFailureSets(
  ctx: PreparedContext,
  seeker: PreparedSeeker,
  index: CandidateIndex,
  distanceKm: Float64Array,
  scratch: FailureSetScratch = failureSetScratch(index),
): SeekerFailureSets {
  const words = index.words;
  const last = index.lastWordMask;
  const only = index.candidateOnlySets(ctx);
  const { site, exclusion, language, travel, avoidance, eligible } = scratch;
  exclusion.fill(0);
  language.fill(0);
  travel.fill(0);
  avoidance.fill(0);

  const here = index.bySite.get(seeker.source.siteId);
  for (let w = 0; w < words; w++) site[w] = ~(here === undefined ? 0 : here[w]);

  if (seeker.exclusions !== undefined) {
    for (const id of seeker.exclusions.keys()) {
      const at = index.positionsById.get(id);
      if (at === undefined) continue;
      for (const i of typeof at === 'number' ? [at] : at) exclusion[i >>> 5] |= 1 << (i & 31);
    }
  }

  if (!seeker.source.interpreterArranged) {
    for (const spoken of seeker.languages) {
      const speakers = index.byLanguage.get(spoken);
      if (speakers !== undefined) addSet(language, speakers);
    }
    for (let w = 0; w < words; w++) language[w] = ~language[w];
  }

  const limit = ctx.settings.maxTravelKm;
  const from = seeker.point;
  if (from === null) {
    distanceKm.fill(Number.NaN);
  } else {
    const { latRad, lngRad, cosLat } = index;
    for (let i = 0; i < index.size; i++) {
      // NaN coordinates (unknown location) give NaN, as distanceTo does.
      const km = haversineFromRadians(from, latRad[i], lngRad[i], cosLat[i]);
      distanceKm[i] = km;
      if (limit !== null && km > limit) travel[i >>> 5] |= 1 << (i & 31);
    }
  }

  if (seeker.avoidTraits.size > 0) {
    for (const trait of seeker.avoidTraits) {
      const having = index.byTrait.get(trait);
      if (having !== undefined) addSet(avoidance, having);
    }
  }
  for (const suburb of seeker.avoidSuburbs) {
    const living = index.bySuburb.get(suburb);
    if (living !== undefined) addSet(avoidance, living);
  }
  if (seeker.avoidSameSuburb && seeker.suburbKey !== null) {
    const neighbours = index.bySuburb.get(seeker.suburbKey);
    if (neighbours !== undefined) addSet(avoidance, neighbours);
  }

  const failing: Record<HardConstraintKey, CandidateSet> = {
    status: only.status,
    consent: only.consent,
    capacity: only.capacity,
    site,
    exclusion,
    wwcc: only.wwcc,
    language,
    travel_distance: travel,
    avoidance,
  };
  for (let w = 0; w < words; w++) {
    eligible[w] = ~(
      only.status[w] |
      only.consent[w] |
      only.capacity[w] |
      site[w] |
      exclusion[w] |
      only.wwcc[w] |
      language[w] |
      travel[w] |
      avoidance[w]
    );
  }
  if (words > 0) {
    site[words - 1] &= last;
    language[words - 1] &= last;
    eligible[words - 1] &= last;
  }
  return { failing, eligible, distanceKm };
}

/** A Seeking family's tags as masks over the index's tag bits (see CandidateIndex.tags). */
export interface SeekerTagMasks {
  readonly lifeExperiences: number;
  readonly lifeExperienceCount: number;
  /** Per goal theme: the strengths that cover it. */
  readonly themes: Int32Array;
  /** Per age band: the band, and its neighbours. */
  readonly bands: Int32Array;
  readonly bandNeighbours: Int32Array;
  readonly interests: number;
  readonly interestCount: number;
  readonly availability: number;
  readonly availabilityCount: number;
}

export function seekerTagMasks(tags: CandidateTags, seeker: PreparedSeeker): SeekerTagMasks {
  return {
    lifeExperiences: tagMaskOf(tags.lifeExperiences, seeker.lifeExperiences),
    lifeExperienceCount: seeker.lifeExperiences.size,
    themes: Int32Array.from(seeker.themes, (theme) => tagMaskOf(tags.strengths, theme.strengths)),
    bands: Int32Array.from(seeker.ageBands, (band) => tagMaskOf(tags.childrenAgeBands, [band.band])),
    bandNeighbours: Int32Array.from(seeker.ageBands, (band) =>
      tagMaskOf(tags.childrenAgeBands, band.neighbours),
    ),
    interests: tagMaskOf(tags.interests, seeker.interests),
    interestCount: seeker.interests.size,
    availability: tagMaskOf(tags.availabilitySlots, seeker.availability),
    availabilityCount: seeker.availability.size,
  };
}

/**
 * computeFactorValues for candidate `i` of the index, on tag masks: the same values to the bit
 * (the same counts divided the same way), with no string compared.
 */
export function factorValuesFromMasks(
  ctx: PreparedContext,
  tags: CandidateTags,
  seeker: SeekerTagMasks,
  i: number,
  distanceKm: number,
  capacity: number,
  active: number,
  out: Float64Array,
): void {
  const life = tags.lifeExperiences.masks[i];
  out[0] =
    seeker.lifeExperienceCount === 0 || life === 0
      ? Number.NaN
      : bitCount(seeker.lifeExperiences & life) / seeker.lifeExperienceCount;

  const strengths = tags.strengths.masks[i];
  const themes = seeker.themes;
  if (themes.length === 0 || strengths === 0) {
    out[1] = Number.NaN;
  } else {
    let covered = 0;
    for (let k = 0; k < themes.length; k++) if ((themes[k] & strengths) !== 0) covered++;
    out[1] = covered / themes.length;
  }

  const bands = tags.childrenAgeBands.masks[i];
  const own = seeker.bands;
  if (own.length === 0 || bands === 0) {
    out[2] = Number.NaN;
  } else {
    let sum = 0;
    for (let k = 0; k < own.length; k++) {
      sum += (own[k] & bands) !== 0 ? 1 : (seeker.bandNeighbours[k] & bands) !== 0 ? 0.5 : 0;
    }
    out[2] = sum / own.length;
  }

  const interests = tags.interests.masks[i];
  const interestCount = bitCount(interests);
  out[3] =
    seeker.interestCount === 0 || interestCount === 0
      ? Number.NaN
      : bitCount(seeker.interests & interests) / Math.min(seeker.interestCount, interestCount);

  out[4] = Number.isNaN(distanceKm)
    ? Number.NaN
    : Math.max(0, 1 - distanceKm / (ctx.settings.maxTravelKm ?? ctx.settings.distanceScaleKm));

  const slots = tags.availabilitySlots.masks[i];
  const slotCount = bitCount(slots);
  out[5] =
    seeker.availabilityCount === 0 || slotCount === 0
      ? Number.NaN
      : Math.min(
          1,
          bitCount(seeker.availability & slots) /
            Math.min(AVAILABILITY_SLOTS_FOR_FULL_VALUE, seeker.availabilityCount, slotCount),
        );

  out[6] = Math.max(0, 1 - active / capacity);
}

/**
 * suggestMatches over an index of the candidates: the same result, field for field and in the
 * same order, but only the eligible candidates are scored, found by set operations on the index;
 * the best `limit` are kept in a bounded heap of typed arrays (no object per candidate), and the
 * reasons are worded only for the excluded candidates listed (`excludedLimit`).
 */
export function suggestMatchesFromIndex(
  seeker: MatchSeeker,
  index: CandidateIndex,
  context: MatchContext,
  options: SuggestOptions = {},
): SuggestionResult {
  const ctx = prepareContext(context);
  const limit = options.limit ?? ctx.settings.suggestionLimit;
  if (!Number.isInteger(limit) || limit < 1)
    throw new MatchingInputError(['limit must be a whole number >= 1']);
  const s = prepareSeeker(ctx, seeker);
  const candidates = index.candidates;
  const distanceKm = new Float64Array(index.size);
  const { failing, eligible } = seekerFailureSets(ctx, s, index, distanceKm);
  const { capacityOf } = index.candidateOnlySets(ctx);

  // The best `limit` so far as a heap whose root is the worst kept (score asc, then id desc, then
  // position desc): the reverse of the order shown.
  const heapScore = new Float64Array(limit);
  const heapAt = new Int32Array(limit);
  let kept = 0;
  const worse = (a: number, b: number): boolean => {
    const sa = heapScore[a];
    const sb = heapScore[b];
    if (sa !== sb) return sa < sb;
    const order = compareIds(candidates[heapAt[a]].id, candidates[heapAt[b]].id);
    return order !== 0 ? order > 0 : heapAt[a] > heapAt[b];
  };
  const swap = (a: number, b: number): void => {
    const score = heapScore[a];
    heapScore[a] = heapScore[b];
    heapScore[b] = score;
    const at = heapAt[a];
    heapAt[a] = heapAt[b];
    heapAt[b] = at;
  };
  const siftDown = (from: number): void => {
    let k = from;
    for (;;) {
      const left = 2 * k + 1;
      if (left >= kept) return;
      let child = left;
      if (left + 1 < kept && worse(left + 1, left)) child = left + 1;
      if (!worse(child, k)) return;
      swap(child, k);
      k = child;
    }
  };

  const values = new Float64Array(MATCH_FACTOR_KEYS.length);
  const tags = index.tags;
  const masks = tags === null ? null : seekerTagMasks(tags, s);
  // When the tags do not fit masks: one reused object stands for the candidate being scored.
  const current: { source: MatchCandidate; capacity: number; spare: number } = {
    source: candidates[0],
    capacity: 0,
    spare: 0,
  };
  let eligibleCount = 0;
  for (let w = 0; w < index.words; w++) {
    let bits = eligible[w];
    while (bits !== 0) {
      const low = bits & -bits;
      bits ^= low;
      const i = (w << 5) | (31 - Math.clz32(low));
      eligibleCount++;
      const raw = candidates[i];
      if (tags !== null && masks !== null) {
        factorValuesFromMasks(ctx, tags, masks, i, distanceKm[i], capacityOf[i], index.active[i], values);
      } else {
        current.source = raw;
        current.capacity = capacityOf[i];
        current.spare = capacityOf[i] - index.active[i];
        computeFactorValues(ctx, s, current, distanceKm[i], values);
      }
      const score = rankingScoreFromValues(ctx.weights, values);
      if (kept === limit) {
        // Not better than the worst kept (ties by id, then first seen): skip, as the scan does.
        const worst = heapScore[0];
        if (score < worst || (score === worst && compareIds(raw.id, candidates[heapAt[0]].id) >= 0)) continue;
        heapScore[0] = score;
        heapAt[0] = i;
        siftDown(0);
        continue;
      }
      let k = kept++;
      heapScore[k] = score;
      heapAt[k] = i;
      while (k > 0) {
        const parent = (k - 1) >> 1;
        if (!worse(k, parent)) break;
        swap(k, parent);
        k = parent;
      }
    }
  }

  const order = Array.from({ length: kept }, (_, k) => k).sort((a, b) =>
    worse(a, b) ? 1 : worse(b, a) ? -1 : 0,
  );
  const suggestions: MatchSuggestion[] = order.map((k, rank) => {
    const i = heapAt[k];
    return {
      rank: rank + 1,
      sharingFamilyId: candidates[i].id,
      ...explainPrepared(ctx, s, prepareCandidate(ctx, candidates[i]), distanceKm[i]),
    };
  });

  const excludedCount = index.size - eligibleCount;
  const listed = Math.min(excludedCount, Math.max(0, options.excludedLimit ?? excludedCount));
  const excluded: ExcludedCandidate[] = new Array<ExcludedCandidate>(listed);
  const scratch: PairScratch = { distanceKm: Number.NaN };
  const last = index.lastWordMask;
  let found = 0;
  for (let w = 0; w < index.words && found < listed; w++) {
    let bits = ~eligible[w] & (w === index.words - 1 ? last : 0xffffffff);
    while (bits !== 0 && found < listed) {
      const low = bits & -bits;
      bits ^= low;
      const raw = candidates[(w << 5) | (31 - Math.clz32(low))];
      // Only the listed ones are checked again one by one, for their distance and wording.
      const mask = pairFailureMask(ctx, s, raw, candidateFailureMask(ctx, raw), scratch);
      excluded[found++] = {
        sharingFamilyId: raw.id,
        failures: describeFailures(ctx, s, raw, mask, scratch.distanceKm),
      };
    }
  }

  const excludedByConstraint: Partial<Record<HardConstraintKey, number>> = {};
  for (const key of HARD_CONSTRAINT_KEYS) {
    const count = countSet(failing[key]);
    if (count > 0) excludedByConstraint[key] = count;
  }
  return {
    seekingFamilyId: seeker.id,
    today: ctx.today,
    plannedEndDate: ctx.plannedEndDate,
    candidateCount: index.size,
    eligibleCount,
    suggestions,
    excludedCount,
    excludedByConstraint,
    excluded,
  };
}
