import { LINK_UP_STAGES, LinkUpStage } from './link-up-stages.constants';
import {
  LinkUpTimeline,
  msToWeeks,
  pausedIntervals,
  pausedMsWithin,
  stageSpans,
  timelineEnd,
} from './link-up-timeline';

/** One stay in a stage with its durations. */
export interface StageVisit {
  readonly stage: LinkUpStage;
  readonly enteredAt: Date;
  /** Null while this is the current stage of a link-up that has not closed. */
  readonly leftAt: Date | null;
  readonly elapsedMs: number;
  readonly pausedMs: number;
  readonly activeMs: number;
  /** Active weeks, paused time excluded, rounded down to a tenth. */
  readonly activeWeeks: number;
}

/** All stays in one stage added together. */
export interface StageTotal {
  readonly visits: number;
  readonly pausedMs: number;
  readonly activeMs: number;
  readonly activeWeeks: number;
}

export interface StageDurations {
  readonly currentStage: LinkUpStage;
  /** Stays in order; a stage entered twice (after a move back) appears twice. */
  readonly visits: readonly StageVisit[];
  readonly byStage: Readonly<Record<LinkUpStage, StageTotal>>;
  /** Active weeks in the current stay in the current stage (what `MINIMUM_ACTIVE_WEEKS_IN_STAGE` reads). */
  readonly currentStageActiveWeeks: number;
  readonly elapsedMs: number;
  readonly pausedMs: number;
  readonly activeMs: number;
  readonly elapsedWeeks: number;
  readonly pausedWeeks: number;
  readonly activeWeeks: number;
  /** The planned length in weeks when given, and `plannedWeeks - activeWeeks` (never below 0). */
  readonly plannedWeeks: number | null;
  readonly remainingPlannedWeeks: number | null;
}

export interface StageDurationOptions {
  /** The link-up's planned length (the programme runs 10–30 weeks). */
  readonly plannedWeeks?: number | null;
}

/**
 * Active time per stage, paused time excluded, up to `now` (or the close, if earlier). A pause
 * straddling a stage change is split between the stages. Times before the start are clipped; stage
 * changes and pauses after the end are ignored.
 */
export function computeStageDurations(
  timeline: LinkUpTimeline,
  now: Date,
  options: StageDurationOptions = {},
): StageDurations {
  const end = timelineEnd(timeline, now);
  const paused = pausedIntervals(timeline, end);
  const visits: StageVisit[] = stageSpans(timeline, end).map((span) => {
    const elapsedMs = span.end - span.start;
    const pausedMs = pausedMsWithin(paused, span.start, span.end);
    const activeMs = elapsedMs - pausedMs;
    return {
      stage: span.stage,
      enteredAt: new Date(span.start),
      leftAt: span.open ? null : new Date(span.end),
      elapsedMs,
      pausedMs,
      activeMs,
      activeWeeks: msToWeeks(activeMs),
    };
  });

  const byStage = Object.fromEntries(
    LINK_UP_STAGES.map((stage) => {
      const mine = visits.filter((visit) => visit.stage === stage);
      const activeMs = mine.reduce((sum, visit) => sum + visit.activeMs, 0);
      const pausedMs = mine.reduce((sum, visit) => sum + visit.pausedMs, 0);
      return [stage, { visits: mine.length, pausedMs, activeMs, activeWeeks: msToWeeks(activeMs) }];
    }),
  ) as Record<LinkUpStage, StageTotal>;

  const current = visits[visits.length - 1];
  const elapsedMs = end - timeline.startedAt.getTime();
  const pausedMs = pausedMsWithin(paused, timeline.startedAt.getTime(), end);
  const activeMs = elapsedMs - pausedMs;
  const activeWeeks = msToWeeks(activeMs);
  const plannedWeeks = options.plannedWeeks ?? null;
  return {
    currentStage: current.stage,
    visits,
    byStage,
    currentStageActiveWeeks: current.activeWeeks,
    elapsedMs,
    pausedMs,
    activeMs,
    elapsedWeeks: msToWeeks(elapsedMs),
    pausedWeeks: msToWeeks(pausedMs),
    activeWeeks,
    plannedWeeks,
    remainingPlannedWeeks:
      plannedWeeks === null ? null : Math.max(0, Math.round((plannedWeeks - activeWeeks) * 10) / 10),
  };
}
