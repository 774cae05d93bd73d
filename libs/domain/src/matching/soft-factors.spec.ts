import { evaluateMatch } from './matching-engine';
import { resolveMatchingSettings } from './matching-settings';
import { fixtureContext, makeCandidate, makeSeeker } from './matching.fixtures';
import type { MatchCandidate, MatchFactorKey, MatchSeeker } from './matching.types';

interface FactorCase {
  factor: MatchFactorKey;
  name: string;
  seeker?: Partial<MatchSeeker>;
  candidate?: Partial<MatchCandidate>;
  value: number | null;
  reason: string | RegExp;
}

const CASES: FactorCase[] = [
  // Shared life experiences: share of the Seeking family's experiences the Sharing family knows.
  {
    factor: 'life_experiences',
    name: 'all shared',
    value: 1,
    reason:
      'Both families have lived through single parenting and financial hardship (2 of 2 the Seeking family named)',
  },
  {
    factor: 'life_experiences',
    name: 'one of two',
    candidate: { lifeExperiences: ['financial_hardship', 'grief_loss'] },
    value: 0.5,
    reason: /financial hardship \(1 of 2/,
  },
  {
    factor: 'life_experiences',
    name: 'none shared',
    candidate: { lifeExperiences: ['grief_loss'] },
    value: 0,
    reason: 'No shared life experiences among the 2 the Seeking family named',
  },
  {
    factor: 'life_experiences',
    name: 'duplicates count once',
    candidate: { lifeExperiences: ['grief_loss', 'single_parenting', 'single_parenting'] },
    value: 0.5,
    reason: /1 of 2/,
  },
  {
    factor: 'life_experiences',
    name: 'unknown for the Seeking family',
    seeker: { lifeExperiences: null },
    value: null,
    reason: 'Life experiences unknown: none recorded for the Seeking family',
  },
  {
    factor: 'life_experiences',
    name: 'unknown for the Sharing family (empty)',
    candidate: { lifeExperiences: [] },
    value: null,
    reason: 'Life experiences unknown: none recorded for this family',
  },
  {
    factor: 'life_experiences',
    name: 'unknown for both',
    seeker: { lifeExperiences: [] },
    candidate: { lifeExperiences: null },
    value: null,
    reason: 'Life experiences unknown: none recorded for either family',
  },
  // Strengths against goal themes (through the goal theme -> strengths mapping).
  {
    factor: 'strengths_goals',
    name: 'both themes covered',
    value: 1,
    reason: "2 of the 2 goal themes match this family's strengths (Daily routines and Managing money)",
  },
  {
    factor: 'strengths_goals',
    name: '3 of 4 themes covered',
    seeker: { goalThemes: ['routines', 'money_management', 'housing', 'self_care'] },
    candidate: { strengths: ['routines_and_structure', 'cooking_on_a_budget', 'navigating_services'] },
    value: 0.75,
    reason:
      "3 of the 4 goal themes match this family's strengths (Daily routines, Managing money and Housing)",
  },
  {
    factor: 'strengths_goals',
    name: 'single theme covered',
    seeker: { goalThemes: ['routines'] },
    value: 1,
    reason: "The goal theme matches this family's strengths (Daily routines)",
  },
  {
    factor: 'strengths_goals',
    name: 'no theme covered',
    candidate: { strengths: ['healthy_habits'] },
    value: 0,
    reason: "None of the 2 goal themes match this family's strengths",
  },
  {
    factor: 'strengths_goals',
    name: 'unknown: no goal themes yet',
    seeker: { goalThemes: [] },
    value: null,
    reason: /no goal themes yet/,
  },
  {
    factor: 'strengths_goals',
    name: 'unknown: no strengths recorded',
    candidate: { strengths: null },
    value: null,
    reason: /no strengths recorded/,
  },
  // Children's ages: same band 1, neighbouring band 0.5.
  {
    factor: 'children_ages',
    name: 'same age group',
    value: 1,
    reason: 'Children in the same age group (5 to 9)',
  },
  {
    factor: 'children_ages',
    name: 'neighbouring age group',
    candidate: { childrenAgeBands: ['age_10_14'] },
    value: 0.5,
    reason: 'Children in a neighbouring age group for 5 to 9',
  },
  {
    factor: 'children_ages',
    name: 'one same, one far',
    seeker: { childrenAgeBands: ['age_0_4', 'age_15_17'] },
    candidate: { childrenAgeBands: ['age_0_4'] },
    value: 0.5,
    reason: 'Children in the same age group (under 5)',
  },
  {
    factor: 'children_ages',
    name: 'far apart',
    seeker: { childrenAgeBands: ['age_0_4'] },
    candidate: { childrenAgeBands: ['age_15_17'] },
    value: 0,
    reason: 'No children of similar ages',
  },
  {
    factor: 'children_ages',
    name: 'unknown',
    candidate: { childrenAgeBands: null },
    value: null,
    reason: "Children's ages unknown: none recorded for this family",
  },
  // Interests: overlap over the shorter list.
  {
    factor: 'interests',
    name: 'all shared',
    value: 1,
    reason: 'Both enjoy parks and the outdoors and cooking',
  },
  {
    factor: 'interests',
    name: 'one shared, shorter list of 2',
    candidate: { interests: ['cooking', 'music', 'sport'] },
    value: 0.5,
    reason: 'Both enjoy cooking',
  },
  {
    factor: 'interests',
    name: 'none shared',
    candidate: { interests: ['music'] },
    value: 0,
    reason: 'No shared interests',
  },
  {
    factor: 'interests',
    name: 'unknown',
    seeker: { interests: null },
    value: null,
    reason: 'Shared interests unknown: none recorded for the Seeking family',
  },
  // Distance: 1 - km / maxTravelKm.
  {
    factor: 'distance',
    name: 'same point',
    candidate: { location: { lat: -34.758, lng: 138.642 } },
    value: 1,
    reason: 'About 0.0 km apart',
  },
  {
    factor: 'distance',
    name: 'Salisbury to Elizabeth (~5.7 km)',
    value: 1 - 5.73 / 25,
    reason: 'About 5.7 km apart',
  },
  {
    factor: 'distance',
    name: 'unknown: no location for this family',
    candidate: { location: null },
    value: null,
    reason: 'Distance unknown: this family has no recorded location',
  },
  {
    factor: 'distance',
    name: 'unknown: no location for either',
    seeker: { location: null },
    candidate: { location: null },
    value: null,
    reason: 'Distance unknown: neither family has a recorded location',
  },
  // Availability: shared slots, two are enough for full value.
  {
    factor: 'availability',
    name: 'two shared slots',
    value: 1,
    reason: 'Both are free saturday mornings and weekday evenings',
  },
  {
    factor: 'availability',
    name: 'one of two',
    candidate: { availabilitySlots: ['saturday_morning', 'sunday_afternoon'] },
    value: 0.5,
    reason: 'Both are free saturday mornings',
  },
  {
    factor: 'availability',
    name: 'the only slot either has',
    seeker: { availabilitySlots: ['saturday_morning'] },
    value: 1,
    reason: 'Both are free saturday mornings',
  },
  {
    factor: 'availability',
    name: 'no overlap',
    candidate: { availabilitySlots: ['school_holidays'] },
    value: 0,
    reason: 'No times that suit both families',
  },
  {
    factor: 'availability',
    name: 'unknown',
    candidate: { availabilitySlots: null },
    value: null,
    reason: 'Times that suit both unknown: none recorded for this family',
  },
  // Current load: share of places free.
  { factor: 'current_load', name: 'no other link-ups', value: 1, reason: 'No other link-ups at the moment' },
  {
    factor: 'current_load',
    name: 'one of three places used',
    candidate: { maxConcurrentLinkUps: 3, activeLinkUps: 1 },
    value: 2 / 3,
    reason: 'Already in 1 link-up (room for 3 at once)',
  },
];

describe('soft factors', () => {
  it.each(CASES)('$factor: $name', ({ factor, seeker, candidate, value, reason }) => {
    const result = evaluateMatch(makeSeeker(seeker), makeCandidate(candidate), fixtureContext());
    const explained = result.explanation?.factors.find((f) => f.key === factor);
    expect(explained).toBeDefined();
    if (value === null) {
      expect(explained?.value).toBeNull();
      expect(explained?.contribution).toBeNull();
    } else {
      expect(explained?.value).toBeCloseTo(value, 2);
    }
    if (typeof reason === 'string') expect(explained?.reason).toBe(reason);
    else expect(explained?.reason).toMatch(reason);
  });
});

describe('score', () => {
  it('is the weighted mean of known factors, and contributions add up to it', () => {
    const candidate = makeCandidate({ interests: ['music'], maxConcurrentLinkUps: 2, activeLinkUps: 1 });
    const explanation = evaluateMatch(makeSeeker(), candidate, fixtureContext()).explanation;
    const factors = explanation?.factors ?? [];
    const weighted = factors.reduce((sum, f) => sum + f.weight * (f.value ?? 0), 0);
    const weights = factors.reduce((sum, f) => sum + f.weight, 0);
    expect(explanation?.score).toBeCloseTo(weighted / weights, 10);
    expect(factors.reduce((sum, f) => sum + (f.contribution ?? 0), 0)).toBeCloseTo(
      explanation?.score ?? -1,
      10,
    );
    expect(explanation?.knownWeightShare).toBe(1);
  });

  it('leaves unknown factors out instead of counting them as zero, and says so', () => {
    const known = evaluateMatch(makeSeeker(), makeCandidate(), fixtureContext()).explanation;
    const unknown = evaluateMatch(
      makeSeeker({ location: null, interests: null }),
      makeCandidate(),
      fixtureContext(),
    ).explanation;
    // Every known factor is a perfect match except distance (~5.7 km): without distance the score rises.
    expect(unknown?.score).toBe(1);
    expect(unknown?.score).toBeGreaterThan(known?.score ?? 1);
    expect(unknown?.knownWeightShare).toBeCloseTo(11 / 14, 10);
    expect(unknown?.summary).toBe(
      'Fit 100% from 5 of 7 factors (79% of the weight). Unknown, so left out of the fit rather than counted against the match: shared interests and distance. Ranked at 89%: for ranking, each of those factors counts as a neutral 50%, so a pair known on little does not outrank a well-known good one.',
    );
    // Ranked by every factor, the unknown ones at 0.5: (11 × 1 + 3 × 0.5) / 14.
    expect(unknown?.rankingScore).toBeCloseTo(12.5 / 14, 10);
    expect(known?.rankingScore).toBe(known?.score);
    expect(known?.summary).toMatch(/^Fit 97% from all 7 factors\.$/);
  });

  it('takes its weights from the settings (0 switches a factor off)', () => {
    const candidate = makeCandidate({ interests: ['music'] });
    const settings = resolveMatchingSettings({
      weights: {
        life_experiences: 0,
        strengths_goals: 0,
        children_ages: 0,
        distance: 0,
        availability: 0,
        current_load: 0,
        interests: 1,
      },
    });
    const explanation = evaluateMatch(makeSeeker(), candidate, fixtureContext({ settings })).explanation;
    expect(explanation?.score).toBe(0);
    expect(explanation?.factors.find((f) => f.key === 'interests')?.contribution).toBe(0);
  });
});
