import fc from 'fast-check';
import { compareIds, evaluateMatch, suggestMatches } from './matching-engine';
import { resolveMatchingSettings } from './matching-settings';
import { fixtureContext, makeCandidate, makeSeeker } from './matching.fixtures';
import type { MatchCandidate, MatchSeeker, MatchSuggestion } from './matching.types';
import { RANKING_PRIOR, rankingScoreOf } from './soft-factors';

/**
 * Issue 16 item 2: suggestions rank by what they show. The one rule: each suggestion carries
 * `rankingScore` (every weighted factor counted, an unknown one at RANKING_PRIOR), which is
 * knownWeightShare × score + (1 − knownWeightShare) × RANKING_PRIOR, and the order is that figure
 * desc, then id asc — nothing else.
 */
const SUBURBS = [
  { suburb: 'Salisbury', location: { lat: -34.758, lng: 138.642 } },
  { suburb: 'Elizabeth', location: { lat: -34.712, lng: 138.67 } },
  { suburb: 'Noarlunga Centre', location: { lat: -35.14, lng: 138.495 } },
  { suburb: 'Unley', location: null },
];
const tags = (pool: string[]) => fc.option(fc.subarray(pool), { nil: null });

const seekerArb: fc.Arbitrary<MatchSeeker> = fc
  .record({
    home: fc.constantFrom(...SUBURBS),
    lifeExperiences: tags(['single_parenting', 'grief_loss', 'migration']),
    goalThemes: tags(['routines', 'housing', 'self_care']),
    interests: tags(['cooking', 'music', 'beach']),
    childrenAgeBands: tags(['age_0_4', 'age_5_9', 'age_10_14']),
    availabilitySlots: tags(['saturday_morning', 'weekday_evening', 'sunday_afternoon']),
  })
  .map((r) =>
    makeSeeker({
      suburb: r.home.suburb,
      location: r.home.location,
      lifeExperiences: r.lifeExperiences,
      goalThemes: r.goalThemes,
      interests: r.interests,
      childrenAgeBands: r.childrenAgeBands,
      availabilitySlots: r.availabilitySlots,
    }),
  );

const candidateArb = (id: string): fc.Arbitrary<MatchCandidate> =>
  fc
    .record({
      status: fc.constantFrom('approved', 'approved', 'approved', 'approved', 'on_hold'),
      capacity: fc.integer({ min: 1, max: 3 }),
      active: fc.integer({ min: 0, max: 2 }),
      home: fc.constantFrom(...SUBURBS),
      languages: fc.constantFrom(['english'], ['english'], ['english', 'dari'], ['dari']),
      lifeExperiences: tags(['single_parenting', 'grief_loss', 'migration']),
      strengths: tags(['routines_and_structure', 'housing_know_how', 'healthy_habits']),
      interests: tags(['cooking', 'music', 'beach']),
      childrenAgeBands: tags(['age_0_4', 'age_5_9', 'age_10_14']),
      availabilitySlots: tags(['saturday_morning', 'weekday_evening', 'sunday_afternoon']),
    })
    .map((r) =>
      makeCandidate({
        id,
        status: r.status as MatchCandidate['status'],
        maxConcurrentLinkUps: r.capacity,
        activeLinkUps: r.active,
        suburb: r.home.suburb,
        location: r.home.location,
        languages: r.languages,
        lifeExperiences: r.lifeExperiences,
        strengths: r.strengths,
        interests: r.interests,
        childrenAgeBands: r.childrenAgeBands,
        availabilitySlots: r.availabilitySlots,
      }),
    );

const weightArb = fc.constantFrom(0, 1, 2, 3);
const caseArb = fc.integer({ min: 0, max: 14 }).chain((count) =>
  fc.record({
    seeker: seekerArb,
    candidates: fc.tuple(...Array.from({ length: count }, (_, j) => candidateArb(`c${(j * 7) % 15}-${j}`))),
    limit: fc.integer({ min: 1, max: 16 }),
    weights: fc.record({
      life_experiences: weightArb,
      strengths_goals: weightArb,
      children_ages: weightArb,
      interests: weightArb,
      distance: weightArb,
      availability: weightArb,
      current_load: fc.constantFrom(1, 2),
    }),
  }),
);

