import fc from 'fast-check';
import { CandidateIndex } from './candidate-index';
import { eligibleGraphByScan, eligibleGraphFromIndex, matchCohort, prepareCohort } from './cohort-matcher';
import { suggestMatchesFromIndex } from './indexed-suggestions';
import { suggestMatches } from './matching-engine';
import { resolveMatchingSettings } from './matching-settings';
import { dayNumberToIso, isoDayNumber } from './iso-date';
import { FIXTURE_TODAY, fixtureContext, makeCandidate, makeSeeker } from './matching.fixtures';
import type {
  MatchAvoidance,
  MatchCandidate,
  MatchContext,
  MatchExclusion,
  MatchSeeker,
} from './matching.types';

/** A day this many days from the fixtures' today (the pinned clock of every context here). */
const fromToday = (days: number): string => dayNumberToIso((isoDayNumber(FIXTURE_TODAY) ?? 0) + days);

/**
 * Check expiries around the fixtures' today: long valid, ending within a short or a long planned
 * link-up (4 or 30 weeks), already expired, none, and malformed.
 */
const CHECK_EXPIRIES: readonly (string | null)[] = [
  fromToday(1_036),
  fromToday(120),
  fromToday(210),
  fromToday(-29),
  null,
  'soon',
];

/**
 * Issue 17: suggestions over a CandidateIndex (set operations on the hard constraints, tag masks,
 * a bounded heap) return exactly what the plain scan returns — the same suggestions with the same
 * explanations in the same order, the same counts and the same why-not — on random inputs that
 * exercise every hard constraint and the edge cases of the data (unknown and invalid locations,
 * repeated ids and tags, suburbs spelled differently, lists left unrecorded).
 */
const PLACES = [
  { suburb: 'Salisbury', location: { lat: -34.758, lng: 138.642 } },
  { suburb: ' salisbury ', location: { lat: -34.76, lng: 138.64 } },
  { suburb: 'Elizabeth', location: { lat: -34.712, lng: 138.67 } },
  { suburb: 'Noarlunga Centre', location: { lat: -35.14, lng: 138.495 } },
  { suburb: 'Victor Harbor', location: { lat: -35.552, lng: 138.617 } },
  { suburb: 'Unley', location: null },
  { suburb: null, location: { lat: -34.95, lng: 138.6 } },
  { suburb: '', location: { lat: 200, lng: 138.6 } },
];
const LANGUAGES = ['english', 'dari', 'arabic', 'greek'];
const TRAITS = ['dogs', 'cats', 'smoking', 'teenagers'];
const EXPERIENCES = ['single_parenting', 'grief_loss', 'migration'];
const THEMES = ['routines', 'housing', 'self_care', 'money_management'];
const STRENGTHS = ['routines_and_structure', 'housing_know_how', 'healthy_habits', 'budgeting'];
const INTERESTS = ['cooking', 'music', 'beach', 'parks_outdoors'];
const BANDS = ['age_0_4', 'age_5_9', 'age_10_14', 'age_15_17'];
const SLOTS = ['saturday_morning', 'weekday_evening', 'sunday_afternoon'];
const IDS = ['c-a', 'c-b', 'c-c', 'c-d', 'c-e', 'c-f', 'c-g', 'c-h'];

/** A tag list: unrecorded, empty, or some keys (a repeated one now and then). */
const tags = (pool: string[]): fc.Arbitrary<string[] | null> =>
  fc.option(
    fc
      .subarray(pool)
      .chain((keys) =>
        keys.length === 0
          ? fc.constant(keys)
          : fc.boolean().map((again) => (again ? [...keys, keys[0]] : keys)),
      ),
    { nil: null, freq: 5 },
  );

