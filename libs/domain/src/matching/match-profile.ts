import { DEFAULT_VOCABULARIES, createLabeller, vocabularyKeys, type Vocabularies } from '../vocabulary';
import { preparePoint, type PreparedPoint } from './geo-distance';
import { dayNumberToIso, isoDayNumber } from './iso-date';
import { MatchingInputError } from './matching.errors';
import { DEFAULT_MATCHING_SETTINGS, validateMatchingSettings } from './matching-settings';
import {
  MATCH_FACTOR_KEYS,
  type ConstraintFailure,
  type MatchCandidate,
  type MatchContext,
  type MatchExclusion,
  type MatchSeeker,
  type MatchingSettings,
} from './matching.types';

type Labeller = (key: string) => string;

/** Everything a matching call computes once: settings, dates, exclusions, labels. */
export interface PreparedContext {
  readonly settings: MatchingSettings;
  readonly today: string;
  readonly todayDay: number;
  readonly plannedEndDate: string;
  /** Factor weights in MATCH_FACTOR_KEYS order. */
  readonly weights: Float64Array;
  readonly exclusions: ReadonlyMap<string, ReadonlyMap<string, MatchExclusion>>;
  /** Shared failure objects for this call (see describeFailures). */
  readonly failureCache: Map<string | number, ConstraintFailure>;
  /** Age band -> position in the vocabulary (youngest first): neighbours count as close in age. */
  readonly ageBandOrder: ReadonlyMap<string, number>;
  readonly ageBandKeys: readonly string[];
  readonly labels: {
    readonly language: Labeller;
    readonly goalTheme: Labeller;
    readonly strength: Labeller;
    readonly interest: Labeller;
    readonly lifeExperience: Labeller;
    readonly availability: Labeller;
    readonly ageBand: Labeller;
    readonly trait: Labeller;
  };
}

export interface PreparedSeeker {
  readonly source: MatchSeeker;
  readonly languages: ReadonlySet<string>;
  readonly lifeExperiences: ReadonlySet<string>;
  /** Distinct goal themes, each with the strengths that cover it. */
  readonly themes: readonly { readonly theme: string; readonly strengths: ReadonlySet<string> }[];
  readonly interests: ReadonlySet<string>;
  /** Distinct age bands, each with its neighbouring bands. */
  readonly ageBands: readonly { readonly band: string; readonly neighbours: readonly string[] }[];
  readonly availability: ReadonlySet<string>;
  readonly avoidTraits: ReadonlySet<string>;
  readonly avoidSuburbs: ReadonlySet<string>;
  readonly avoidSameSuburb: boolean;
  readonly suburbKey: string | null;
  readonly point: PreparedPoint | null;
  readonly exclusions: ReadonlyMap<string, MatchExclusion> | undefined;
  /** Whole weeks waited as of today (0 when unknown). */
  readonly weeksWaiting: number;
}

/** A Sharing family with its place count. */
export interface PreparedCandidate {
  readonly source: MatchCandidate;
  /** Places it may hold at once (default and programme cap applied). */
  readonly capacity: number;
  /** Places free now. */
  readonly spare: number;
}

const suburbKey = (suburb: string | null): string | null => {
  const key = suburb?.trim().toLowerCase() ?? '';
  return key.length === 0 ? null : key;
};

