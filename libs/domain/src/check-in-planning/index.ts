export {
  CADENCE_PARTIES,
  CHECK_IN_PARTIES,
  DEFAULT_CHECK_IN_CADENCE_SETTINGS,
  validateCheckInCadenceSettings,
} from './check-in-cadence-settings';
export type {
  CadenceParty,
  CheckInCadenceSettings,
  CheckInParty,
  OneOffCheckInSettings,
} from './check-in-cadence-settings';
export {
  CHECK_IN_KINDS,
  FIRST_CONTACT_PLAN_KEY,
  cadencePlanKey,
  closurePlanKey,
  parsePlanKey,
  resumePlanKey,
  stageChangePlanKey,
} from './check-in-plan-keys';
export type { CheckInKind, ParsedPlanKey } from './check-in-plan-keys';
export {
  CHECK_IN_STATUSES,
  PENDING_CHECK_IN_STATUSES,
  isPendingCheckInStatus,
  mayRemindAboutCheckIn,
  overdueAt,
  pendingStatusAt,
} from './check-in-timing';
export type { CheckInStatus, PendingCheckInStatus } from './check-in-timing';
export {
  CHECK_IN_CANCEL_REASONS,
  MAX_CADENCE_OCCURRENCES_PER_RUN,
  PLANNING_STATES,
  SEGMENT_OPENINGS,
  planCheckIns,
  planningStateAt,
} from './cadence-planner';
export type {
  CheckInCancelReason,
  CheckInPlanningInput,
  CheckInReconciliation,
  ExistingCheckIn,
  PlannedCheckIn,
  PlanningSegment,
  PlanningState,
  SegmentOpening,
} from './cadence-planner';
