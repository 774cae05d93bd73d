import { isValidPoint, toRadians } from './geo-distance';
import { earliestWwccExpiry } from './hard-constraints';
import { candidateCapacity, suburbKey, type PreparedContext } from './match-profile';
import type { MatchCandidate } from './matching.types';

/**
 * A set of candidates as a bit set over their positions (bit i of word i >>> 5). Bits past the
 * last candidate are always 0.
 */
export type CandidateSet = Uint32Array;

/** The constraints that depend on the Sharing family alone, for one context (see candidateMasks). */
export interface CandidateOnlySets {
  readonly status: CandidateSet;
  readonly consent: CandidateSet;
  readonly capacity: CandidateSet;
  readonly wwcc: CandidateSet;
  /** Places each candidate may hold at once (programme default and cap applied). */
  readonly capacityOf: Int32Array;
}

/**
 * The candidates of one call (usually a site's Sharing families), indexed by hard constraint so a
 * Seeking family's eligible candidates are found with word-wide set operations instead of one check
 * per candidate: which candidates are at each site, speak each language, have each household trait,
 * live in each suburb, and their coordinates in typed arrays. Built once per candidate list and
 * reused for every Seeking family (see suggestMatchesFromIndex, matchCohort); read-only for callers.
 * The constraints that also depend on the context (capacity with the programme's default and cap,
 * checks expiring before the planned end) are computed on first use per context and kept.
 */
export class CandidateIndex {
  readonly size: number;
  /** Words of a CandidateSet. */
  readonly words: number;
  readonly bySite = new Map<string, CandidateSet>();
  readonly byLanguage = new Map<string, CandidateSet>();
  readonly byTrait = new Map<string, CandidateSet>();
  /** By suburb key (trimmed, lower case), as avoidances compare them. */
  readonly bySuburb = new Map<string, CandidateSet>();
  /** Positions of each id (more than one only when an id is repeated). */
  readonly positionsById = new Map<string, number | number[]>();
  /** Coordinates in radians and cos(latitude); NaN when the location is unknown or invalid. */
  readonly latRad: Float64Array;
  readonly lngRad: Float64Array;
  readonly cosLat: Float64Array;
  /** Candidates with a valid location. */
  readonly located: CandidateSet;
  /**
   * The candidates' tags as 32-bit masks, one per list that soft factors compare (a bit per distinct
   * key of that list among these candidates), or null when a list has more than 32 distinct keys.
   */
  readonly tags: CandidateTags | null;
  /** max(0, activeLinkUps). */
  readonly active: Float64Array;
  private readonly notApproved: CandidateSet;
  private readonly consentWithheld: CandidateSet;
  private readonly earliestExpiry: (string | null)[];
  private contextKey: string | null = null;
  private contextSets: CandidateOnlySets | null = null;

  constructor(readonly candidates: readonly MatchCandidate[]) {
    const n = candidates.length;
    this.size = n;
    this.words = (n + 31) >>> 5;
    this.latRad = new Float64Array(n);
    this.lngRad = new Float64Array(n);
    this.cosLat = new Float64Array(n);
    this.located = this.emptySet();
    this.notApproved = this.emptySet();
    this.consentWithheld = this.emptySet();
    this.earliestExpiry = new Array<string | null>(n);
    this.active = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const c = candidates[i];
      const word = i >>> 5;
      const bit = 1 << (i & 31);
      this.addTo(this.bySite, c.siteId, word, bit);
      for (const language of c.languages) this.addTo(this.byLanguage, language, word, bit);
      for (const trait of c.householdTraits ?? []) this.addTo(this.byTrait, trait, word, bit);
      const suburb = suburbKey(c.suburb);
      if (suburb !== null) this.addTo(this.bySuburb, suburb, word, bit);
      const seen = this.positionsById.get(c.id);
      if (seen === undefined) this.positionsById.set(c.id, i);
      else if (typeof seen === 'number') this.positionsById.set(c.id, [seen, i]);
      else seen.push(i);
      if (c.location !== null && isValidPoint(c.location)) {
        // The same operations as haversineFrom, so distances are equal to the bit.
        const lat = toRadians(c.location.lat);
        this.latRad[i] = lat;
        this.lngRad[i] = toRadians(c.location.lng);
        this.cosLat[i] = Math.cos(lat);
        this.located[word] |= bit;
      } else {
        this.latRad[i] = Number.NaN;
        this.lngRad[i] = Number.NaN;
        this.cosLat[i] = Number.NaN;
      }
      if (c.status !== 'approved') this.notApproved[word] |= bit;
      if (c.participationConsent === false) this.consentWithheld[word] |= bit;
      this.earliestExpiry[i] = earliestWwccExpiry(c);
      this.active[i] = Math.max(0, c.activeLinkUps);
    }
    this.tags = tagMasksOf(candidates);
  }

  /** A set with no candidate. */
  emptySet(): CandidateSet {
    return new Uint32Array(this.words);
  }

  /** Bits of the last word that stand for candidates. */
  get lastWordMask(): number {
    const rest = this.size & 31;
    return rest === 0 ? 0xffffffff : (1 << rest) - 1;
  }

  /** Status, consent, capacity and check failures for this context (kept until the context changes). */
  candidateOnlySets(ctx: PreparedContext): CandidateOnlySets {
    const { defaultMaxConcurrentLinkUps, maxConcurrentLinkUpsCap } = ctx.settings;
    const key = `${defaultMaxConcurrentLinkUps}|${maxConcurrentLinkUpsCap}|${ctx.plannedEndDate}`;
    if (this.contextKey === key && this.contextSets !== null) return this.contextSets;
    const capacity = this.emptySet();
    const wwcc = this.emptySet();
    const capacityOf = new Int32Array(this.size);
    for (let i = 0; i < this.size; i++) {
      const c = this.candidates[i];
      const places = candidateCapacity(ctx.settings, c);
      capacityOf[i] = places;
      if (places - Math.max(0, c.activeLinkUps) < 1) capacity[i >>> 5] |= 1 << (i & 31);
      const expiry = this.earliestExpiry[i];
      if (expiry === null || expiry < ctx.plannedEndDate) wwcc[i >>> 5] |= 1 << (i & 31);
    }
    this.contextSets = {
      status: this.notApproved,
      consent: this.consentWithheld,
      capacity,
      wwcc,
      capacityOf,
    };
    this.contextKey = key;
    return this.contextSets;
  }

  private addTo(sets: Map<string, CandidateSet>, key: string, word: number, bit: number): void {
    let set = sets.get(key);
    if (set === undefined) {
      set = this.emptySet();
      sets.set(key, set);
    }
    set[word] |= bit;
  }
}

