import { LINK_UP_STAGE_LABELS, LinkUpStage } from './link-up-stages.constants';
import { GuardedTarget, StageGuardName, StageGuardSettings } from './stage-guard-settings';

/**
 * Plain facts about a link-up that the guards read. The caller counts them from the database; the
 * rules never query anything.
 */
export interface StageGuardFacts {
  /** Goals with status `active` written by the Seeking family. */
  readonly activeGoalsBySeekingFamily: number;
  /** Check-ins with status `completed` held since the link-up started. */
  readonly completedCheckInsSinceStart: number;
  /** A baseline outcome measure recorded, or recorded as declined. */
  readonly baselineMeasureRecordedOrDeclined: boolean;
  /** Goal ratings made after the baseline measure. */
  readonly goalRatingsAfterBaseline: number;
  /** Small wins recorded in the link-up. */
  readonly smallWins: number;
  /** An exit outcome measure recorded, or recorded as declined. */
  readonly exitMeasureRecordedOrDeclined: boolean;
  /** The closure check-in has been completed. */
  readonly closureCheckInCompleted: boolean;
  /** Safeguarding concerns on the link-up that are not closed (`open` or `triaged`). */
  readonly openSafeguardingConcerns: number;
  /** Of those, the ones of severity `immediate_danger` or `high` (they paused the link-up). */
  readonly openUrgentSafeguardingConcerns: number;
  /** Active weeks in the current stage, paused time excluded (see `computeStageDurations`). */
  readonly activeWeeksInCurrentStage: number;
}

/** One guard's outcome: whether it is met, and a message for the coach saying what is needed. */
export interface GuardResult {
  readonly guard: StageGuardName;
  readonly met: boolean;
  /** Plain language, for the coach; never names, notes or safeguarding detail. */
  readonly message: string;
  /** The threshold and the current value, for guards that count something. */
  readonly required: number | null;
  readonly actual: number | null;
}

/** What a guard may read besides the facts. */
export interface GuardContext {
  /** The stage being left. */
  readonly fromStage: LinkUpStage;
  /** The closure reason given with a completion request (null for other moves). */
  readonly closureReason: string | null;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function counted(
  guard: StageGuardName,
  actual: number,
  required: number,
  message: (required: number, actual: number) => string,
): GuardResult {
  return { guard, met: actual >= required, message: message(required, actual), required, actual };
}

function flag(guard: StageGuardName, met: boolean, message: string): GuardResult {
  return { guard, met, message, required: null, actual: null };
}

/** Evaluates one guard against the facts. */
export function evaluateGuard(
  guard: StageGuardName,
  facts: StageGuardFacts,
  context: GuardContext,
  settings: StageGuardSettings,
): GuardResult {
  switch (guard) {
    case 'ACTIVE_GOAL_BY_SEEKING_FAMILY':
      return counted(
        guard,
        facts.activeGoalsBySeekingFamily,
        settings.minimumActiveGoalsBySeekingFamily,
        (required, actual) =>
          `The Seeking family needs at least ${plural(required, 'active goal', 'active goals')} ` +
          `in its own words (it has ${actual}).`,
      );
    case 'CHECK_IN_COMPLETED_SINCE_START':
      return counted(
        guard,
        facts.completedCheckInsSinceStart,
        settings.minimumCompletedCheckInsSinceStart,
        (required, actual) =>
          `At least ${plural(required, 'completed check-in is', 'completed check-ins are')} needed ` +
          `since the link-up started (${actual} so far).`,
      );
    case 'BASELINE_MEASURE_RECORDED_OR_DECLINED':
      return flag(
        guard,
        facts.baselineMeasureRecordedOrDeclined,
        'Record a baseline outcome measure, or record that the family declined it.',
      );
    case 'GOAL_RATING_AFTER_BASELINE':
      return counted(
        guard,
        facts.goalRatingsAfterBaseline,
        settings.minimumGoalRatingsAfterBaseline,
        (required, actual) =>
          `At least ${plural(required, 'goal rating is', 'goal ratings are')} needed after the ` +
          `baseline (${actual} so far).`,
      );
    case 'SMALL_WIN_RECORDED':
      return counted(
        guard,
        facts.smallWins,
        settings.minimumSmallWins,
        (required, actual) =>
          `At least ${plural(required, 'small win is', 'small wins are')} needed (${actual} recorded so far).`,
      );
    case 'EXIT_MEASURE_RECORDED_OR_DECLINED':
      return flag(
        guard,
        facts.exitMeasureRecordedOrDeclined,
        'Record an exit outcome measure, or record that the family declined it.',
      );
    case 'CLOSURE_CHECK_IN_COMPLETED':
      return flag(guard, facts.closureCheckInCompleted, 'Complete the closure check-in first.');
    case 'NO_OPEN_SAFEGUARDING_CONCERN': {
      const open = facts.openSafeguardingConcerns;
      return {
        guard,
        met: open === 0,
        message:
          open === 0
            ? 'No safeguarding concern is open.'
            : `Close the open safeguarding ${open === 1 ? 'concern' : 'concerns'} first (${open} open).`,
        required: 0,
        actual: open,
      };
    }
    case 'NO_OPEN_URGENT_SAFEGUARDING_CONCERN': {
      const open = facts.openUrgentSafeguardingConcerns;
      return {
        guard,
        met: open === 0,
        message:
          open === 0
            ? 'No urgent safeguarding concern is open.'
            : `Close the open urgent safeguarding ${open === 1 ? 'concern' : 'concerns'} first (${open} open).`,
        required: 0,
        actual: open,
      };
    }
    case 'CLOSURE_REASON_GIVEN':
      return flag(
        guard,
        (context.closureReason ?? '').trim().length > 0,
        'Give a reason for closing the link-up.',
      );
    case 'MINIMUM_ACTIVE_WEEKS_IN_STAGE': {
      const required = settings.minimumActiveWeeksInStage[context.fromStage];
      return counted(
        guard,
        facts.activeWeeksInCurrentStage,
        required,
        (needed, actual) =>
          `The link-up needs at least ${plural(needed, 'active week', 'active weeks')} in ` +
          `${LINK_UP_STAGE_LABELS[context.fromStage]} (${actual} so far; paused time does not count).`,
      );
    }
  }
}

/**
 * Evaluates, in the configured order, every guard that the programme settings attach to `target`.
 * Met guards are included so a UI can show the whole checklist before the coach tries the move.
 */
export function evaluateStageGuards(
  target: GuardedTarget,
  facts: StageGuardFacts,
  context: GuardContext,
  settings: StageGuardSettings,
): GuardResult[] {
  return settings.guards[target].map((guard) => evaluateGuard(guard, facts, context, settings));
}
