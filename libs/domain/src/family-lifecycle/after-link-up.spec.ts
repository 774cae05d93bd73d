import { DEFAULT_AFTER_LINK_UP_SETTINGS, planAfterLinkUp } from './after-link-up';

describe('planAfterLinkUp', () => {
  it('completes the Seeking family of a completed link-up and keeps the pair', () => {
    expect(planAfterLinkUp('completed', 'goals_met', DEFAULT_AFTER_LINK_UP_SETTINGS)).toEqual({
      seekingStatus: 'completed',
      excludePair: false,
    });
  });

  it('returns the family to choosing, excluding the pair only for reasons about the pair itself', () => {
    const excluded = [
      'family_withdrew',
      'moved_away',
      'safety_concern',
      'not_a_good_fit',
      'sharing_family_unavailable',
      'other',
    ].filter((reason) => planAfterLinkUp('ended_early', reason, DEFAULT_AFTER_LINK_UP_SETTINGS).excludePair);
    expect(excluded).toEqual(['safety_concern', 'not_a_good_fit']);
    expect(planAfterLinkUp('ended_early', 'moved_away', DEFAULT_AFTER_LINK_UP_SETTINGS).seekingStatus).toBe(
      'choosing',
    );
    expect(planAfterLinkUp('ended_early', null, DEFAULT_AFTER_LINK_UP_SETTINGS).excludePair).toBe(false);
  });

  it('follows the settings', () => {
    const settings = {
      endedEarlyReturnsTo: 'waitlisted' as const,
      excludePairWhenEndedFor: ['other' as const],
    };
    expect(planAfterLinkUp('ended_early', 'other', settings)).toEqual({
      seekingStatus: 'waitlisted',
      excludePair: true,
    });
    expect(planAfterLinkUp('ended_early', 'safety_concern', settings).excludePair).toBe(false);
  });
});
