/**
 * The three viewpoints on a link-up (DESIGN §3 "Feedback"): at each check-in period the Seeking
 * family, the Sharing family and the coach each rate how the relationship is going and how things
 * are changing (1–5). Answers that diverge, or a family's answer that drops, alert the coach.
 */

export const FEEDBACK_VIEWPOINTS = ['seeking', 'sharing', 'coach'] as const;
export type FeedbackViewpoint = (typeof FEEDBACK_VIEWPOINTS)[number];

export const FEEDBACK_QUESTIONS = ['relationship', 'change'] as const;
export type FeedbackQuestion = (typeof FEEDBACK_QUESTIONS)[number];

export const FEEDBACK_RATING_MIN = 1;
export const FEEDBACK_RATING_MAX = 5;
/** The optional words: a few sentences, read by the coach only. */
export const FEEDBACK_WORDS_MAX = 1000;

export interface FeedbackSettings {
  /**
   * The length of a check-in period in days, counted from the link-up's start: period 1 is its
   * first `periodDays` days. Default 14, the Sharing family's default check-in cadence.
   */
  readonly periodDays: number;
  /** Two viewpoints this far apart (or more) on one question in one period alert the coach. */
  readonly divergenceAlertAt: number;
  /** A family's answer this much lower (or more) than its previous one alerts the coach. */
  readonly dropAlertAt: number;
}

export const DEFAULT_FEEDBACK_SETTINGS: FeedbackSettings = Object.freeze({
  periodDays: 14,
  divergenceAlertAt: 2,
  dropAlertAt: 2,
});

/** Problems with feedback settings, each message starting with the field's path. */
export function validateFeedbackSettings(settings: FeedbackSettings): string[] {
  const problems: string[] = [];
  const whole = (value: unknown, min: number, max: number): boolean =>
    typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
  if (!whole(settings.periodDays, 1, 365)) problems.push('periodDays must be a whole number from 1 to 365');
  for (const key of ['divergenceAlertAt', 'dropAlertAt'] as const) {
    if (!whole(settings[key], 1, FEEDBACK_RATING_MAX - FEEDBACK_RATING_MIN))
      problems.push(`${key} must be a whole number from 1 to ${FEEDBACK_RATING_MAX - FEEDBACK_RATING_MIN}`);
  }
  return problems;
}

const DAY_MS = 86_400_000;

/** The check-in period (1, 2, …) that `at` falls in, counted from the link-up's start. */
export function feedbackPeriodOf(startedAt: Date, at: Date, periodDays: number): number {
  const elapsed = Math.max(0, at.getTime() - startedAt.getTime());
  return Math.floor(elapsed / (periodDays * DAY_MS)) + 1;
}

/** One viewpoint's answer in one period. */
export interface FeedbackAnswer {
  readonly viewpoint: FeedbackViewpoint;
  readonly period: number;
  readonly relationship: number;
  readonly change: number;
}

/** Something the coach should check in on; `key` names it once per link-up (one notice per key). */
export type FeedbackAlert =
  | {
      readonly kind: 'diverged';
      readonly key: string;
      readonly period: number;
      readonly question: FeedbackQuestion;
      /** The lowest and the highest answer of the period, and whose they are. */
      readonly low: { readonly viewpoint: FeedbackViewpoint; readonly rating: number };
      readonly high: { readonly viewpoint: FeedbackViewpoint; readonly rating: number };
    }
  | {
      readonly kind: 'dropped';
      readonly key: string;
      readonly period: number;
      readonly question: FeedbackQuestion;
      readonly viewpoint: FeedbackViewpoint;
      /** The family's previous answer (in its last earlier period) and this one. */
      readonly from: { readonly period: number; readonly rating: number };
      readonly to: number;
    };

/**
 * The alerts a link-up's answers call for in `period`: per question, one divergence when the
 * period's answers span `divergenceAlertAt` or more (whichever viewpoints they are); per family and
 * question, one drop when its answer is `dropAlertAt` or more below its answer of its last earlier
 * period. The coach's own answers are compared with the families' but never alert as a drop.
 * Keys are stable, so writing each alert once per key gives one notice per divergence however
 * often answers in the period are given or changed.
 */
export function feedbackAlertsFor(
  answers: readonly FeedbackAnswer[],
  period: number,
  settings: Pick<FeedbackSettings, 'divergenceAlertAt' | 'dropAlertAt'>,
): FeedbackAlert[] {
  const inPeriod = FEEDBACK_VIEWPOINTS.map((viewpoint) =>
    answers.find((a) => a.viewpoint === viewpoint && a.period === period),
  ).filter((a): a is FeedbackAnswer => a !== undefined);
  const alerts: FeedbackAlert[] = [];
  for (const question of FEEDBACK_QUESTIONS) {
    if (inPeriod.length >= 2) {
      const sorted = [...inPeriod].sort((a, b) => a[question] - b[question]);
      const low = sorted[0];
      const high = sorted[sorted.length - 1];
      if (high[question] - low[question] >= settings.divergenceAlertAt) {
        alerts.push({
          kind: 'diverged',
          key: `p${period}:diverged:${question}`,
          period,
          question,
          low: { viewpoint: low.viewpoint, rating: low[question] },
          high: { viewpoint: high.viewpoint, rating: high[question] },
        });
      }
    }
  }
  for (const answer of inPeriod) {
    if (answer.viewpoint === 'coach') continue;
    const previous = answers
      .filter((a) => a.viewpoint === answer.viewpoint && a.period < period)
      .sort((a, b) => b.period - a.period)[0];
    if (previous === undefined) continue;
    for (const question of FEEDBACK_QUESTIONS) {
      if (previous[question] - answer[question] >= settings.dropAlertAt) {
        alerts.push({
          kind: 'dropped',
          key: `p${period}:dropped:${question}:${answer.viewpoint}`,
          period,
          question,
          viewpoint: answer.viewpoint,
          from: { period: previous.period, rating: previous[question] },
          to: answer[question],
        });
      }
    }
  }
  return alerts;
}
