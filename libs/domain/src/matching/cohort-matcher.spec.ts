import fc from 'fast-check';
import { matchCohort } from './cohort-matcher';
import { evaluateMatch } from './matching-engine';
import { resolveMatchingSettings } from './matching-settings';
import { fixtureContext, makeCandidate, makeSeeker } from './matching.fixtures';
import type { MatchCandidate, MatchContext, MatchSeeker } from './matching.types';

const SUBURBS = [
  { suburb: 'Salisbury', location: { lat: -34.758, lng: 138.642 } },
  { suburb: 'Elizabeth', location: { lat: -34.712, lng: 138.67 } },
  { suburb: 'Noarlunga Centre', location: { lat: -35.14, lng: 138.495 } },
  { suburb: 'Unley', location: null },
];
const tags = (pool: string[]) => fc.option(fc.subarray(pool), { nil: null });

const seekerArb = (id: string) =>
  fc
    .record({
      site: fc.constantFrom('site-a', 'site-a', 'site-b'),
      home: fc.constantFrom(...SUBURBS),
      languages: fc.subarray(['english', 'dari', 'greek'], { minLength: 1 }),
      interpreterArranged: fc.boolean(),
      lifeExperiences: tags(['single_parenting', 'grief_loss', 'migration']),
      goalThemes: tags(['routines', 'housing', 'self_care']),
      interests: tags(['cooking', 'music', 'beach']),
      childrenAgeBands: tags(['age_0_4', 'age_5_9', 'age_10_14']),
      availabilitySlots: tags(['saturday_morning', 'weekday_evening', 'sunday_afternoon']),
      avoidDogs: fc.boolean(),
      waitedDays: fc.integer({ min: 0, max: 300 }),
    })
    .map((r): MatchSeeker =>
      makeSeeker({
        id,
        siteId: r.site,
        suburb: r.home.suburb,
        location: r.home.location,
        languages: r.languages,
        interpreterArranged: r.interpreterArranged,
        lifeExperiences: r.lifeExperiences,
        goalThemes: r.goalThemes,
        interests: r.interests,
        childrenAgeBands: r.childrenAgeBands,
        availabilitySlots: r.availabilitySlots,
        avoidances: r.avoidDogs ? [{ kind: 'trait', trait: 'dogs' }] : [],
        waitingSince: new Date(Date.UTC(2026, 2, 2) - r.waitedDays * 86_400_000).toISOString().slice(0, 10),
      }),
    );

const candidateArb = (id: string) =>
  fc
    .record({
      site: fc.constantFrom('site-a', 'site-a', 'site-b'),
      status: fc.constantFrom('approved', 'approved', 'approved', 'on_hold', 'in_training'),
      capacity: fc.integer({ min: 1, max: 3 }),
      active: fc.integer({ min: 0, max: 2 }),
      expiry: fc.constantFrom('2029-01-01', '2029-01-01', '2026-06-01'),
      home: fc.constantFrom(...SUBURBS),
      languages: fc.subarray(['english', 'dari', 'greek'], { minLength: 1 }),
      lifeExperiences: tags(['single_parenting', 'grief_loss', 'migration']),
      strengths: tags(['routines_and_structure', 'housing_know_how', 'healthy_habits']),
      interests: tags(['cooking', 'music', 'beach']),
      childrenAgeBands: tags(['age_0_4', 'age_5_9', 'age_10_14']),
      availabilitySlots: tags(['saturday_morning', 'weekday_evening', 'sunday_afternoon']),
      dogs: fc.boolean(),
    })
    .map((r): MatchCandidate =>
      makeCandidate({
        id,
        siteId: r.site,
        status: r.status as MatchCandidate['status'],
        maxConcurrentLinkUps: r.capacity,
        activeLinkUps: r.active,
        wwccExpiries: [r.expiry],
        suburb: r.home.suburb,
        location: r.home.location,
        languages: r.languages,
        lifeExperiences: r.lifeExperiences,
        strengths: r.strengths,
        interests: r.interests,
        childrenAgeBands: r.childrenAgeBands,
        availabilitySlots: r.availabilitySlots,
        householdTraits: r.dogs ? ['dogs'] : [],
      }),
    );