export function prepareContext(context: MatchContext): PreparedContext {
  const settings = context.settings ?? DEFAULT_MATCHING_SETTINGS;
  const problems = validateMatchingSettings(settings);
  const todayDay = isoDayNumber(context.today);
  if (todayDay === null) problems.push(`today must be an ISO date (YYYY-MM-DD), got "${context.today}"`);
  if (problems.length > 0) throw new MatchingInputError(problems);
  const day = todayDay as number;

  const exclusions = new Map<string, Map<string, MatchExclusion>>();
  for (const exclusion of context.exclusions ?? []) {
    if (exclusion.reason === 'declined' && exclusion.overridden === true) continue;
    let bySharer = exclusions.get(exclusion.seekingFamilyId);
    if (bySharer === undefined) {
      bySharer = new Map();
      exclusions.set(exclusion.seekingFamilyId, bySharer);
    }
    if (!bySharer.has(exclusion.sharingFamilyId)) bySharer.set(exclusion.sharingFamilyId, exclusion);
  }

  const vocabularies: Vocabularies = context.vocabularies ?? DEFAULT_VOCABULARIES;
  const ageBandKeys = vocabularyKeys(vocabularies.ageBands);
  return {
    settings,
    today: dayNumberToIso(day),
    todayDay: day,
    plannedEndDate: dayNumberToIso(day + settings.plannedLinkUpWeeks * 7),
    weights: Float64Array.from(MATCH_FACTOR_KEYS, (key) => settings.weights[key]),
    exclusions,
    failureCache: new Map(),
    ageBandOrder: new Map(ageBandKeys.map((key, index) => [key, index])),
    ageBandKeys,
    labels: {
      language: createLabeller(vocabularies.languages),
      goalTheme: createLabeller(vocabularies.goalThemes),
      strength: createLabeller(vocabularies.strengths),
      interest: createLabeller(vocabularies.interests),
      lifeExperience: createLabeller(vocabularies.lifeExperiences),
      availability: createLabeller(vocabularies.availabilitySlots),
      ageBand: createLabeller(vocabularies.ageBands),
      trait: createLabeller(vocabularies.householdTraits),
    },
  };
}

export function prepareSeeker(ctx: PreparedContext, seeker: MatchSeeker): PreparedSeeker {
  const { settings } = ctx;
  const themes = [...new Set(seeker.goalThemes ?? [])];
  const avoidTraits: string[] = [];
  const avoidSuburbs = new Set<string>();
  let avoidSameSuburb = false;
  for (const avoidance of seeker.avoidances) {
    switch (avoidance.kind) {
      case 'trait':
        avoidTraits.push(avoidance.trait);
        break;
      case 'suburb': {
        const key = suburbKey(avoidance.suburb);
        if (key !== null) avoidSuburbs.add(key);
        break;
      }
      case 'same_suburb':
        avoidSameSuburb = true;
        break;
    }
  }
  const waitingDay = seeker.waitingSince === null ? null : isoDayNumber(seeker.waitingSince);
  const weeksWaiting = waitingDay === null ? 0 : Math.max(0, Math.floor((ctx.todayDay - waitingDay) / 7));
  return {
    source: seeker,
    languages: new Set(seeker.languages),
    lifeExperiences: new Set(seeker.lifeExperiences ?? []),
    themes: themes.map((theme) => ({ theme, strengths: new Set(settings.goalThemeStrengths[theme] ?? []) })),
    interests: new Set(seeker.interests ?? []),
    ageBands: [...new Set(seeker.childrenAgeBands ?? [])].map((band) => {
      const order = ctx.ageBandOrder.get(band);
      const neighbours = order === undefined ? [] : [ctx.ageBandKeys[order - 1], ctx.ageBandKeys[order + 1]];
      return { band, neighbours: neighbours.filter((key): key is string => key !== undefined) };
    }),
    availability: new Set(seeker.availabilitySlots ?? []),
    avoidTraits: new Set(avoidTraits),
    avoidSuburbs,
    avoidSameSuburb,
    suburbKey: suburbKey(seeker.suburb),
    point: preparePoint(seeker.location),
    exclusions: ctx.exclusions.get(seeker.id),
    weeksWaiting,
  };
}

export function prepareCandidate(ctx: PreparedContext, candidate: MatchCandidate): PreparedCandidate {
  const capacity = candidateCapacity(ctx.settings, candidate);
  return { source: candidate, capacity, spare: capacity - Math.max(0, candidate.activeLinkUps) };
}

/** maxConcurrentLinkUps with the programme default and cap applied. */
export function candidateCapacity(settings: MatchingSettings, candidate: MatchCandidate): number {
  const requested = candidate.maxConcurrentLinkUps ?? settings.defaultMaxConcurrentLinkUps;
  return Math.min(settings.maxConcurrentLinkUpsCap, Math.max(1, Math.floor(requested)));
}

export { suburbKey };
