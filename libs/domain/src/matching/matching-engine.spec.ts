import { suggestMatches } from './matching-engine';
import { MatchingInputError } from './matching.errors';
import { resolveMatchingSettings } from './matching-settings';
import { fixtureContext, makeCandidate, makeSeeker } from './matching.fixtures';

describe('suggestMatches', () => {
  const candidates = [
    makeCandidate({ id: 'c-far-off-site', siteId: 'site-b' }),
    makeCandidate({ id: 'c-weak', interests: ['music'], lifeExperiences: ['grief_loss'] }),
    makeCandidate({ id: 'c-best-b' }),
    makeCandidate({ id: 'c-best-a' }),
    makeCandidate({ id: 'c-on-hold', status: 'on_hold' }),
    makeCandidate({ id: 'c-mid', interests: ['music'] }),
  ];

  it('ranks by score desc, then id asc, and lists the excluded with every reason', () => {
    const result = suggestMatches(makeSeeker(), candidates, fixtureContext());
    expect(result.suggestions.map((s) => [s.rank, s.sharingFamilyId])).toEqual([
      [1, 'c-best-a'],
      [2, 'c-best-b'],
      [3, 'c-mid'],
      [4, 'c-weak'],
    ]);
    expect(result.suggestions[0].score).toBe(result.suggestions[1].score);
    expect(result.suggestions[2].score).toBeGreaterThan(result.suggestions[3].score);
    expect(result.excluded).toEqual([
      {
        sharingFamilyId: 'c-far-off-site',
        failures: [{ key: 'site', reason: 'Belongs to a different site' }],
      },
      {
        sharingFamilyId: 'c-on-hold',
        failures: [{ key: 'status', reason: 'On hold, so not available for new link-ups' }],
      },
    ]);
    expect(result).toMatchObject({
      candidateCount: 6,
      eligibleCount: 4,
      today: '2026-03-02',
      plannedEndDate: '2026-09-28',
    });
  });

  it('is independent of the order the candidates come in', () => {
    const forward = suggestMatches(makeSeeker(), candidates, fixtureContext());
    const reversed = suggestMatches(makeSeeker(), [...candidates].reverse(), fixtureContext());
    expect(reversed.suggestions).toEqual(forward.suggestions);
  });

  it.each([
    [1, ['c-best-a']],
    [3, ['c-best-a', 'c-best-b', 'c-mid']],
  ])('returns at most limit=%d suggestions', (limit, ids) => {
    const result = suggestMatches(makeSeeker(), candidates, fixtureContext(), { limit });
    expect(result.suggestions.map((s) => s.sharingFamilyId)).toEqual(ids);
    expect(result.eligibleCount).toBe(4);
  });

  it('uses the suggestion limit from the settings', () => {
    const settings = resolveMatchingSettings({ suggestionLimit: 2 });
    expect(suggestMatches(makeSeeker(), candidates, fixtureContext({ settings })).suggestions).toHaveLength(
      2,
    );
  });

  it.each([
    ['an invalid date', { today: '2026-02-30' }, /today must be an ISO date/],
    [
      'a negative weight',
      { settings: resolveMatchingSettings({ weights: { distance: -1 } }) },
      /weights.distance/,
    ],
    [
      'a zero suggestion limit',
      { settings: resolveMatchingSettings({ suggestionLimit: 0 }) },
      /suggestionLimit/,
    ],
  ])('rejects %s with MATCH.INVALID_INPUT', (_name, overrides, message) => {
    const run = () => suggestMatches(makeSeeker(), candidates, fixtureContext(overrides));
    expect(run).toThrow(MatchingInputError);
    expect(run).toThrow(message);
    try {
      run();
    } catch (error) {
      expect((error as MatchingInputError).code).toBe('MATCH.INVALID_INPUT');
    }
  });

  describe('ranking with unknown factors (sparse profiles do not float to the top)', () => {
    const sparse = (id: string, overrides: Parameters<typeof makeCandidate>[0] = {}) =>
      makeCandidate({
        id,
        lifeExperiences: null,
        strengths: null,
        interests: null,
        childrenAgeBands: null,
        availabilitySlots: null,
        location: null,
        ...overrides,
      });
    const weak = makeCandidate({
      id: 'c-full-weak',
      lifeExperiences: ['grief_loss'],
      strengths: ['gardening'],
      interests: ['music'],
      childrenAgeBands: ['age_15_17'],
      availabilitySlots: ['sunday_afternoon'],
    });
    it.each([
      {
        name: 'a well-known good pair outranks one scored on current load alone',
        candidates: [sparse('c-sparse'), makeCandidate({ id: 'c-full' })],
        order: ['c-full', 'c-sparse'],
      },
      {
        name: 'a sparse pair still outranks a fully known poor one',
        candidates: [weak, sparse('c-sparse')],
        order: ['c-sparse', 'c-full-weak'],
      },
      {
        name: 'everything known: the order is the displayed score',
        candidates: [makeCandidate({ id: 'c-mid', interests: ['music'] }), makeCandidate({ id: 'c-best' })],
        order: ['c-best', 'c-mid'],
      },
      {
        name: 'same known factors: the better known value first',
        candidates: [sparse('c-loaded', { maxConcurrentLinkUps: 2, activeLinkUps: 1 }), sparse('c-free')],
        order: ['c-free', 'c-loaded'],
      },
    ])('$name', ({ candidates: list, order }) => {
      const result = suggestMatches(makeSeeker(), list, fixtureContext());
      expect(result.suggestions.map((s) => s.sharingFamilyId)).toEqual(order);
    });

    it('keeps the displayed score and explanation of a sparse pair as they were', () => {
      const [suggestion] = suggestMatches(makeSeeker(), [sparse('c-sparse')], fixtureContext()).suggestions;
      expect(suggestion.score).toBe(1);
      expect(suggestion.factors.filter((f) => f.value === null).map((f) => f.key)).toEqual([
        'life_experiences',
        'strengths_goals',
        'children_ages',
        'interests',
        'distance',
        'availability',
      ]);
    });
  });

  it('words the reasons of the first excludedLimit excluded candidates only, counting them all', () => {
    const list = [
      makeCandidate({ id: 'x-1', status: 'on_hold' }),
      makeCandidate({ id: 'x-2', siteId: 'site-b', participationConsent: false }),
      makeCandidate({ id: 'x-3', status: 'on_hold' }),
      makeCandidate({ id: 'ok' }),
    ];
    const result = suggestMatches(makeSeeker(), list, fixtureContext(), { excludedLimit: 1 });
    expect(result.excluded.map((e) => e.sharingFamilyId)).toEqual(['x-1']);
    expect(result.excludedCount).toBe(3);
    expect(result.excludedByConstraint).toEqual({ status: 2, consent: 1, site: 1 });
    expect(suggestMatches(makeSeeker(), list, fixtureContext()).excluded).toHaveLength(3);
  });
});
