import { INITIAL_LINK_UP_STAGE, LinkUpStage } from './link-up-stages.constants';

/** One row of a link-up's stage history, as far as time is concerned. */
export interface StageChange {
  readonly from: LinkUpStage;
  readonly to: LinkUpStage;
  readonly at: Date;
}

/** A paused period; `end` is null while the link-up is still paused. */
export interface PausePeriod {
  readonly start: Date;
  readonly end: Date | null;
}

/** The timeline of a link-up that durations and check-in planning are computed from. */
export interface LinkUpTimeline {
  /** When the link-up started (in `relationship_building`). */
  readonly startedAt: Date;
  /** Stage changes in any order; sorted by time before use. */
  readonly stageChanges: readonly StageChange[];
  /** Paused periods in any order; overlaps are merged. */
  readonly pauses: readonly PausePeriod[];
  /** When the link-up was completed or ended early; null while it runs. */
  readonly closedAt: Date | null;
}

/** A half-open interval of epoch milliseconds, `[start, end)`. */
export interface MsInterval {
  readonly start: number;
  readonly end: number;
}

/** One continuous stay in a stage, in epoch milliseconds; `end` is the timeline's end for the last. */
export interface StageSpan extends MsInterval {
  readonly stage: LinkUpStage;
  /** Whether this span is still running (the current stage of a link-up that is not closed). */
  readonly open: boolean;
}

export const MS_PER_DAY = 24 * 60 * 60 * 1000;
export const MS_PER_WEEK = 7 * MS_PER_DAY;

/** The moment a timeline stops counting: when it closed, or `now`, whichever is earlier. */
export function timelineEnd(timeline: LinkUpTimeline, now: Date): number {
  const start = timeline.startedAt.getTime();
  const close =
    timeline.closedAt === null ? now.getTime() : Math.min(timeline.closedAt.getTime(), now.getTime());
  return Math.max(start, close);
}

/** Stage changes ordered by time (stable for equal times), clipped to `[startedAt, end]`. */
export function orderedStageChanges(timeline: LinkUpTimeline, end: number): StageChange[] {
  const start = timeline.startedAt.getTime();
  return timeline.stageChanges
    .map((change, index) => ({ change, index }))
    .filter(({ change }) => change.at.getTime() <= end)
    .sort((a, b) => a.change.at.getTime() - b.change.at.getTime() || a.index - b.index)
    .map(({ change }) =>
      change.at.getTime() < start ? { from: change.from, to: change.to, at: new Date(start) } : change,
    );
}

/** Consecutive stays in each stage from the start up to `end` (the stage a change leads to wins). */
export function stageSpans(timeline: LinkUpTimeline, end: number): StageSpan[] {
  const spans: StageSpan[] = [];
  let stage = INITIAL_LINK_UP_STAGE;
  let spanStart = timeline.startedAt.getTime();
  for (const change of orderedStageChanges(timeline, end)) {
    const at = change.at.getTime();
    if (change.to === stage) continue;
    if (at > spanStart) spans.push({ stage, start: spanStart, end: at, open: false });
    stage = change.to;
    spanStart = at;
  }
  spans.push({ stage, start: spanStart, end, open: timeline.closedAt === null });
  return spans;
}

/** Paused periods clipped to `[startedAt, end)`, sorted, overlaps merged; open pauses run to `end`. */
export function pausedIntervals(timeline: LinkUpTimeline, end: number): MsInterval[] {
  const start = timeline.startedAt.getTime();
  const clipped = timeline.pauses
    .map((pause) => ({
      start: Math.max(start, pause.start.getTime()),
      end: Math.min(end, pause.end === null ? end : pause.end.getTime()),
    }))
    .filter((interval) => interval.end > interval.start)
    .sort((a, b) => a.start - b.start);
  const merged: MsInterval[] = [];
  for (const interval of clipped) {
    const last = merged[merged.length - 1];
    if (last !== undefined && interval.start <= last.end) {
      merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, interval.end) };
    } else {
      merged.push(interval);
    }
  }
  return merged;
}

/** Milliseconds of `[from, to)` covered by the (merged) paused intervals. */
export function pausedMsWithin(paused: readonly MsInterval[], from: number, to: number): number {
  let total = 0;
  for (const interval of paused) {
    const overlap = Math.min(to, interval.end) - Math.max(from, interval.start);
    if (overlap > 0) total += overlap;
  }
  return total;
}

/** Whole and tenth weeks, rounded down: 13 days is 1.8 weeks, 6 days 23 hours is 0.9. */
export function msToWeeks(ms: number): number {
  return Math.floor((Math.max(0, ms) * 10) / MS_PER_WEEK) / 10;
}
