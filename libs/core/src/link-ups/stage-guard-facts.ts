import type { StageGuardFacts } from '@app/domain';

/**
 * Facts for a move that reads no guard (a move back, a pause, an end). Shared by the stage service
 * and by the features that drive a guarded move of their own (safeguarding's triage resume), so
 * both hand `planTransition` the same shape.
 */
export const NO_GUARD_FACTS: StageGuardFacts = Object.freeze({
  activeGoalsBySeekingFamily: 0,
  completedCheckInsSinceStart: 0,
  baselineMeasureRecordedOrDeclined: false,
  goalRatingsAfterBaseline: 0,
  smallWins: 0,
  exitMeasureRecordedOrDeclined: false,
  closureCheckInCompleted: false,
  openSafeguardingConcerns: 0,
  openUrgentSafeguardingConcerns: 0,
  activeWeeksInCurrentStage: 0,
});

/**
 * The facts a resume reads (`RESUME_GUARDS` only look at open urgent concerns): for callers that
 * cannot depend on `LinkUpStagesService` (it depends on them). Count the concerns with
 * `SafeguardingService.countOpenUrgentConcernsForLinkUp`, as `LinkUpStagesService.guardFacts` does.
 */
export function resumeGuardFacts(openUrgentSafeguardingConcerns: number): StageGuardFacts {
  return { ...NO_GUARD_FACTS, openUrgentSafeguardingConcerns };
}
