import type { GeoPoint, MatchAvoidance, MatchCandidate, MatchSeeker, SharingFamilyStatus } from '../matching';
import { dayNumberToIso, isoDayNumber } from '../matching/iso-date';
import { DEFAULT_VOCABULARIES, vocabularyKeys, type Vocabularies } from '../vocabulary';
import { ADELAIDE_SUBURBS, type DemoSuburb } from './adelaide-suburbs';
import { createSeededRandom, type SeededRandom } from './seeded-random';

export type DemoSeekingStatus = 'intake' | 'choosing' | 'waitlisted';

export interface DemoAdult {
  readonly preferredName: string;
  readonly birthYear: number;
  readonly language: string;
  readonly interpreterNeeded: boolean;
  /** Sharing adults only. */
  readonly wwccNumber: string | null;
  readonly wwccExpiry: string | null;
}

export interface DemoChild {
  readonly preferredName: string;
  readonly ageBand: string;
}

/** A made-up family as plain data; persisting it is someone else's job. */
export interface DemoFamily {
  readonly id: string;
  readonly kind: 'seeking' | 'sharing';
  readonly status: DemoSeekingStatus | SharingFamilyStatus;
  readonly displayName: string;
  readonly siteId: string;
  readonly suburb: string;
  readonly postcode: string;
  readonly location: GeoPoint | null;
  readonly languages: readonly string[];
  readonly interpreterNeeded: boolean;
  readonly interpreterArranged: boolean;
  /** null = not recorded yet. */
  readonly interests: readonly string[] | null;
  readonly lifeExperiences: readonly string[] | null;
  /** Seeking families only (empty for Sharing). */
  readonly goalThemes: readonly string[];
  /** Sharing families only (empty for Seeking). */
  readonly strengths: readonly string[];
  readonly availabilitySlots: readonly string[] | null;
  readonly childrenAgeBands: readonly string[];
  readonly householdTraits: readonly string[];
  readonly avoidances: readonly MatchAvoidance[];
  /** Sharing families only. */
  readonly maxConcurrentLinkUps: number | null;
  readonly activeLinkUps: number;
  /** Seeking families only: when it started waiting (ISO date). */
  readonly waitingSince: string | null;
  readonly adults: readonly DemoAdult[];
  readonly children: readonly DemoChild[];
}

export interface DemoDataOptions {
  readonly seed: number;
  readonly siteId: string;
  readonly seekingCount: number;
  readonly sharingCount: number;
  /** ISO date the data is relative to (waiting times, check expiries). */
  readonly today: string;
  /** Give every Sharing family this many places and no active link-ups (benchmarks). */
  readonly sharingCapacity?: number;
  /** Make every Sharing family approved, with checks valid for years (benchmarks). */
  readonly allSharingAvailable?: boolean;
  readonly suburbs?: readonly DemoSuburb[];
  readonly vocabularies?: Vocabularies;
}

export interface DemoData {
  readonly seeking: readonly DemoFamily[];
  readonly sharing: readonly DemoFamily[];
}

const FIRST_NAMES = [
  'Amira',
  'Ben',
  'Chloe',
  'Dan',
  'Ella',
  'Farid',
  'Grace',
  'Hamid',
  'Isla',
  'Jarrah',
  'Kiri',
  'Leila',
  'Mai',
  'Nico',
  'Olivia',
  'Priya',
  'Quinn',
  'Rosa',
  'Sam',
  'Tariq',
  'Uma',
  'Vinh',
  'Wren',
  'Xavier',
  'Yasmin',
  'Zane',
  'Aroha',
  'Bao',
  'Chen',
  'Deng',
  'Eleni',
  'Fatima',
  'Giorgos',
  'Hana',
  'Imran',
  'Jess',
  'Kyle',
  'Linh',
  'Mohammed',
  'Nyandeng',
  'Omar',
  'Pita',
  'Rahel',
  'Sione',
  'Tia',
  'Wei',
];
const FAMILY_NAMES = [
  'Abbott',
  'Baxter',
  'Costa',
  'Dao',
  'Ellis',
  'Fraser',
  'Garang',
  'Hussaini',
  'Ivanov',
  'Jensen',
  'Kaur',
  'Lambert',
  'Mahmoud',
  'Nguyen',
  'Okafor',
  'Papadopoulos',
  'Quach',
  'Rossi',
  'Singh',
  'Tran',
  'Usman',
  'Vella',
  'Walker',
  'Yousef',
  'Zhang',
  'Murray',
  'Karimi',
  'Deng',
  'Taufa',
];
const OTHER_LANGUAGES: readonly (readonly [string, number])[] = [
  ['vietnamese', 5],
  ['arabic', 5],
  ['mandarin', 4],
  ['dari', 3],
  ['greek', 3],
  ['italian', 3],
  ['punjabi', 3],
  ['hindi', 2],
  ['persian', 2],
  ['hazaragi', 2],
  ['dinka', 2],
  ['swahili', 1],
  ['nepali', 1],
  ['cantonese', 1],
  ['tagalog', 1],
  ['pitjantjatjara', 1],
];
const CHILD_BANDS_SEEKING: readonly (readonly [string, number])[] = [
  ['age_0_4', 4],
  ['age_5_9', 4],
  ['age_10_14', 3],
  ['age_15_17', 1.5],
];
const CHILD_BANDS_SHARING: readonly (readonly [string, number])[] = [
  ['age_0_4', 2],
  ['age_5_9', 3],
  ['age_10_14', 3],
  ['age_15_17', 2],
  ['age_18_plus', 1.5],
];