const candidateArb: fc.Arbitrary<MatchCandidate> = fc
  .record({
    id: fc.constantFrom(...IDS),
    site: fc.constantFrom('site-a', 'site-a', 'site-a', 'site-b'),
    status: fc.constantFrom('approved', 'approved', 'approved', 'on_hold', 'enquiry', 'exited'),
    consent: fc.constantFrom(true, false, undefined),
    capacity: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
    active: fc.integer({ min: -1, max: 3 }),
    expiries: fc.array(fc.constantFrom<string | null>(...CHECK_EXPIRIES), { maxLength: 2 }),
    place: fc.constantFrom(...PLACES),
    languages: fc.subarray(LANGUAGES),
    lifeExperiences: tags(EXPERIENCES),
    strengths: tags(STRENGTHS),
    interests: tags(INTERESTS),
    childrenAgeBands: tags(BANDS),
    availabilitySlots: tags(SLOTS),
    householdTraits: tags(TRAITS),
  })
  .map((r) =>
    makeCandidate({
      id: r.id,
      siteId: r.site,
      status: r.status as MatchCandidate['status'],
      participationConsent: r.consent,
      maxConcurrentLinkUps: r.capacity,
      activeLinkUps: r.active,
      wwccExpiries: r.expiries,
      suburb: r.place.suburb,
      location: r.place.location,
      languages: r.languages,
      lifeExperiences: r.lifeExperiences,
      strengths: r.strengths,
      interests: r.interests,
      childrenAgeBands: r.childrenAgeBands,
      availabilitySlots: r.availabilitySlots,
      householdTraits: r.householdTraits,
    }),
  );

const avoidanceArb: fc.Arbitrary<MatchAvoidance> = fc.oneof(
  fc.constantFrom(...TRAITS).map((trait) => ({ kind: 'trait' as const, trait })),
  fc
    .constantFrom('SALISBURY', 'Elizabeth ', 'Nowhere')
    .map((suburb) => ({ kind: 'suburb' as const, suburb })),
  fc.constant({ kind: 'same_suburb' as const }),
);

const seekerArb = (id: string): fc.Arbitrary<MatchSeeker> =>
  fc
    .record({
      site: fc.constantFrom('site-a', 'site-a', 'site-b'),
      languages: fc.subarray(LANGUAGES),
      interpreter: fc.boolean(),
      place: fc.constantFrom(...PLACES),
      lifeExperiences: tags(EXPERIENCES),
      goalThemes: tags(THEMES),
      interests: tags([...INTERESTS, 'chess']),
      childrenAgeBands: tags(BANDS),
      availabilitySlots: tags(SLOTS),
      avoidances: fc.array(avoidanceArb, { maxLength: 3 }),
    })
    .map((r) =>
      makeSeeker({
        id,
        siteId: r.site,
        languages: r.languages,
        interpreterArranged: r.interpreter,
        suburb: r.place.suburb,
        location: r.place.location,
        lifeExperiences: r.lifeExperiences,
        goalThemes: r.goalThemes,
        interests: r.interests,
        childrenAgeBands: r.childrenAgeBands,
        availabilitySlots: r.availabilitySlots,
        avoidances: r.avoidances,
      }),
    );

const exclusionArb: fc.Arbitrary<MatchExclusion> = fc.record({
  seekingFamilyId: fc.constantFrom('seek-1', 'seek-2'),
  sharingFamilyId: fc.constantFrom(...IDS, 'c-gone'),
  reason: fc.constantFrom('declined' as const, 'known_to_each_other' as const, 'other' as const),
  overridden: fc.constantFrom(true, undefined),
});

const contextArb: fc.Arbitrary<MatchContext> = fc
  .record({
    maxTravelKm: fc.constantFrom(null, 5, 25, 80),
    defaultMaxConcurrentLinkUps: fc.integer({ min: 1, max: 2 }),
    plannedLinkUpWeeks: fc.constantFrom(4, 30),
    exclusions: fc.array(exclusionArb, { maxLength: 4 }),
    weights: fc.record({
      life_experiences: fc.constantFrom(0, 1, 3),
      strengths_goals: fc.constantFrom(0, 1, 3),
      children_ages: fc.constantFrom(0, 1, 3),
      interests: fc.constantFrom(0, 1, 3),
      distance: fc.constantFrom(0, 1, 3),
      availability: fc.constantFrom(0, 1, 3),
      current_load: fc.constantFrom(1, 2),
    }),
  })
  .map(({ exclusions, ...settings }) =>
    fixtureContext({ settings: resolveMatchingSettings(settings), exclusions }),
  );

const optionsArb = fc.record({
  limit: fc.integer({ min: 1, max: 8 }),
  excludedLimit: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
});

/** More than 32 distinct interests: the index falls back from tag masks to the plain factor code. */
const manyInterests = makeCandidate({
  id: 'c-many',
  interests: Array.from({ length: 40 }, (_, k) => `interest_${k}`).concat('cooking'),
});

