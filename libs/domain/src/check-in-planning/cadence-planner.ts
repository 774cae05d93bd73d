import {
  FINAL_LINK_UP_STAGE,
  MsInterval,
  isClosedLinkUpStatus,
  LinkUpStage,
  LinkUpStatus,
  LinkUpTimeline,
  pausedIntervals,
  pausedMsWithin,
  stageSpans,
} from '../link-up-stages';
import {
  CADENCE_PARTIES,
  CadenceParty,
  CheckInCadenceSettings,
  CheckInParty,
} from './check-in-cadence-settings';
import {
  cadencePlanKey,
  CheckInKind,
  closurePlanKey,
  FIRST_CONTACT_PLAN_KEY,
  parsePlanKey,
  resumePlanKey,
  stageChangePlanKey,
} from './check-in-plan-keys';
import { CheckInStatus, isPendingCheckInStatus, overdueAt } from './check-in-timing';

/**
 * Check-in cadence planning (DESIGN §4.4), pure: from a link-up's timeline, its status, the
 * check-ins already on file and `now`, which check-ins to create, re-date, cancel and keep.
 *
 * The model. A link-up's life is cut into *segments*: it starts one when it starts, changes stage
 * (forward or back) or resumes after a pause. Only the current segment of an active link-up plans
 * anything; everything pending that it does not plan is cancelled (a stage change re-plans, a pause
 * or the end cancels, a resume re-plans from the resume date). A segment plans:
 *
 * - its opening check-in with both families: the first contact (start, due within 48 hours), the
 *   stage-change check-in, or the resume check-in;
 * - per party (Sharing, Seeking) the stage's cadence, counted from the segment's start: the n-th is
 *   due at start + n × cadence;
 * - in the final stage, the closure check-in, due once the link-up has been active in that stage for
 *   the configured time (paused time does not count).
 *
 * Horizon. Regular check-ins are created up to `now + planningHorizonMs` plus the first one after
 * that, so with the default horizon of 0 exactly one upcoming check-in per party is on file and a
 * link-up never accumulates months of rows. Re-running the planner (on every event and
 * periodically) creates the next one once the previous one falls due. A regular check-in that would
 * be born already missed (its grace period over, e.g. after an outage) is not created; the next one
 * still is. One-off check-ins (opening, closure) are always created while their segment is current.
 *
 * Idempotent: applying the result and planning again at the same `now` changes nothing, and the
 * deterministic keys let a unique constraint reject a concurrent duplicate. Check-ins whose key the
 * planner did not make (ad hoc ones) are left alone while the link-up is active, and cancelled with
 * everything else when it is paused or closed.
 */

/** At most this many regular check-ins per party are created in one run (the latest ones). */
export const MAX_CADENCE_OCCURRENCES_PER_RUN = 100;

/** A check-in already on file. `T` lets callers get their own rows back in the result. */
export interface ExistingCheckIn {
  /** Null (or a key the planner does not recognise) for an ad hoc check-in. */
  readonly planKey: string | null;
  readonly dueAt: Date;
  readonly status: CheckInStatus;
  /** Its kind, when known: a closure check-in held unplanned (no plan key) still counts as held. */
  readonly kind?: string | null;
}

export interface CheckInPlanningInput<T extends ExistingCheckIn = ExistingCheckIn> {
  readonly timeline: LinkUpTimeline;
  readonly status: LinkUpStatus;
  readonly existing: readonly T[];
  readonly now: Date;
}

export const SEGMENT_OPENINGS = ['start', 'stage_change', 'resume'] as const;
export type SegmentOpening = (typeof SEGMENT_OPENINGS)[number];

/** The stretch of an active link-up that is being planned. */
export interface PlanningSegment {
  readonly stage: LinkUpStage;
  readonly startedAt: Date;
  readonly openedBy: SegmentOpening;
}

export const PLANNING_STATES = ['active', 'paused', 'closed'] as const;
export type PlanningState = (typeof PLANNING_STATES)[number];

export interface PlannedCheckIn {
  readonly planKey: string;
  readonly kind: CheckInKind;
  readonly party: CheckInParty;
  readonly stage: LinkUpStage;
  readonly dueAt: Date;
  /** `dueAt` plus the grace period: when it is missed and escalated if still open. */
  readonly overdueAt: Date;
}

export const CHECK_IN_CANCEL_REASONS = ['link_up_paused', 'link_up_closed', 'no_longer_planned'] as const;
export type CheckInCancelReason = (typeof CHECK_IN_CANCEL_REASONS)[number];

