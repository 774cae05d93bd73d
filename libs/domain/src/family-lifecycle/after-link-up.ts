import { END_EARLY_REASONS, type EndEarlyReason } from '../link-up-stages/link-up-stages.constants';

/**
 * What happens to the Seeking family when its link-up closes (DESIGN §4.1): a completed link-up
 * completes the family; one ended early returns it to `choosing` (or `waitlisted`, this setting),
 * and a re-match leaves the ended pair out when the reason says the pair should not meet again.
 */
export interface AfterLinkUpSettings {
  /** Where a Seeking family goes when its link-up ends early. */
  readonly endedEarlyReturnsTo: 'choosing' | 'waitlisted';
  /**
   * The end-early reasons that exclude the pair from later suggestions (a match exclusion is
   * recorded). Default: `safety_concern` and `not_a_good_fit`, the reasons about the pair itself.
   * `family_withdrew`, `moved_away`, `sharing_family_unavailable` and `other` are about
   * circumstances, so the pair may be suggested again (the previous link-up is shown with it).
   */
  readonly excludePairWhenEndedFor: readonly EndEarlyReason[];
}

export const DEFAULT_AFTER_LINK_UP_SETTINGS: AfterLinkUpSettings = Object.freeze({
  endedEarlyReturnsTo: 'choosing',
  excludePairWhenEndedFor: Object.freeze(['safety_concern', 'not_a_good_fit'] as EndEarlyReason[]),
});

/** Problems with the settings, each message starting with the field's path. */
export function validateAfterLinkUpSettings(settings: AfterLinkUpSettings): string[] {
  const problems: string[] = [];
  if (settings.endedEarlyReturnsTo !== 'choosing' && settings.endedEarlyReturnsTo !== 'waitlisted')
    problems.push('endedEarlyReturnsTo must be choosing or waitlisted');
  const reasons: unknown = settings.excludePairWhenEndedFor;
  if (
    !Array.isArray(reasons) ||
    reasons.some((r) => !(END_EARLY_REASONS as readonly unknown[]).includes(r)) ||
    new Set(reasons).size !== reasons.length
  )
    problems.push(
      `excludePairWhenEndedFor must be a list of distinct reasons from ${END_EARLY_REASONS.join(', ')}`,
    );
  return problems;
}

/** What a closing link-up does to its Seeking family and to the pair. */
export interface AfterLinkUpPlan {
  /** The Seeking family's next status (from `linked`). */
  readonly seekingStatus: 'completed' | 'choosing' | 'waitlisted';
  /** Whether the pair is recorded as a match exclusion (`ended_badly`), never suggested again. */
  readonly excludePair: boolean;
}

/**
 * DESIGN §4.1: a completed link-up completes its Seeking family; one ended early returns it to
 * `endedEarlyReturnsTo`, and leaves the pair out of later suggestions when its reason is one of
 * `excludePairWhenEndedFor`. An unknown end reason (say, a free-text one recorded before the codes)
 * returns the family without excluding the pair.
 */
export function planAfterLinkUp(
  closing: 'completed' | 'ended_early',
  reason: string | null,
  settings: AfterLinkUpSettings,
): AfterLinkUpPlan {
  if (closing === 'completed') return { seekingStatus: 'completed', excludePair: false };
  return {
    seekingStatus: settings.endedEarlyReturnsTo,
    excludePair: reason !== null && (settings.excludePairWhenEndedFor as readonly string[]).includes(reason),
  };
}

/** Timepoints a measure may be recorded at for a link-up that has closed (completed or ended early). */
export const TIMEPOINTS_AFTER_CLOSE = ['exit', 'follow_up'] as const;