/** The tag lists soft factors compare, as masks (see CandidateIndex.tags). */
export interface TagField {
  /** Bit of each distinct key. */
  readonly bitOf: ReadonlyMap<string, number>;
  /** Per candidate: the bits of its keys (0 when the list is null or empty). */
  readonly masks: Int32Array;
}

export interface CandidateTags {
  readonly lifeExperiences: TagField;
  readonly strengths: TagField;
  readonly interests: TagField;
  readonly childrenAgeBands: TagField;
  readonly availabilitySlots: TagField;
}

function tagFieldOf(
  candidates: readonly MatchCandidate[],
  listOf: (candidate: MatchCandidate) => readonly string[] | null,
): TagField | null {
  const bitOf = new Map<string, number>();
  const masks = new Int32Array(candidates.length);
  for (let i = 0; i < candidates.length; i++) {
    const list = listOf(candidates[i]);
    if (list === null) continue;
    let mask = 0;
    for (let k = 0; k < list.length; k++) {
      let bit = bitOf.get(list[k]);
      if (bit === undefined) {
        if (bitOf.size === 32) return null;
        bit = 1 << bitOf.size;
        bitOf.set(list[k], bit);
      }
      mask |= bit;
    }
    masks[i] = mask;
  }
  return { bitOf, masks };
}

function tagMasksOf(candidates: readonly MatchCandidate[]): CandidateTags | null {
  const lifeExperiences = tagFieldOf(candidates, (c) => c.lifeExperiences);
  const strengths = tagFieldOf(candidates, (c) => c.strengths);
  const interests = tagFieldOf(candidates, (c) => c.interests);
  const childrenAgeBands = tagFieldOf(candidates, (c) => c.childrenAgeBands);
  const availabilitySlots = tagFieldOf(candidates, (c) => c.availabilitySlots);
  if (
    lifeExperiences === null ||
    strengths === null ||
    interests === null ||
    childrenAgeBands === null ||
    availabilitySlots === null
  ) {
    return null;
  }
  return { lifeExperiences, strengths, interests, childrenAgeBands, availabilitySlots };
}

/** The bits of the keys of `field` among `keys` (keys no candidate has are left out). */
export function tagMaskOf(field: TagField, keys: Iterable<string>): number {
  let mask = 0;
  for (const key of keys) mask |= field.bitOf.get(key) ?? 0;
  return mask;
}

/** Set bits of a 32-bit word. */
export function bitCount(word: number): number {
  let v = word - ((word >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** Candidates in a set. */
export function countSet(set: CandidateSet): number {
  let count = 0;
  for (let w = 0; w < set.length; w++) count += bitCount(set[w]);
  return count;
}

/** `into |= set`. */
export function addSet(into: CandidateSet, set: CandidateSet): void {
  for (let w = 0; w < into.length; w++) into[w] |= set[w];
}
