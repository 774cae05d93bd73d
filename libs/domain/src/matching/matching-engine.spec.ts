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
});
