import {
  DEFAULT_FEEDBACK_SETTINGS,
  feedbackAlertsFor,
  feedbackPeriodOf,
  validateFeedbackSettings,
  type FeedbackAnswer,
} from './feedback-rules';

const answer = (
  viewpoint: FeedbackAnswer['viewpoint'],
  period: number,
  relationship: number,
  change: number,
) => ({
  viewpoint,
  period,
  relationship,
  change,
});

describe('feedback periods', () => {
  const start = new Date('2026-03-01T10:00:00Z');
  it.each([
    ['at the start', 0, 1],
    ['the last moment of day 14', 14 * 86_400_000 - 1, 1],
    ['day 15', 14 * 86_400_000, 2],
    ['day 29', 28 * 86_400_000, 3],
    ['before the start (clamped)', -5_000, 1],
  ])('%s is period %i', (_label, offset, period) => {
    expect(feedbackPeriodOf(start, new Date(start.getTime() + offset), 14)).toBe(period);
  });
});

describe('feedback alerts', () => {
  const keys = (answers: FeedbackAnswer[], period: number) =>
    feedbackAlertsFor(answers, period, DEFAULT_FEEDBACK_SETTINGS).map((a) => a.key);

  it.each<[string, FeedbackAnswer[], number, string[]]>([
    ['one answer: nothing to compare', [answer('seeking', 1, 1, 5)], 1, []],
    ['one apart: no alert', [answer('seeking', 1, 4, 4), answer('sharing', 1, 3, 5)], 1, []],
    [
      'two apart on one question',
      [answer('seeking', 1, 4, 4), answer('sharing', 1, 2, 4)],
      1,
      ['p1:diverged:relationship'],
    ],
    [
      'three viewpoints: one divergence per question, whichever pair',
      [answer('seeking', 1, 5, 1), answer('sharing', 1, 3, 3), answer('coach', 1, 1, 5)],
      1,
      ['p1:diverged:relationship', 'p1:diverged:change'],
    ],
    [
      'answers of other periods are not compared',
      [answer('seeking', 1, 5, 5), answer('sharing', 2, 1, 5)],
      2,
      [],
    ],
    [
      'a family drop of 2 since its last period',
      [answer('seeking', 1, 4, 4), answer('seeking', 3, 4, 2)],
      3,
      ['p3:dropped:change:seeking'],
    ],
    ['a rise is no alert', [answer('sharing', 1, 2, 2), answer('sharing', 2, 5, 5)], 2, []],
    ['a coach drop is no alert', [answer('coach', 1, 5, 5), answer('coach', 2, 1, 1)], 2, []],
  ])('%s', (_label, answers, period, expected) => {
    expect(keys(answers, period)).toEqual(expected);
  });

  it('names the lowest and highest answers of a divergence, and the drop', () => {
    const alerts = feedbackAlertsFor(
      [answer('seeking', 1, 5, 3), answer('seeking', 2, 2, 3), answer('coach', 2, 4, 3)],
      2,
      DEFAULT_FEEDBACK_SETTINGS,
    );
    expect(alerts).toEqual([
      {
        kind: 'diverged',
        key: 'p2:diverged:relationship',
        period: 2,
        question: 'relationship',
        low: { viewpoint: 'seeking', rating: 2 },
        high: { viewpoint: 'coach', rating: 4 },
      },
      {
        kind: 'dropped',
        key: 'p2:dropped:relationship:seeking',
        period: 2,
        question: 'relationship',
        viewpoint: 'seeking',
        from: { period: 1, rating: 5 },
        to: 2,
      },
    ]);
  });

  it('validates its settings', () => {
    expect(validateFeedbackSettings(DEFAULT_FEEDBACK_SETTINGS)).toEqual([]);
    expect(validateFeedbackSettings({ periodDays: 0, divergenceAlertAt: 5, dropAlertAt: 1.5 })).toHaveLength(
      3,
    );
  });
});