const cohortArb = fc
  .record({ seekers: fc.integer({ min: 0, max: 6 }), candidates: fc.integer({ min: 0, max: 4 }) })
  .chain(({ seekers, candidates }) =>
    fc.record({
      seekers: fc.tuple(...Array.from({ length: seekers }, (_, i) => seekerArb(`s${i}`))),
      candidates: fc.tuple(...Array.from({ length: candidates }, (_, j) => candidateArb(`c${j}`))),
      exclusions: fc.array(
        fc.record({
          seekingFamilyId: fc.constantFrom(
            ...Array.from({ length: Math.max(1, seekers) }, (_, i) => `s${i}`),
          ),
          sharingFamilyId: fc.constantFrom(
            ...Array.from({ length: Math.max(1, candidates) }, (_, j) => `c${j}`),
          ),
          reason: fc.constantFrom('declined' as const, 'known_to_each_other' as const),
        }),
        { maxLength: 3 },
      ),
      fairness: fc.constantFrom(0, 0.01, 0.2),
    }),
  );

/** Exhaustive optimum of total fit + fairness over eligible pairs, via the single-pair engine. */
function bruteForce(seekers: MatchSeeker[], candidates: MatchCandidate[], context: MatchContext): number {
  const perWeek = context.settings?.cohortFairnessPerWeekWaiting ?? 0;
  const value = seekers.map((seeker) =>
    candidates.map((candidate) => {
      const evaluation = evaluateMatch(seeker, candidate, context);
      if (!evaluation.eligible) return null;
      const weeks = Math.floor(
        (Date.UTC(2026, 2, 2) - Date.parse(seeker.waitingSince ?? '2026-03-02')) / (7 * 86_400_000),
      );
      return (evaluation.explanation?.score ?? 0) + perWeek * Math.min(26, weeks);
    }),
  );
  const spare = candidates.map((c) => Math.min(3, c.maxConcurrentLinkUps ?? 1) - c.activeLinkUps);
  let best = 0;
  const visit = (i: number, total: number): void => {
    if (i === seekers.length) {
      best = Math.max(best, total);
      return;
    }
    visit(i + 1, total);
    value[i].forEach((v, j) => {
      if (v === null || spare[j] < 1) return;
      spare[j]--;
      visit(i + 1, total + v);
      spare[j]++;
    });
  };
  visit(0, 0);
  return best;
}

