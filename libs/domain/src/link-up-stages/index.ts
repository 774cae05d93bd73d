export {
  CLOSED_LINK_UP_STATUSES,
  END_EARLY_REASONS,
  FINAL_LINK_UP_STAGE,
  INITIAL_LINK_UP_STAGE,
  LINK_UP_STAGE_LABELS,
  LINK_UP_STAGES,
  LINK_UP_STATUSES,
  isClosedLinkUpStatus,
  isEndEarlyReason,
  isLinkUpStage,
  isLinkUpStatus,
  nextStage,
  previousStage,
  stageIndex,
} from './link-up-stages.constants';
export type {
  ClosedLinkUpStatus,
  EndEarlyReason,
  LinkUpStage,
  LinkUpStatus,
} from './link-up-stages.constants';
export {
  COMPLETION_ONLY_GUARDS,
  DEFAULT_STAGE_GUARD_SETTINGS,
  GUARDED_TARGETS,
  RESUME_GUARDS,
  STAGE_GUARD_NAMES,
  isStageGuardName,
  validateStageGuardSettings,
} from './stage-guard-settings';
export type { GuardedTarget, StageGuardName, StageGuardSettings } from './stage-guard-settings';
export { evaluateGuard, evaluateStageGuards } from './stage-guards';
export type { GuardContext, GuardResult, StageGuardFacts } from './stage-guards';
export { TRANSITION_ERROR_CODES, TRANSITION_KINDS, planTransition } from './stage-machine';
export type {
  LinkUpState,
  TransitionAllowed,
  TransitionErrorCode,
  TransitionKind,
  TransitionPlan,
  TransitionRecord,
  TransitionRefused,
  TransitionRequest,
} from './stage-machine';
export { TRANSITION_TARGETS, isTransitionTarget, transitionRequestFromTarget } from './transition-target';
export type { TransitionTarget, TransitionTargetInput, TransitionTargetResult } from './transition-target';
export {
  MS_PER_DAY,
  MS_PER_WEEK,
  msToWeeks,
  orderedStageChanges,
  pausedIntervals,
  pausedMsWithin,
  stageSpans,
  timelineEnd,
} from './link-up-timeline';
export type { MsInterval, LinkUpTimeline, PausePeriod, StageChange, StageSpan } from './link-up-timeline';
export { computeStageDurations } from './stage-durations';
export type { StageDurationOptions, StageDurations, StageTotal, StageVisit } from './stage-durations';