/** The rule, from the figures a suggestion shows (score and share of weight known). */
const ruleFromShown = (s: MatchSuggestion): number =>
  s.knownWeightShare * s.score + (1 - s.knownWeightShare) * RANKING_PRIOR;

const before = (a: { rankingScore: number; id: string }, b: { rankingScore: number; id: string }) =>
  a.rankingScore > b.rankingScore || (a.rankingScore === b.rankingScore && compareIds(a.id, b.id) < 0);

describe('suggestions rank by the figure they carry (issue 16 item 2)', () => {
  it('orders by rankingScore desc then id, keeps the best `limit` of all eligible, and the figure follows the rule', () => {
    fc.assert(
      fc.property(caseArb, ({ seeker, candidates, limit, weights }) => {
        const context = fixtureContext({ settings: resolveMatchingSettings({ weights }) });
        const result = suggestMatches(seeker, candidates, context, { limit });
        const shown = result.suggestions;

        // The figure carried is the rule applied to what is shown.
        for (const s of shown) {
          expect(s.rankingScore).toBeCloseTo(ruleFromShown(s), 12);
          expect(rankingScoreOf(s)).toBe(s.rankingScore);
          if (s.knownWeightShare === 1) expect(s.rankingScore).toBe(s.score);
        }
        // The order is a function of that figure (ties by id), and ranks are 1..n.
        for (let k = 1; k < shown.length; k++) {
          expect(
            before(
              { rankingScore: shown[k - 1].rankingScore, id: shown[k - 1].sharingFamilyId },
              { rankingScore: shown[k].rankingScore, id: shown[k].sharingFamilyId },
            ),
          ).toBe(true);
        }
        expect(shown.map((s) => s.rank)).toEqual(shown.map((_, k) => k + 1));

        // They are the best `limit` eligible pairs by that same figure, evaluated one by one.
        const all = candidates
          .map((c) => evaluateMatch(seeker, c, context))
          .filter((e) => e.eligible)
          .map((e) => ({ id: e.sharingFamilyId, rankingScore: e.explanation!.rankingScore }))
          .sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
        expect(result.eligibleCount).toBe(all.length);
        expect(shown.map((s) => [s.sharingFamilyId, s.rankingScore])).toEqual(
          all.slice(0, limit).map((e) => [e.id, e.rankingScore]),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('an old snapshot without the figure gets it from the same rule', () => {
    const explanation = evaluateMatch(
      makeSeeker({ interests: null, location: null }),
      makeCandidate(),
      fixtureContext(),
    ).explanation!;
    const { rankingScore, ...old } = explanation;
    expect(rankingScoreOf(old)).toBeCloseTo(rankingScore, 12);
    expect(rankingScore).toBeLessThan(explanation.score);
  });

  it('the issue case: a family shown at 90% on 2 of 7 factors is ranked by the lower figure it shows', () => {
    const seeker = makeSeeker({
      lifeExperiences: null,
      goalThemes: null,
      childrenAgeBands: null,
      availabilitySlots: null,
      location: null,
    });
    const sparse = makeCandidate({ id: 'c-sparse', interests: ['parks_outdoors', 'music'] });
    const known = makeCandidate({
      id: 'c-known',
      lifeExperiences: ['migration'],
      strengths: ['budgeting'],
      interests: ['cooking'],
    });
    const full = makeSeeker();
    const a = suggestMatches(seeker, [sparse], fixtureContext()).suggestions[0];
    expect(a.knownWeightShare).toBeLessThan(0.5);
    expect(a.summary).toMatch(/Ranked at \d+%: for ranking, each of those factors counts as a neutral 50%/);
    const both = suggestMatches(full, [sparse, known], fixtureContext()).suggestions;
    expect(both.map((s) => s.rankingScore)).toEqual(
      [...both.map((s) => s.rankingScore)].sort((x, y) => y - x),
    );
  });
});
