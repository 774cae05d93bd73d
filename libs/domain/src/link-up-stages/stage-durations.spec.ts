import { LinkUpStage } from './link-up-stages.constants';
import { LinkUpTimeline, MS_PER_DAY, msToWeeks, PausePeriod, StageChange } from './link-up-timeline';
import { computeStageDurations } from './stage-durations';

const START = new Date('2026-01-05T09:00:00.000Z');
const day = (n: number): Date => new Date(START.getTime() + n * MS_PER_DAY);
const change = (from: LinkUpStage, to: LinkUpStage, at: number): StageChange => ({ from, to, at: day(at) });
const pause = (start: number, end: number | null): PausePeriod => ({
  start: day(start),
  end: end === null ? null : day(end),
});
const timeline = (
  stageChanges: StageChange[],
  pauses: PausePeriod[] = [],
  closedAt: number | null = null,
): LinkUpTimeline => ({
  startedAt: START,
  stageChanges,
  pauses,
  closedAt: closedAt === null ? null : day(closedAt),
});

const RB = 'relationship_building';
const DW = 'doing_with';
const DWO = 'doing_without';

/** [stage, entered day, left day (null while current), active weeks, paused days] */
type VisitRow = [LinkUpStage, number, number | null, number, number];
/** [active weeks, paused weeks, elapsed weeks] */
type Totals = [number, number, number];

const CASES: [string, LinkUpTimeline, number, VisitRow[], Totals][] = [
  ['just started, 10 days in', timeline([]), 10, [[RB, 0, null, 1.4, 0]], [1.4, 0, 1.4]],
  ['nothing elapsed yet', timeline([]), 0, [[RB, 0, null, 0, 0]], [0, 0, 0]],
  ['now before the start', timeline([]), -3, [[RB, 0, null, 0, 0]], [0, 0, 0]],
  [
    'three stages, no pauses',
    timeline([change(RB, DW, 14), change(DW, DWO, 42)]),
    56,
    [
      [RB, 0, 14, 2, 0],
      [DW, 14, 42, 4, 0],
      [DWO, 42, null, 2, 0],
    ],
    [8, 0, 8],
  ],
  [
    'a pause inside doing with does not count',
    timeline([change(RB, DW, 14), change(DW, DWO, 42)], [pause(20, 27)]),
    56,
    [
      [RB, 0, 14, 2, 0],
      [DW, 14, 42, 3, 7],
      [DWO, 42, null, 2, 0],
    ],
    [7, 1, 8],
  ],
  [
    'a pause across a stage change is split between the stages',
    timeline([change(RB, DW, 14)], [pause(10, 18)]),
    28,
    [
      [RB, 0, 14, 1.4, 4],
      [DW, 14, null, 1.4, 4],
    ],
    [2.8, 1.1, 4],
  ],
  [
    'a pause still open runs to now',
    timeline([], [pause(20, null)]),
    30,
    [[RB, 0, null, 2.8, 10]],
    [2.8, 1.4, 4.2],
  ],
  [
    'overlapping pauses are merged',
    timeline([], [pause(5, 12), pause(10, 15)]),
    21,
    [[RB, 0, null, 1.5, 10]],
    [1.5, 1.4, 3],
  ],
  [
    'a pause before the start is clipped',
    timeline([], [pause(-5, 2)]),
    9,
    [[RB, 0, null, 1, 2]],
    [1, 0.2, 1.2],
  ],
  ['a pause after now is ignored', timeline([], [pause(20, 25)]), 14, [[RB, 0, null, 2, 0]], [2, 0, 2]],
  [
    'moving back a stage: each stay is a visit, totals add up per stage',
    timeline([change(RB, DW, 7), change(DW, RB, 14), change(RB, DW, 21)]),
    28,
    [
      [RB, 0, 7, 1, 0],
      [DW, 7, 14, 1, 0],
      [RB, 14, 21, 1, 0],
      [DW, 21, null, 1, 0],
    ],
    [4, 0, 4],
  ],
  [
    'stage changes given out of order are sorted',
    timeline([change(DW, DWO, 42), change(RB, DW, 14)]),
    49,
    [
      [RB, 0, 14, 2, 0],
      [DW, 14, 42, 4, 0],
      [DWO, 42, null, 1, 0],
    ],
    [7, 0, 7],
  ],
  [
    'a closed link-up stops counting at its close',
    timeline([change(RB, DW, 14), change(DW, DWO, 28)], [pause(30, null)], 35),
    100,
    [
      [RB, 0, 14, 2, 0],
      [DW, 14, 28, 2, 0],
      [DWO, 28, 35, 0.2, 5],
    ],
    [4.2, 0.7, 5],
  ],
  [
    'a stage change after now is ignored',
    timeline([change(RB, DW, 14)]),
    7,
    [[RB, 0, null, 1, 0]],
    [1, 0, 1],
  ],
];

describe('computeStageDurations', () => {
  it.each(CASES)('%s', (_name, input, nowDay, visits, [activeWeeks, pausedWeeks, elapsedWeeks]) => {
    const result = computeStageDurations(input, day(nowDay));
    expect(
      result.visits.map((visit): VisitRow => [
        visit.stage,
        (visit.enteredAt.getTime() - START.getTime()) / MS_PER_DAY,
        visit.leftAt === null ? null : (visit.leftAt.getTime() - START.getTime()) / MS_PER_DAY,
        visit.activeWeeks,
        visit.pausedMs / MS_PER_DAY,
      ]),
    ).toEqual(visits);
    expect([result.activeWeeks, result.pausedWeeks, result.elapsedWeeks]).toEqual([
      activeWeeks,
      pausedWeeks,
      elapsedWeeks,
    ]);
    expect(result.currentStage).toBe(visits[visits.length - 1][0]);
    expect(result.currentStageActiveWeeks).toBe(visits[visits.length - 1][3]);
    expect(result.activeMs + result.pausedMs).toBe(result.elapsedMs);
  });

  it('adds up the stays in each stage', () => {
    const result = computeStageDurations(
      timeline([change(RB, DW, 7), change(DW, RB, 14), change(RB, DW, 21)], [pause(15, 17)]),
      day(30),
    );
    expect(result.byStage).toEqual({
      relationship_building: {
        visits: 2,
        pausedMs: 2 * MS_PER_DAY,
        activeMs: 12 * MS_PER_DAY,
        activeWeeks: 1.7,
      },
      doing_with: { visits: 2, pausedMs: 0, activeMs: 16 * MS_PER_DAY, activeWeeks: 2.2 },
      doing_without: { visits: 0, pausedMs: 0, activeMs: 0, activeWeeks: 0 },
    });
  });

  it.each([
    [undefined, null, null],
    [null, null, null],
    [20, 20, 17],
    [2, 2, 0],
  ])('planned weeks %s → planned %s, remaining %s (3 active weeks)', (plannedWeeks, planned, remaining) => {
    const result = computeStageDurations(timeline([], [pause(7, 14)]), day(28), { plannedWeeks });
    expect([result.plannedWeeks, result.remainingPlannedWeeks]).toEqual([planned, remaining]);
  });
});

describe('msToWeeks', () => {
  it.each([
    [0, 0],
    [-5, 0],
    [7 * MS_PER_DAY - 1, 0.9],
    [7 * MS_PER_DAY, 1],
    [13 * MS_PER_DAY, 1.8],
    [0.3 * 7 * MS_PER_DAY, 0.3],
    [70 * MS_PER_DAY, 10],
  ])('%d ms → %d weeks', (ms, weeks) => {
    expect(msToWeeks(ms)).toBe(weeks);
  });
});