export interface CheckInReconciliation<T extends ExistingCheckIn = ExistingCheckIn> {
  readonly state: PlanningState;
  /** The segment being planned; null unless the link-up is active. */
  readonly segment: PlanningSegment | null;
  /** New check-ins, ordered by due time then key. */
  readonly create: readonly PlannedCheckIn[];
  /** Pending check-ins still planned whose due time changed (e.g. the programme settings changed). */
  readonly reschedule: readonly { readonly checkIn: T; readonly planned: PlannedCheckIn }[];
  /** Pending check-ins to cancel, with why. */
  readonly cancel: readonly { readonly checkIn: T; readonly reason: CheckInCancelReason }[];
  /** Pending check-ins that stay as they are (including ad hoc ones on an active link-up). */
  readonly keep: readonly T[];
}

/** Whether the link-up is active, paused or closed at `now` (an open pause counts as paused). */
export function planningStateAt(timeline: LinkUpTimeline, status: LinkUpStatus, now: Date): PlanningState {
  const at = now.getTime();
  if (isClosedLinkUpStatus(status) || (timeline.closedAt !== null && timeline.closedAt.getTime() <= at)) {
    return 'closed';
  }
  const inPause = timeline.pauses.some(
    (pause) => pause.start.getTime() <= at && (pause.end === null || pause.end.getTime() > at),
  );
  return status === 'paused' || inPause ? 'paused' : 'active';
}

interface SegmentDetail extends PlanningSegment {
  /** Active milliseconds spent in the current stay in this stage before the segment started. */
  readonly activeMsInStageBefore: number;
}

function segmentAt(timeline: LinkUpTimeline, now: Date): SegmentDetail {
  const start = timeline.startedAt.getTime();
  const end = Math.max(start, now.getTime());
  const spans = stageSpans(timeline, end);
  const current = spans[spans.length - 1];
  const paused: MsInterval[] = pausedIntervals(timeline, end);
  let anchor = current.start;
  let openedBy: SegmentOpening = spans.length === 1 && current.start === start ? 'start' : 'stage_change';
  for (const interval of paused) {
    // A pause that ended after the stage was entered: the segment restarts when it ended.
    if (interval.end > anchor && interval.end <= end) {
      anchor = interval.end;
      openedBy = 'resume';
    }
  }
  const activeMsInStageBefore = anchor - current.start - pausedMsWithin(paused, current.start, anchor);
  return { stage: current.stage, startedAt: new Date(anchor), openedBy, activeMsInStageBefore };
}

function cadenceOf(settings: CheckInCadenceSettings, party: CadenceParty, stage: LinkUpStage): number | null {
  const interval = settings.cadenceMs[party][stage];
  return interval !== null && interval > 0 ? interval : null;
}

function planned(
  settings: CheckInCadenceSettings,
  planKey: string,
  kind: CheckInKind,
  party: CheckInParty,
  stage: LinkUpStage,
  dueMs: number,
): PlannedCheckIn {
  const dueAt = new Date(dueMs);
  return { planKey, kind, party, stage, dueAt, overdueAt: overdueAt(dueAt, settings) };
}

/** The one-off check-ins of a segment (opening and closure), whether or not they exist yet. */
function oneOffs(segment: SegmentDetail, settings: CheckInCadenceSettings): PlannedCheckIn[] {
  const start = segment.startedAt.getTime();
  const result: PlannedCheckIn[] = [];
  switch (segment.openedBy) {
    case 'start':
      result.push(
        planned(
          settings,
          FIRST_CONTACT_PLAN_KEY,
          'first_contact',
          'both',
          segment.stage,
          start + settings.firstContactWithinMs,
        ),
      );
      break;
    case 'stage_change':
      if (settings.stageChangeCheckIn.enabled) {
        const key = stageChangePlanKey(segment.stage, segment.startedAt);
        result.push(
          planned(
            settings,
            key,
            'stage_change',
            'both',
            segment.stage,
            start + settings.stageChangeCheckIn.dueWithinMs,
          ),
        );
      }
      break;
    case 'resume':
      if (settings.resumeCheckIn.enabled) {
        const key = resumePlanKey(segment.startedAt);
        result.push(
          planned(settings, key, 'resume', 'both', segment.stage, start + settings.resumeCheckIn.dueWithinMs),
        );
      }
      break;
  }
  if (segment.stage === FINAL_LINK_UP_STAGE && settings.closureCheckIn.enabled) {
    const remaining = Math.max(0, settings.closureCheckIn.dueWithinMs - segment.activeMsInStageBefore);
    result.push(
      planned(
        settings,
        closurePlanKey(segment.startedAt),
        'closure',
        'both',
        segment.stage,
        start + remaining,
      ),
    );
  }
  return result;
}