describe('matchCohort', () => {
  it('never breaks a hard constraint or a capacity, and reaches the brute-force optimum (property)', () => {
    fc.assert(
      fc.property(cohortArb, ({ seekers, candidates, exclusions, fairness }) => {
        const context = fixtureContext({
          exclusions: exclusions,
          settings: resolveMatchingSettings({ cohortFairnessPerWeekWaiting: fairness }),
        });
        const result = matchCohort(seekers, candidates, context);
        const used = new Map<string, number>();
        for (const assignment of result.assignments) {
          const seeker = seekers.find((s) => s.id === assignment.seekingFamilyId) as MatchSeeker;
          const candidate = candidates.find((c) => c.id === assignment.sharingFamilyId) as MatchCandidate;
          expect(evaluateMatch(seeker, candidate, context).eligible).toBe(true);
          used.set(candidate.id, (used.get(candidate.id) ?? 0) + 1);
        }
        for (const candidate of candidates) {
          const spare = Math.min(3, candidate.maxConcurrentLinkUps ?? 1) - candidate.activeLinkUps;
          expect(used.get(candidate.id) ?? 0).toBeLessThanOrEqual(Math.max(0, spare));
        }
        expect(result.assignments.length + result.unassigned.length).toBe(seekers.length);
        expect(result.totalObjective).toBeCloseTo(bruteForce(seekers, candidates, context), 4);
        expect(result.proposalOnly).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('prefers the total fit over each family taking its own best (not greedy)', () => {
    // s1 fits A best but also fits B; s2 only fits A. Greedy would leave s2 out.
    const seekers = [
      makeSeeker({ id: 's1', waitingSince: null }),
      makeSeeker({ id: 's2', waitingSince: null, languages: ['greek'] }),
    ];
    const candidates = [
      makeCandidate({ id: 'A', languages: ['english', 'greek'] }),
      makeCandidate({ id: 'B', interests: ['music'] }),
    ];
    const result = matchCohort(seekers, candidates, fixtureContext());
    expect(result.assignments.map((a) => [a.seekingFamilyId, a.sharingFamilyId])).toEqual([
      ['s1', 'B'],
      ['s2', 'A'],
    ]);
  });

  it('fills capacities above 1 and gives the longest-waiting family the last place', () => {
    const seekers = [
      makeSeeker({ id: 's-new', waitingSince: '2026-02-23' }),
      makeSeeker({ id: 's-old', waitingSince: '2025-12-01' }),
      makeSeeker({ id: 's-mid', waitingSince: '2026-01-26' }),
    ];
    const candidates = [makeCandidate({ id: 'A', maxConcurrentLinkUps: 3, activeLinkUps: 1 })];
    const result = matchCohort(seekers, candidates, fixtureContext());
    expect(result.assignments.map((a) => [a.seekingFamilyId, a.weeksWaiting])).toEqual([
      ['s-mid', 5],
      ['s-old', 13],
    ]);
    expect(result.assignments[1].fairnessBonus).toBeCloseTo(0.13, 10);
    expect(result.unassigned).toEqual([
      expect.objectContaining({
        seekingFamilyId: 's-new',
        reasonCode: 'places_went_to_better_overall_fit',
        eligibleCandidateCount: 1,
        bestCandidate: {
          sharingFamilyId: 'A',
          fit: expect.any(Number),
          assignedSeekingFamilyIds: ['s-mid', 's-old'],
        },
      }),
    ]);
    expect(result.stats).toEqual({
      seekerCount: 3,
      candidateCount: 1,
      eligibleEdgeCount: 3,
      totalSpareCapacity: 2,
    });
  });

  it('explains a family no Sharing family can take, with counts per constraint', () => {
    const seekers = [makeSeeker({ id: 's1', languages: ['dari'] })];
    const candidates = [
      makeCandidate({ id: 'A' }),
      makeCandidate({ id: 'B', status: 'on_hold' }),
      makeCandidate({ id: 'C', siteId: 'site-b', languages: ['dari'] }),
    ];
    const [unassigned] = matchCohort(seekers, candidates, fixtureContext()).unassigned;
    expect(unassigned).toEqual({
      seekingFamilyId: 's1',
      reasonCode: 'no_eligible_sharing_family',
      reason:
        'None of the 3 Sharing families meets every requirement (1 not approved or on hold, 1 at another site and 2 no shared language and no interpreter)',
      eligibleCandidateCount: 0,
      exclusionCounts: { status: 1, site: 1, language: 2 },
      bestCandidate: null,
    });
  });

  it('gives the same proposal whatever the input order', () => {
    const seekers = ['s3', 's1', 's2'].map((id) => makeSeeker({ id }));
    const candidates = ['B', 'A'].map((id) => makeCandidate({ id }));
    const forward = matchCohort(seekers, candidates, fixtureContext());
    const backward = matchCohort([...seekers].reverse(), [...candidates].reverse(), fixtureContext());
    expect(backward).toEqual(forward);
  });

  it('rejects duplicate ids', () => {
    expect(() => matchCohort([makeSeeker(), makeSeeker()], [], fixtureContext())).toThrow(
      /appears more than once/,
    );
  });
});