function distinct<T>(draw: () => T, count: number): T[] {
  const out = new Set<T>();
  for (let tries = 0; out.size < count && tries < count * 10; tries++) out.add(draw());
  return [...out];
}

function maybeUnknown<T>(random: SeededRandom, value: T, unknownRate: number): T | null {
  return random.chance(unknownRate) ? null : value;
}

/**
 * Realistic made-up families for one site: Adelaide suburbs with coordinates, languages,
 * children's ages, experiences, interests, availability, goal themes or strengths, and for Sharing
 * families capacity 1-3, active link-ups and check expiries. Deterministic for a given seed.
 */
export function generateDemoFamilies(options: DemoDataOptions): DemoData {
  const todayDay = isoDayNumber(options.today);
  if (todayDay === null) throw new RangeError(`today must be an ISO date, got "${options.today}"`);
  const random = createSeededRandom(options.seed);
  const suburbs = options.suburbs ?? ADELAIDE_SUBURBS;
  const vocab = options.vocabularies ?? DEFAULT_VOCABULARIES;
  const keys = {
    goalThemes: vocabularyKeys(vocab.goalThemes),
    strengths: vocabularyKeys(vocab.strengths),
    interests: vocabularyKeys(vocab.interests),
    lifeExperiences: vocabularyKeys(vocab.lifeExperiences),
    availability: vocabularyKeys(vocab.availabilitySlots),
  };
  const thisYear = Number(options.today.slice(0, 4));

  const makeBase = (kind: 'seeking' | 'sharing') => {
    const home = random.pick(suburbs);
    const jitter = (): number => (random.next() - 0.5) * 0.02; // about +-1 km
    const location = random.chance(0.08) ? null : { lat: home.lat + jitter(), lng: home.lng + jitter() };
    const englishRate = kind === 'seeking' ? 0.78 : 0.88;
    let languages: string[];
    if (random.chance(englishRate)) {
      languages = ['english'];
      if (random.chance(kind === 'seeking' ? 0.15 : 0.3))
        languages.push(random.pickWeighted(OTHER_LANGUAGES));
    } else {
      languages = [random.pickWeighted(OTHER_LANGUAGES)];
      if (random.chance(0.5)) languages.push('english');
    }
    const interpreterNeeded = !languages.includes('english');
    const familyName = random.pick(FAMILY_NAMES);
    const adultCount = random.chance(kind === 'seeking' ? 0.55 : 0.3) ? 1 : 2;
    const adultNames = distinct(() => random.pick(FIRST_NAMES), adultCount);
    const displayName = random.pickWeighted<string>([
      [`The ${familyName} family`, 2],
      [`${adultNames[0]}'s family`, 2],
      [adultNames.length > 1 ? `${adultNames[0]} & ${adultNames[1]}` : `${adultNames[0]} and the kids`, 1],
    ]);
    const bands = kind === 'seeking' ? CHILD_BANDS_SEEKING : CHILD_BANDS_SHARING;
    const children: DemoChild[] = Array.from({ length: random.int(1, kind === 'seeking' ? 4 : 3) }, () => ({
      preferredName: random.pick(FIRST_NAMES),
      ageBand: random.pickWeighted(bands),
    }));
    const childrenAgeBands = [...new Set(children.map((child) => child.ageBand))];
    return {
      home,
      location,
      languages,
      interpreterNeeded,
      adultNames,
      displayName,
      children,
      childrenAgeBands,
      interests: maybeUnknown(random, random.sample(keys.interests, random.int(1, 5)), 0.07),
      lifeExperiences: maybeUnknown(random, random.sample(keys.lifeExperiences, random.int(1, 4)), 0.06),
      availabilitySlots: maybeUnknown(random, random.sample(keys.availability, random.int(1, 4)), 0.05),
    };
  };

  const seeking: DemoFamily[] = [];
  for (let i = 0; i < options.seekingCount; i++) {
    const base = makeBase('seeking');
    const avoidances: MatchAvoidance[] = [];
    if (random.chance(0.08))
      avoidances.push({ kind: 'trait', trait: random.pick(['dogs', 'smoking', 'cats']) });
    if (random.chance(0.05)) avoidances.push({ kind: 'same_suburb' });
    seeking.push({
      id: random.uuid(),
      kind: 'seeking',
      status: random.pickWeighted<DemoSeekingStatus>([
        ['waitlisted', 5],
        ['choosing', 3],
        ['intake', 2],
      ]),
      displayName: base.displayName,
      siteId: options.siteId,
      suburb: base.home.name,
      postcode: base.home.postcode,
      location: base.location,
      languages: base.languages,
      interpreterNeeded: base.interpreterNeeded,
      interpreterArranged: base.interpreterNeeded && random.chance(0.6),
      interests: base.interests,
      lifeExperiences: base.lifeExperiences,
      goalThemes: random.chance(0.05) ? [] : random.sample(keys.goalThemes, random.int(1, 4)),
      strengths: [],
      availabilitySlots: base.availabilitySlots,
      childrenAgeBands: base.childrenAgeBands,
      householdTraits: [],
      avoidances,
      maxConcurrentLinkUps: null,
      activeLinkUps: 0,
      waitingSince: dayNumberToIso(todayDay - random.int(0, 200)),
      adults: base.adultNames.map((name) => ({
        preferredName: name,
        birthYear: thisYear - random.int(19, 52),
        language: base.languages[0],
        interpreterNeeded: base.interpreterNeeded,
        wwccNumber: null,
        wwccExpiry: null,
      })),
      children: base.children,
    });
  }

  const sharing: DemoFamily[] = [];
  for (let i = 0; i < options.sharingCount; i++) {
    const base = makeBase('sharing');
    const available = options.allSharingAvailable === true || options.sharingCapacity !== undefined;
    const status: SharingFamilyStatus = available
      ? 'approved'
      : random.pickWeighted<SharingFamilyStatus>([
          ['approved', 90],
          ['on_hold', 5],
          ['in_training', 5],
        ]);
    const capacity =
      options.sharingCapacity ??
      random.pickWeighted([
        [1, 50],
        [2, 35],
        [3, 15],
      ] as const);
    const activeLinkUps =
      options.sharingCapacity !== undefined || status !== 'approved' ? 0 : random.int(0, capacity);
    const traits: string[] = [];
    if (random.chance(0.3)) traits.push('dogs');
    if (random.chance(0.2)) traits.push('cats');
    if (random.chance(0.08)) traits.push('smoking');
    if (random.chance(0.1)) traits.push('large_household');
    if (base.childrenAgeBands.includes('age_15_17')) traits.push('teenagers');
    sharing.push({
      id: random.uuid(),
      kind: 'sharing',
      status,
      displayName: base.displayName,
      siteId: options.siteId,
      suburb: base.home.name,
      postcode: base.home.postcode,
      location: base.location,
      languages: base.languages,
      interpreterNeeded: false,
      interpreterArranged: false,
      interests: base.interests,
      lifeExperiences: base.lifeExperiences,
      goalThemes: [],
      strengths: random.sample(keys.strengths, random.int(2, 5)),
      availabilitySlots: base.availabilitySlots,
      childrenAgeBands: base.childrenAgeBands,
      householdTraits: traits,
      avoidances: [],
      maxConcurrentLinkUps: capacity,
      activeLinkUps,
      waitingSince: null,
      adults: base.adultNames.map((name) => ({
        preferredName: name,
        birthYear: thisYear - random.int(25, 60),
        language: base.languages[0],
        interpreterNeeded: false,
        wwccNumber: `WWC${random.int(1_000_000, 9_999_999)}`,
        // Mostly years away; about 1 in 10 expires within the next six months.
        wwccExpiry: dayNumberToIso(
          todayDay + (available || random.chance(0.9) ? random.int(240, 1500) : random.int(-20, 180)),
        ),
      })),
      children: base.children,
    });
  }
  return { seeking, sharing };
}

