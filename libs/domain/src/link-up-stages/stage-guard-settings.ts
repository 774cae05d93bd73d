import { LINK_UP_STAGES, LinkUpStage } from './link-up-stages.constants';

/**
 * Named guards that a move forward may require (DESIGN §4.3). The names are stable codes: the API
 * returns them, the UI keys its checklist on them, and programme settings list them.
 */
export const STAGE_GUARD_NAMES = [
  'ACTIVE_GOAL_BY_SEEKING_FAMILY',
  'CHECK_IN_COMPLETED_SINCE_START',
  'BASELINE_MEASURE_RECORDED_OR_DECLINED',
  'GOAL_RATING_AFTER_BASELINE',
  'SMALL_WIN_RECORDED',
  'EXIT_MEASURE_RECORDED_OR_DECLINED',
  'CLOSURE_CHECK_IN_COMPLETED',
  'NO_OPEN_SAFEGUARDING_CONCERN',
  'CLOSURE_REASON_GIVEN',
  'MINIMUM_ACTIVE_WEEKS_IN_STAGE',
  'NO_OPEN_URGENT_SAFEGUARDING_CONCERN',
] as const;
export type StageGuardName = (typeof STAGE_GUARD_NAMES)[number];

/** The targets a guard list applies to: the two later stages, and completion. */
export const GUARDED_TARGETS = ['doing_with', 'doing_without', 'completed'] as const;
export type GuardedTarget = (typeof GUARDED_TARGETS)[number];

/** Guards that only make sense on completion (they read the completion request itself). */
export const COMPLETION_ONLY_GUARDS: readonly StageGuardName[] = Object.freeze(['CLOSURE_REASON_GIVEN']);

/**
 * The guards of a resume (`paused → active`). They are fixed, not programme settings: an urgent
 * safeguarding concern pauses the link-up automatically (DESIGN §4.4), and resuming while it is
 * still open would undo that pause. They cannot be listed on a move forward either.
 */
export const RESUME_GUARDS: readonly StageGuardName[] = Object.freeze([
  'NO_OPEN_URGENT_SAFEGUARDING_CONCERN',
]);

/**
 * Programme settings for the stage machine.
 *
 * `guards` says which guards each move forward requires; the minimums parameterise them. A guard
 * absent from a target's list is not evaluated there. `MINIMUM_ACTIVE_WEEKS_IN_STAGE` is off by
 * default: add it to a target's list and set `minimumActiveWeeksInStage` for the stage being left
 * (paused time does not count).
 */
export interface StageGuardSettings {
  readonly guards: Readonly<Record<GuardedTarget, readonly StageGuardName[]>>;
  /** Active goals written by the Seeking family needed for `ACTIVE_GOAL_BY_SEEKING_FAMILY`. */
  readonly minimumActiveGoalsBySeekingFamily: number;
  /** Completed check-ins since the start needed for `CHECK_IN_COMPLETED_SINCE_START`. */
  readonly minimumCompletedCheckInsSinceStart: number;
  /** Goal ratings after the baseline needed for `GOAL_RATING_AFTER_BASELINE`. */
  readonly minimumGoalRatingsAfterBaseline: number;
  /** Small wins needed for `SMALL_WIN_RECORDED`. */
  readonly minimumSmallWins: number;
  /** Active weeks (paused time excluded) in the stage being left, for `MINIMUM_ACTIVE_WEEKS_IN_STAGE`. */
  readonly minimumActiveWeeksInStage: Readonly<Record<LinkUpStage, number>>;
}

/** The default guards of DESIGN §4.3. */
export const DEFAULT_STAGE_GUARD_SETTINGS: StageGuardSettings = Object.freeze({
  guards: Object.freeze({
    doing_with: Object.freeze([
      'ACTIVE_GOAL_BY_SEEKING_FAMILY',
      'CHECK_IN_COMPLETED_SINCE_START',
      'BASELINE_MEASURE_RECORDED_OR_DECLINED',
    ] as const),
    doing_without: Object.freeze(['GOAL_RATING_AFTER_BASELINE', 'SMALL_WIN_RECORDED'] as const),
    completed: Object.freeze([
      'EXIT_MEASURE_RECORDED_OR_DECLINED',
      'CLOSURE_CHECK_IN_COMPLETED',
      'NO_OPEN_SAFEGUARDING_CONCERN',
      'CLOSURE_REASON_GIVEN',
    ] as const),
  }),
  minimumActiveGoalsBySeekingFamily: 1,
  minimumCompletedCheckInsSinceStart: 1,
  minimumGoalRatingsAfterBaseline: 1,
  minimumSmallWins: 1,
  minimumActiveWeeksInStage: Object.freeze({ relationship_building: 0, doing_with: 0, doing_without: 0 }),
});

export function isStageGuardName(value: unknown): value is StageGuardName {
  return typeof value === 'string' && (STAGE_GUARD_NAMES as readonly string[]).includes(value);
}

/**
 * Every problem with a settings object, in plain language; empty when it is valid. For the settings
 * endpoint and configuration loading, which reject invalid settings before they reach a rule.
 */
export function validateStageGuardSettings(settings: StageGuardSettings): string[] {
  const problems: string[] = [];
  for (const target of GUARDED_TARGETS) {
    const list = settings.guards?.[target];
    if (!Array.isArray(list)) {
      problems.push(`guards.${target} must be a list of guard names`);
      continue;
    }
    const seen = new Set<string>();
    for (const guard of list as readonly unknown[]) {
      if (!isStageGuardName(guard)) {
        problems.push(`guards.${target} has an unknown guard ${JSON.stringify(guard)}`);
        continue;
      }
      if (seen.has(guard)) problems.push(`guards.${target} lists ${guard} twice`);
      seen.add(guard);
      if (target !== 'completed' && COMPLETION_ONLY_GUARDS.includes(guard)) {
        problems.push(`guards.${target} cannot use ${guard}: it only applies to completion`);
      }
      if (RESUME_GUARDS.includes(guard)) {
        problems.push(`guards.${target} cannot use ${guard}: it only applies to resuming`);
      }
    }
  }
  const counts = [
    'minimumActiveGoalsBySeekingFamily',
    'minimumCompletedCheckInsSinceStart',
    'minimumGoalRatingsAfterBaseline',
    'minimumSmallWins',
  ] as const;
  for (const key of counts) {
    if (!Number.isInteger(settings[key]) || settings[key] < 0 || settings[key] > 100) {
      problems.push(`${key} must be a whole number from 0 to 100`);
    }
  }
  for (const stage of LINK_UP_STAGES) {
    const weeks = settings.minimumActiveWeeksInStage?.[stage];
    if (typeof weeks !== 'number' || !Number.isFinite(weeks) || weeks < 0 || weeks > 104) {
      problems.push(`minimumActiveWeeksInStage.${stage} must be a number from 0 to 104`);
    }
  }
  // Completing a link-up with an open safeguarding concern is never a programme choice (DESIGN §4.3).
  if (!(settings.guards.completed ?? []).includes('NO_OPEN_SAFEGUARDING_CONCERN')) {
    problems.push('guards.completed must keep NO_OPEN_SAFEGUARDING_CONCERN');
  }
  return problems;
}
