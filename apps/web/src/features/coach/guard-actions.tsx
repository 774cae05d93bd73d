/**
 * What meets each stage guard, as the link-up page's `?do=` action: the page opens that form (or
 * goes to that section). `null`: nothing to do but wait (the minimum weeks in a stage).
 */
export type GuardActionKey = 'goal' | 'rating' | 'small-win' | 'measure' | 'check-in' | 'concerns' | 'move';

const ACTIONS: Record<string, GuardActionKey | null> = {
  ACTIVE_GOAL_BY_SEEKING_FAMILY: 'goal',
  CHECK_IN_COMPLETED_SINCE_START: 'check-in',
  BASELINE_MEASURE_RECORDED_OR_DECLINED: 'measure',
  GOAL_RATING_AFTER_BASELINE: 'rating',
  SMALL_WIN_RECORDED: 'small-win',
  EXIT_MEASURE_RECORDED_OR_DECLINED: 'measure',
  CLOSURE_CHECK_IN_COMPLETED: 'check-in',
  NO_OPEN_SAFEGUARDING_CONCERN: 'concerns',
  NO_OPEN_URGENT_SAFEGUARDING_CONCERN: 'concerns',
  CLOSURE_REASON_GIVEN: 'move',
  MINIMUM_ACTIVE_WEEKS_IN_STAGE: null,
};

export function guardAction(guard: string): GuardActionKey | null {
  return ACTIONS[guard] ?? null;
}