/** The regular check-ins to have on file now: from the first not yet missed to the first past the horizon. */
function cadenceToCreate(
  segment: SegmentDetail,
  settings: CheckInCadenceSettings,
  now: number,
): PlannedCheckIn[] {
  const start = segment.startedAt.getTime();
  const result: PlannedCheckIn[] = [];
  for (const party of CADENCE_PARTIES) {
    const interval = cadenceOf(settings, party, segment.stage);
    if (interval === null) continue;
    const next = Math.max(1, Math.floor((now + settings.planningHorizonMs - start) / interval) + 1);
    const first = Math.max(1, Math.floor((now - settings.gracePeriodMs - start) / interval) + 1);
    for (let n = Math.max(first, next - MAX_CADENCE_OCCURRENCES_PER_RUN + 1); n <= next; n += 1) {
      const key = cadencePlanKey(party, segment.stage, segment.startedAt, n);
      result.push(planned(settings, key, 'cadence', party, segment.stage, start + n * interval));
    }
  }
  return result;
}

/**
 * The plan for a key already on file, if the current segment still plans it: its one-off, or any
 * occurrence of its party's cadence (earlier or later ones than would be created now stay planned).
 */
function plannedForKey(
  key: string,
  segment: SegmentDetail,
  settings: CheckInCadenceSettings,
  oneOffPlan: ReadonlyMap<string, PlannedCheckIn>,
): PlannedCheckIn | null {
  const oneOff = oneOffPlan.get(key);
  if (oneOff) return oneOff;
  const parsed = parsePlanKey(key);
  if (parsed?.kind !== 'cadence') return null;
  const interval = cadenceOf(settings, parsed.party, segment.stage);
  if (
    interval === null ||
    parsed.stage !== segment.stage ||
    parsed.segmentStart.getTime() !== segment.startedAt.getTime()
  ) {
    return null;
  }
  const dueMs = segment.startedAt.getTime() + parsed.occurrence * interval;
  return planned(settings, key, 'cadence', parsed.party, segment.stage, dueMs);
}

function byDueThenKey(a: PlannedCheckIn, b: PlannedCheckIn): number {
  return (
    a.dueAt.getTime() - b.dueAt.getTime() || (a.planKey < b.planKey ? -1 : a.planKey > b.planKey ? 1 : 0)
  );
}

/** Reconciles the check-ins on file with the plan. See the module comment for the rules. */
export function planCheckIns<T extends ExistingCheckIn>(
  input: CheckInPlanningInput<T>,
  settings: CheckInCadenceSettings,
): CheckInReconciliation<T> {
  const { timeline, existing, now } = input;
  const pending = existing.filter((checkIn) => isPendingCheckInStatus(checkIn.status));
  const state = planningStateAt(timeline, input.status, now);
  if (state !== 'active') {
    const reason: CheckInCancelReason = state === 'paused' ? 'link_up_paused' : 'link_up_closed';
    return {
      state,
      segment: null,
      create: [],
      reschedule: [],
      cancel: pending.map((checkIn) => ({ checkIn, reason })),
      keep: [],
    };
  }

  const detail = segmentAt(timeline, now);
  // A link-up closes once: after its closure check-in was held, no other one is planned.
  const closureHeld = existing.some(
    (checkIn) =>
      checkIn.status === 'completed' &&
      (checkIn.kind === 'closure' ||
        (checkIn.planKey !== null && parsePlanKey(checkIn.planKey)?.kind === 'closure')),
  );
  const oneOffPlan = new Map(
    oneOffs(detail, settings)
      .filter((item) => !(closureHeld && item.kind === 'closure'))
      .map((item) => [item.planKey, item]),
  );
  const onFile = new Set(
    existing.map((checkIn) => checkIn.planKey).filter((key): key is string => key !== null),
  );

  const create = [...oneOffPlan.values(), ...cadenceToCreate(detail, settings, now.getTime())]
    .filter((item) => !onFile.has(item.planKey))
    .sort(byDueThenKey);

  const reschedule: { checkIn: T; planned: PlannedCheckIn }[] = [];
  const cancel: { checkIn: T; reason: CheckInCancelReason }[] = [];
  const keep: T[] = [];
  for (const checkIn of pending) {
    const key = checkIn.planKey;
    if (key === null || parsePlanKey(key) === null) {
      keep.push(checkIn);
      continue;
    }
    const plan = plannedForKey(key, detail, settings, oneOffPlan);
    if (plan === null) cancel.push({ checkIn, reason: 'no_longer_planned' });
    else if (plan.dueAt.getTime() !== checkIn.dueAt.getTime()) reschedule.push({ checkIn, planned: plan });
    else keep.push(checkIn);
  }

  const { activeMsInStageBefore: _omit, ...segment } = detail;
  return { state, segment, create, reschedule, cancel, keep };
}