/** The matching engine's view of a demo Seeking family. */
export function demoFamilyToMatchSeeker(family: DemoFamily): MatchSeeker {
  return {
    id: family.id,
    siteId: family.siteId,
    languages: family.languages,
    interpreterArranged: family.interpreterArranged,
    suburb: family.suburb,
    location: family.location,
    lifeExperiences: family.lifeExperiences,
    goalThemes: family.goalThemes,
    interests: family.interests,
    childrenAgeBands: family.childrenAgeBands,
    availabilitySlots: family.availabilitySlots,
    avoidances: family.avoidances,
    waitingSince: family.waitingSince,
  };
}

/** The matching engine's view of a demo Sharing family. */
export function demoFamilyToMatchCandidate(family: DemoFamily): MatchCandidate {
  return {
    id: family.id,
    siteId: family.siteId,
    status: family.status as SharingFamilyStatus,
    maxConcurrentLinkUps: family.maxConcurrentLinkUps,
    activeLinkUps: family.activeLinkUps,
    wwccExpiries: family.adults.map((adult) => adult.wwccExpiry),
    languages: family.languages,
    suburb: family.suburb,
    location: family.location,
    lifeExperiences: family.lifeExperiences,
    strengths: family.strengths,
    interests: family.interests,
    childrenAgeBands: family.childrenAgeBands,
    availabilitySlots: family.availabilitySlots,
    householdTraits: family.householdTraits,
  };
}