describe('suggestions over a candidate index (issue 17)', () => {
  it('return exactly what the plain scan returns, for several Seeking families and contexts over one index (property)', () => {
    fc.assert(
      fc.property(
        fc.array(candidateArb, { maxLength: 70 }),
        fc.boolean(),
        fc.tuple(seekerArb('seek-1'), seekerArb('seek-2')),
        fc.array(fc.tuple(contextArb, optionsArb), { minLength: 1, maxLength: 3 }),
        (drawn, overflowTags, seekers, calls) => {
          const candidates = overflowTags ? [...drawn, manyInterests] : drawn;
          const index = new CandidateIndex(candidates);
          expect(index.tags === null).toBe(overflowTags);
          for (const [context, options] of calls) {
            for (const seeker of seekers) {
              expect(suggestMatchesFromIndex(seeker, index, context, options)).toEqual(
                suggestMatches(seeker, candidates, context, options),
              );
            }
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('keeps the best of many candidates with equal scores in the scan order (ties by id, then first seen)', () => {
    // Three candidates per id, with the same score but different shared interests (so a
    // different explanation): which one is kept shows the order is the scan's.
    const candidates = Array.from({ length: 300 }, (_, k) =>
      makeCandidate({ id: `c-${(k * 37) % 100}`, interests: [INTERESTS[k % 3]] }),
    );
    const seeker = makeSeeker({ interests: INTERESTS.slice(0, 3) });
    const index = new CandidateIndex(candidates);
    for (const limit of [1, 7, 64, 150, 500]) {
      const options = { limit, excludedLimit: 3 };
      const expected = suggestMatches(seeker, candidates, fixtureContext(), options);
      expect(suggestMatchesFromIndex(seeker, index, fixtureContext(), options)).toEqual(expected);
      expect(expected.suggestions.length).toBe(Math.min(limit, 300));
    }
  });

  it('refuses a limit below 1 as the scan does', () => {
    const index = new CandidateIndex([makeCandidate()]);
    expect(() => suggestMatchesFromIndex(makeSeeker(), index, fixtureContext(), { limit: 0 })).toThrow(
      'limit must be a whole number >= 1',
    );
  });

  it('handles no candidates', () => {
    const index = new CandidateIndex([]);
    expect(suggestMatchesFromIndex(makeSeeker(), index, fixtureContext())).toEqual(
      suggestMatches(makeSeeker(), [], fixtureContext()),
    );
  });
});

describe('the cohort graph built over a candidate index (issue 17)', () => {
  const used = (graph: ReturnType<typeof eligibleGraphByScan>) => ({
    edgeStart: Array.from(graph.edgeStart),
    edgeTo: Array.from(graph.edgeTo.subarray(0, graph.edgeCount)),
    edgeWeight: Array.from(graph.edgeWeight.subarray(0, graph.edgeCount)),
    edgeFit: Array.from(graph.edgeFit.subarray(0, graph.edgeCount)),
    eligibleCount: Array.from(graph.eligibleCount),
    failureCounts: Array.from(graph.failureCounts),
  });

  it('has exactly the edges, weights, fits and per-constraint counts of the pair-by-pair scan (property)', () => {
    fc.assert(
      fc.property(
        fc.array(candidateArb, { maxLength: 70 }),
        fc.boolean(),
        fc
          .array(seekerArb('x'), { maxLength: 4 })
          .map((list) => list.map((seeker, k): MatchSeeker => ({ ...seeker, id: `seek-${k + 1}` }))),
        contextArb,
        (drawn, overflowTags, seekers, context) => {
          const candidates = overflowTags ? [...drawn, manyInterests] : drawn;
          const { ctx, s, c, bonus } = prepareCohort(seekers, candidates, context);
          const index = new CandidateIndex(c.map((candidate) => candidate.source));
          expect(used(eligibleGraphFromIndex(ctx, s, index, bonus))).toEqual(
            used(eligibleGraphByScan(ctx, s, c, bonus)),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives matchCohort the graph it solves (a small cohort still finds its pairs)', () => {
    const result = matchCohort(
      [makeSeeker({ id: 's1' }), makeSeeker({ id: 's2', languages: ['greek'] })],
      [
        makeCandidate({ id: 'A', languages: ['english', 'greek'] }),
        makeCandidate({ id: 'B', interests: ['music'] }),
      ],
      fixtureContext(),
    );
    expect(result.assignments.map((a) => [a.seekingFamilyId, a.sharingFamilyId])).toEqual([
      ['s1', 'B'],
      ['s2', 'A'],
    ]);
    expect(result.stats.eligibleEdgeCount).toBe(3);
  });
});
