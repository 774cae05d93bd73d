import fc from 'fast-check';
import {
  LinkUpStage,
  LinkUpStatus,
  LinkUpTimeline,
  MS_PER_DAY,
  PausePeriod,
  StageChange,
} from '../link-up-stages';
import {
  CheckInReconciliation,
  ExistingCheckIn,
  MAX_CADENCE_OCCURRENCES_PER_RUN,
  planCheckIns,
} from './cadence-planner';
import { CheckInCadenceSettings, DEFAULT_CHECK_IN_CADENCE_SETTINGS } from './check-in-cadence-settings';
import { CheckInStatus } from './check-in-timing';

const START = new Date('2026-01-05T09:00:00.000Z');
const day = (n: number): Date => new Date(START.getTime() + n * MS_PER_DAY);
const iso = (n: number): string => day(n).toISOString();
const dayOf = (date: Date): number => (date.getTime() - START.getTime()) / MS_PER_DAY;
const change = (from: LinkUpStage, to: LinkUpStage, at: number): StageChange => ({ from, to, at: day(at) });
const pause = (start: number, end: number | null): PausePeriod => ({
  start: day(start),
  end: end === null ? null : day(end),
});

const RB = 'relationship_building';
const DW = 'doing_with';
const DWO = 'doing_without';
const DEFAULTS = DEFAULT_CHECK_IN_CADENCE_SETTINGS;

interface Row extends ExistingCheckIn {
  readonly id: string;
}
const row = (planKey: string | null, dueDay: number, status: CheckInStatus = 'scheduled'): Row => ({
  id: planKey ?? `adhoc-${dueDay}`,
  planKey,
  dueAt: day(dueDay),
  status,
});

interface Scenario {
  readonly stageChanges?: StageChange[];
  readonly pauses?: PausePeriod[];
  readonly closedAt?: number | null;
  readonly status?: LinkUpStatus;
  readonly existing?: Row[];
  readonly now: number;
  readonly settings?: CheckInCadenceSettings;
}

function plan(scenario: Scenario): CheckInReconciliation<Row> {
  const timeline: LinkUpTimeline = {
    startedAt: START,
    stageChanges: scenario.stageChanges ?? [],
    pauses: scenario.pauses ?? [],
    closedAt: scenario.closedAt === undefined || scenario.closedAt === null ? null : day(scenario.closedAt),
  };
  return planCheckIns(
    {
      timeline,
      status: scenario.status ?? 'active',
      existing: scenario.existing ?? [],
      now: day(scenario.now),
    },
    scenario.settings ?? DEFAULTS,
  );
}

/** A compact view of a reconciliation: keys with due days, cancellations with reasons. */
function summary(result: CheckInReconciliation<Row>): {
  create: [string, number][];
  reschedule: [string, number][];
  cancel: [string, string][];
  keep: string[];
} {
  return {
    create: result.create.map((item) => [item.planKey, dayOf(item.dueAt)]),
    reschedule: result.reschedule.map(({ checkIn, planned }) => [checkIn.id, dayOf(planned.dueAt)]),
    cancel: result.cancel.map(({ checkIn, reason }) => [checkIn.id, reason]),
    keep: result.keep.map((checkIn) => checkIn.id),
  };
}

const EMPTY = { create: [], reschedule: [], cancel: [], keep: [] };

const CASES: [string, Scenario, Partial<ReturnType<typeof summary>>][] = [
  [
    'a new link-up: first contact within 48 hours and the next check-in per party',
    { now: 0 },
    {
      create: [
        ['first-contact', 2],
        [`cadence:sharing:${RB}:${iso(0)}:1`, 14],
        [`cadence:seeking:${RB}:${iso(0)}:1`, 28],
      ],
    },
  ],
  [
    'planning again over the result creates nothing',
    {
      now: 0,
      existing: [
        row('first-contact', 2),
        row(`cadence:sharing:${RB}:${iso(0)}:1`, 14),
        row(`cadence:seeking:${RB}:${iso(0)}:1`, 28),
      ],
    },
    { keep: ['first-contact', `cadence:sharing:${RB}:${iso(0)}:1`, `cadence:seeking:${RB}:${iso(0)}:1`] },
  ],
  [
    'when a regular check-in falls due, the next one is planned',
    {
      now: 14,
      existing: [
        row('first-contact', 2, 'completed'),
        row(`cadence:sharing:${RB}:${iso(0)}:1`, 14, 'due'),
        row(`cadence:seeking:${RB}:${iso(0)}:1`, 28),
      ],
    },
    {
      create: [[`cadence:sharing:${RB}:${iso(0)}:2`, 28]],
      keep: [`cadence:sharing:${RB}:${iso(0)}:1`, `cadence:seeking:${RB}:${iso(0)}:1`],
    },
  ],
  [
    'after an outage, a check-in that would be born missed is skipped; the one-off first contact is not',
    { now: 20 },
    {
      create: [
        ['first-contact', 2],
        [`cadence:seeking:${RB}:${iso(0)}:1`, 28],
        [`cadence:sharing:${RB}:${iso(0)}:2`, 28],
      ],
    },
  ],
  [
    'a check-in still within its grace period is created late',
    { now: 16, existing: [row('first-contact', 2, 'completed')] },
    {
      create: [
        [`cadence:sharing:${RB}:${iso(0)}:1`, 14],
        [`cadence:seeking:${RB}:${iso(0)}:1`, 28],
        [`cadence:sharing:${RB}:${iso(0)}:2`, 28],
      ],
    },
  ],
  [
    'a stage change re-plans: the old stage’s pending check-ins are cancelled',
    {
      stageChanges: [change(RB, DW, 10)],
      now: 10,
      existing: [
        row('first-contact', 2, 'completed'),
        row(`cadence:sharing:${RB}:${iso(0)}:1`, 14),
        row(`cadence:seeking:${RB}:${iso(0)}:1`, 28),
      ],
    },
    {
      create: [
        [`stage:${DW}:${iso(10)}`, 17],
        [`cadence:sharing:${DW}:${iso(10)}:1`, 24],
        [`cadence:seeking:${DW}:${iso(10)}:1`, 38],
      ],
      cancel: [
        [`cadence:sharing:${RB}:${iso(0)}:1`, 'no_longer_planned'],
        [`cadence:seeking:${RB}:${iso(0)}:1`, 'no_longer_planned'],
      ],
    },
  ],
  [
    'a pending first contact is superseded by a stage change',
    { stageChanges: [change(RB, DW, 1)], now: 1, existing: [row('first-contact', 2)] },
    {
      create: [
        [`stage:${DW}:${iso(1)}`, 8],
        [`cadence:sharing:${DW}:${iso(1)}:1`, 15],
        [`cadence:seeking:${DW}:${iso(1)}:1`, 29],
      ],
      cancel: [['first-contact', 'no_longer_planned']],
    },
  ],
  [
    'pausing cancels every pending check-in, ad hoc ones too, and plans nothing',
    {
      stageChanges: [change(RB, DW, 10)],
      pauses: [pause(12, null)],
      status: 'paused',
      now: 12,
      existing: [
        row(`stage:${DW}:${iso(10)}`, 17, 'due'),
        row(`cadence:sharing:${DW}:${iso(10)}:1`, 24),
        row(`cadence:seeking:${DW}:${iso(10)}:1`, 38),
        row(null, 13),
        row('first-contact', 2, 'completed'),
      ],
    },
    {
      cancel: [
        [`stage:${DW}:${iso(10)}`, 'link_up_paused'],
        [`cadence:sharing:${DW}:${iso(10)}:1`, 'link_up_paused'],
        [`cadence:seeking:${DW}:${iso(10)}:1`, 'link_up_paused'],
        ['adhoc-13', 'link_up_paused'],
      ],
    },
  ],
  [
    'an open pause counts as paused even if the status says active',
    { pauses: [pause(5, null)], now: 6, existing: [row(`cadence:sharing:${RB}:${iso(0)}:1`, 14)] },
    { cancel: [[`cadence:sharing:${RB}:${iso(0)}:1`, 'link_up_paused']] },
  ],
  [
    'resuming re-plans from the resume date, with a resume check-in',
    {
      stageChanges: [change(RB, DW, 10)],
      pauses: [pause(12, 20)],
      now: 20,
      existing: [
        row(`stage:${DW}:${iso(10)}`, 17, 'cancelled'),
        row(`cadence:sharing:${DW}:${iso(10)}:1`, 24, 'cancelled'),
        row(`cadence:seeking:${DW}:${iso(10)}:1`, 38, 'cancelled'),
      ],
    },
    {
      create: [
        [`resume:${iso(20)}`, 27],
        [`cadence:sharing:${DW}:${iso(20)}:1`, 34],
        [`cadence:seeking:${DW}:${iso(20)}:1`, 48],
      ],
    },
  ],
  [
    'a stage change after a resume starts a new segment',
    { stageChanges: [change(RB, DW, 30)], pauses: [pause(12, 20)], now: 30 },
    {
      create: [
        [`stage:${DW}:${iso(30)}`, 37],
        [`cadence:sharing:${DW}:${iso(30)}:1`, 44],
        [`cadence:seeking:${DW}:${iso(30)}:1`, 58],
      ],
    },
  ],
  [
    'a completed link-up: nothing planned, everything pending cancelled',
    {
      status: 'completed',
      closedAt: 60,
      now: 60,
      existing: [
        row(`cadence:sharing:${RB}:${iso(56)}:1`, 70),
        row(null, 61),
        row('first-contact', 2, 'missed'),
      ],
    },
    {
      cancel: [
        [`cadence:sharing:${RB}:${iso(56)}:1`, 'link_up_closed'],
        ['adhoc-61', 'link_up_closed'],
      ],
    },
  ],
  [
    'ended early while paused: closed wins',
    {
      status: 'ended_early',
      pauses: [pause(10, null)],
      closedAt: 12,
      now: 12,
      existing: [row(`resume:${iso(5)}`, 12)],
    },
    { cancel: [[`resume:${iso(5)}`, 'link_up_closed']] },
  ],
  [
    'a close time in the past closes it whatever the status says',
    { closedAt: 30, now: 31, existing: [row(`cadence:sharing:${RB}:${iso(0)}:3`, 42)] },
    { cancel: [[`cadence:sharing:${RB}:${iso(0)}:3`, 'link_up_closed']] },
  ],
  [
    'ad hoc check-ins are left alone on an active link-up',
    { now: 0, existing: [row(null, 3), row('coach-extra-1', 4), row('first-contact', 2)] },
    {
      create: [
        [`cadence:sharing:${RB}:${iso(0)}:1`, 14],
        [`cadence:seeking:${RB}:${iso(0)}:1`, 28],
      ],
      keep: ['adhoc-3', 'coach-extra-1', 'first-contact'],
    },
  ],
  [
    'a cancelled or completed check-in is never re-created',
    {
      now: 0,
      existing: [
        row('first-contact', 2, 'cancelled'),
        row(`cadence:sharing:${RB}:${iso(0)}:1`, 14, 'completed'),
      ],
    },
    { create: [[`cadence:seeking:${RB}:${iso(0)}:1`, 28]] },
  ],
  [
    'entering the final stage plans the closure check-in after 28 active days there',
    { stageChanges: [change(RB, DW, 14), change(DW, DWO, 42)], now: 42 },
    {
      create: [
        [`stage:${DWO}:${iso(42)}`, 49],
        [`cadence:sharing:${DWO}:${iso(42)}:1`, 56],
        [`cadence:seeking:${DWO}:${iso(42)}:1`, 70],
        [`closure:${iso(42)}`, 70],
      ],
    },
  ],
  [
    'a pause in the final stage moves the closure check-in by the paused time',
    {
      stageChanges: [change(RB, DW, 14), change(DW, DWO, 42)],
      pauses: [pause(50, 60)],
      now: 60,
      existing: [row(`closure:${iso(42)}`, 70, 'cancelled')],
    },
    {
      create: [
        [`resume:${iso(60)}`, 67],
        [`cadence:sharing:${DWO}:${iso(60)}:1`, 74],
        [`closure:${iso(60)}`, 80],
        [`cadence:seeking:${DWO}:${iso(60)}:1`, 88],
      ],
    },
  ],
  [
    'a closure check-in overdue before a pause is due at the resume',
    {
      stageChanges: [change(RB, DW, 14), change(DW, DWO, 42)],
      pauses: [pause(75, 80)],
      now: 80,
      settings: { ...DEFAULTS, resumeCheckIn: { enabled: false, dueWithinMs: 0 } },
    },
    {
      create: [
        [`closure:${iso(80)}`, 80],
        [`cadence:sharing:${DWO}:${iso(80)}:1`, 94],
        [`cadence:seeking:${DWO}:${iso(80)}:1`, 108],
      ],
    },
  ],
  [
    'a closure check-in already held: a resume in the final stage plans no second one',
    {
      stageChanges: [change(RB, DW, 14), change(DW, DWO, 42)],
      pauses: [pause(75, 80)],
      now: 80,
      existing: [row(`closure:${iso(42)}`, 70, 'completed')],
      settings: { ...DEFAULTS, resumeCheckIn: { enabled: false, dueWithinMs: 0 } },
    },
    {
      create: [
        [`cadence:sharing:${DWO}:${iso(80)}:1`, 94],
        [`cadence:seeking:${DWO}:${iso(80)}:1`, 108],
      ],
    },
  ],
  [
    'a closure check-in held unplanned (no plan key) counts too, and a pending planned one is cancelled',
    {
      stageChanges: [change(RB, DW, 14), change(DW, DWO, 42)],
      now: 60,
      existing: [
        { id: 'held-closure', planKey: null, dueAt: day(59), status: 'completed', kind: 'closure' },
        row(`closure:${iso(42)}`, 70),
      ],
      settings: {
        ...DEFAULTS,
        cadenceMs: {
          sharing: { ...DEFAULTS.cadenceMs.sharing, doing_without: null },
          seeking: { ...DEFAULTS.cadenceMs.seeking, doing_without: null },
        },
      },
    },
    { create: [[`stage:${DWO}:${iso(42)}`, 49]], cancel: [[`closure:${iso(42)}`, 'no_longer_planned']] },
  ],
  [
    'moving back from the final stage cancels the closure check-in',
    {
      stageChanges: [change(RB, DW, 14), change(DW, DWO, 42), change(DWO, DW, 50)],
      now: 50,
      existing: [
        row(`stage:${DWO}:${iso(42)}`, 49, 'completed'),
        row(`cadence:sharing:${DWO}:${iso(42)}:1`, 56),
        row(`closure:${iso(42)}`, 70),
        row(`cadence:seeking:${DWO}:${iso(42)}:1`, 70),
      ],
    },
    {
      create: [
        [`stage:${DW}:${iso(50)}`, 57],
        [`cadence:sharing:${DW}:${iso(50)}:1`, 64],
        [`cadence:seeking:${DW}:${iso(50)}:1`, 78],
      ],
      cancel: [
        [`cadence:sharing:${DWO}:${iso(42)}:1`, 'no_longer_planned'],
        [`closure:${iso(42)}`, 'no_longer_planned'],
        [`cadence:seeking:${DWO}:${iso(42)}:1`, 'no_longer_planned'],
      ],
    },
  ],
  [
    'moving back to relationship building and forward again: new keys each time',
    { stageChanges: [change(RB, DW, 14), change(DW, RB, 21), change(RB, DW, 35)], now: 35 },
    {
      create: [
        [`stage:${DW}:${iso(35)}`, 42],
        [`cadence:sharing:${DW}:${iso(35)}:1`, 49],
        [`cadence:seeking:${DW}:${iso(35)}:1`, 63],
      ],
    },
  ],
  [
    'a changed cadence re-dates pending check-ins',
    {
      now: 3,
      settings: {
        ...DEFAULTS,
        cadenceMs: {
          ...DEFAULTS.cadenceMs,
          sharing: { ...DEFAULTS.cadenceMs.sharing, [RB]: 7 * MS_PER_DAY },
        },
      },
      existing: [
        row('first-contact', 2, 'completed'),
        row(`cadence:sharing:${RB}:${iso(0)}:1`, 14),
        row(`cadence:seeking:${RB}:${iso(0)}:1`, 28),
      ],
    },
    {
      reschedule: [[`cadence:sharing:${RB}:${iso(0)}:1`, 7]],
      keep: [`cadence:seeking:${RB}:${iso(0)}:1`],
    },
  ],
  [
    'a cadence turned off for a stage cancels its pending check-ins',
    {
      now: 3,
      settings: {
        ...DEFAULTS,
        cadenceMs: { ...DEFAULTS.cadenceMs, seeking: { ...DEFAULTS.cadenceMs.seeking, [RB]: null } },
      },
      existing: [row(`cadence:seeking:${RB}:${iso(0)}:1`, 28), row(`cadence:sharing:${RB}:${iso(0)}:1`, 14)],
    },
    {
      create: [['first-contact', 2]],
      cancel: [[`cadence:seeking:${RB}:${iso(0)}:1`, 'no_longer_planned']],
      keep: [`cadence:sharing:${RB}:${iso(0)}:1`],
    },
  ],
  [
    'stage-change check-ins turned off',
    {
      stageChanges: [change(RB, DW, 10)],
      now: 10,
      settings: { ...DEFAULTS, stageChangeCheckIn: { enabled: false, dueWithinMs: 0 } },
    },
    {
      create: [
        [`cadence:sharing:${DW}:${iso(10)}:1`, 24],
        [`cadence:seeking:${DW}:${iso(10)}:1`, 38],
      ],
    },
  ],
  [
    'closure check-ins turned off',
    {
      stageChanges: [change(RB, DW, 14), change(DW, DWO, 42)],
      now: 42,
      settings: { ...DEFAULTS, closureCheckIn: { enabled: false, dueWithinMs: 0 } },
    },
    {
      create: [
        [`stage:${DWO}:${iso(42)}`, 49],
        [`cadence:sharing:${DWO}:${iso(42)}:1`, 56],
        [`cadence:seeking:${DWO}:${iso(42)}:1`, 70],
      ],
    },
  ],
  [
    'a 30-day horizon plans everything due within it plus the next one',
    { now: 0, settings: { ...DEFAULTS, planningHorizonMs: 30 * MS_PER_DAY } },
    {
      create: [
        ['first-contact', 2],
        [`cadence:sharing:${RB}:${iso(0)}:1`, 14],
        [`cadence:seeking:${RB}:${iso(0)}:1`, 28],
        [`cadence:sharing:${RB}:${iso(0)}:2`, 28],
        [`cadence:sharing:${RB}:${iso(0)}:3`, 42],
        [`cadence:seeking:${RB}:${iso(0)}:2`, 56],
      ],
    },
  ],
  [
    'occurrences already on file beyond a shrunken horizon are kept',
    {
      now: 1,
      existing: [
        row('first-contact', 2),
        row(`cadence:sharing:${RB}:${iso(0)}:1`, 14),
        row(`cadence:sharing:${RB}:${iso(0)}:3`, 42),
      ],
    },
    {
      create: [[`cadence:seeking:${RB}:${iso(0)}:1`, 28]],
      keep: ['first-contact', `cadence:sharing:${RB}:${iso(0)}:1`, `cadence:sharing:${RB}:${iso(0)}:3`],
    },
  ],
];

describe('planCheckIns', () => {
  it.each(CASES)('%s', (_name, scenario, expected) => {
    expect(summary(plan(scenario))).toEqual({ ...EMPTY, ...expected });
  });

  it.each([
    ['active', { now: 0 }, { stage: RB, startedAt: day(0), openedBy: 'start' }],
    [
      'active',
      { stageChanges: [change(RB, DW, 10)], now: 11 },
      { stage: DW, startedAt: day(10), openedBy: 'stage_change' },
    ],
    [
      'active',
      { stageChanges: [change(RB, DW, 10)], pauses: [pause(12, 15)], now: 16 },
      { stage: DW, startedAt: day(15), openedBy: 'resume' },
    ],
    [
      'active',
      { stageChanges: [change(RB, DW, 10)], pauses: [pause(2, 4)], now: 16 },
      { stage: DW, startedAt: day(10), openedBy: 'stage_change' },
    ],
    ['paused', { status: 'paused', pauses: [pause(2, null)], now: 3 }, null],
    ['closed', { status: 'ended_early', now: 3 }, null],
  ] as [string, Scenario, object | null][])('state %s, segment %o', (state, scenario, segment) => {
    const result = plan(scenario);
    expect([result.state, result.segment]).toEqual([state, segment]);
  });

  it('gives each planned check-in its kind, party, stage and overdue time', () => {
    const result = plan({ stageChanges: [change(RB, DW, 14), change(DW, DWO, 42)], now: 42 });
    expect(result.create.map((item) => [item.kind, item.party, item.stage, dayOf(item.overdueAt)])).toEqual([
      ['stage_change', 'both', DWO, 52],
      ['cadence', 'sharing', DWO, 59],
      ['cadence', 'seeking', DWO, 73],
      ['closure', 'both', DWO, 73],
    ]);
  });

  it('works with cadences of seconds', () => {
    const second = 1000;
    const settings: CheckInCadenceSettings = {
      firstContactWithinMs: 2 * second,
      cadenceMs: {
        sharing: { relationship_building: 5 * second, doing_with: 5 * second, doing_without: 5 * second },
        seeking: { relationship_building: 10 * second, doing_with: null, doing_without: 10 * second },
      },
      stageChangeCheckIn: { enabled: true, dueWithinMs: 1 * second },
      resumeCheckIn: { enabled: true, dueWithinMs: 1 * second },
      closureCheckIn: { enabled: true, dueWithinMs: 30 * second },
      gracePeriodMs: 1 * second,
      planningHorizonMs: 0,
    };
    const timeline: LinkUpTimeline = { startedAt: START, stageChanges: [], pauses: [], closedAt: null };
    const at = (seconds: number): Date => new Date(START.getTime() + seconds * second);
    const result = planCheckIns({ timeline, status: 'active', existing: [], now: at(12) }, settings);
    expect(
      result.create.map((item) => [item.planKey, (item.dueAt.getTime() - START.getTime()) / second]),
    ).toEqual([
      ['first-contact', 2],
      [`cadence:sharing:${RB}:${iso(0)}:3`, 15],
      [`cadence:seeking:${RB}:${iso(0)}:2`, 20],
    ]);
  });

  it(`creates at most ${MAX_CADENCE_OCCURRENCES_PER_RUN} regular check-ins per party in one run (the latest)`, () => {
    const settings: CheckInCadenceSettings = {
      ...DEFAULTS,
      cadenceMs: {
        sharing: { relationship_building: 1000, doing_with: 1000, doing_without: 1000 },
        seeking: { relationship_building: null, doing_with: null, doing_without: null },
      },
    };
    const cadence = plan({ now: 1, settings }).create.filter((item) => item.kind === 'cadence');
    expect(cadence).toHaveLength(MAX_CADENCE_OCCURRENCES_PER_RUN);
    expect(cadence[cadence.length - 1].planKey).toBe(
      `cadence:sharing:${RB}:${iso(0)}:${MS_PER_DAY / 1000 + 1}`,
    );
  });
});

/** Applies a reconciliation the way the service would. */
function apply(existing: Row[], result: CheckInReconciliation<Row>): Row[] {
  const cancelled = new Set(result.cancel.map(({ checkIn }) => checkIn.id));
  const moved = new Map(result.reschedule.map(({ checkIn, planned }) => [checkIn.id, planned.dueAt]));
  return [
    ...existing.map((checkIn) =>
      cancelled.has(checkIn.id)
        ? { ...checkIn, status: 'cancelled' as const }
        : { ...checkIn, dueAt: moved.get(checkIn.id) ?? checkIn.dueAt },
    ),
    ...result.create.map((item) => ({
      id: item.planKey,
      planKey: item.planKey,
      dueAt: item.dueAt,
      status: 'scheduled' as const,
    })),
  ];
}

describe('planCheckIns over time', () => {
  it('run daily, it plans every regular check-in exactly once with no gaps', () => {
    let existing: Row[] = [];
    for (let now = 0; now <= 60; now += 1) existing = apply(existing, plan({ now, existing }));
    expect(existing.map((checkIn) => [checkIn.planKey, dayOf(checkIn.dueAt)])).toEqual([
      ['first-contact', 2],
      [`cadence:sharing:${RB}:${iso(0)}:1`, 14],
      [`cadence:seeking:${RB}:${iso(0)}:1`, 28],
      [`cadence:sharing:${RB}:${iso(0)}:2`, 28],
      [`cadence:sharing:${RB}:${iso(0)}:3`, 42],
      [`cadence:seeking:${RB}:${iso(0)}:2`, 56],
      [`cadence:sharing:${RB}:${iso(0)}:4`, 56],
      [`cadence:sharing:${RB}:${iso(0)}:5`, 70],
      [`cadence:seeking:${RB}:${iso(0)}:3`, 84],
    ]);
  });

  it('through a stage change, a pause and a resume, never leaves anything pending while paused', () => {
    const stageChanges = [change(RB, DW, 20)];
    let existing: Row[] = [];
    for (let now = 0; now <= 45; now += 1) {
      const paused = now >= 30 && now < 40;
      const result = plan({
        now,
        existing,
        stageChanges: stageChanges.filter((stageChange) => dayOf(stageChange.at) <= now),
        pauses: now < 30 ? [] : [pause(30, paused ? null : 40)],
        status: paused ? 'paused' : 'active',
      });
      // The coach holds every check-in on its due day.
      existing = apply(existing, result).map((checkIn) =>
        checkIn.status === 'scheduled' && dayOf(checkIn.dueAt) <= now
          ? { ...checkIn, status: 'completed' }
          : checkIn,
      );
      if (paused) expect(existing.filter((checkIn) => checkIn.status === 'scheduled')).toEqual([]);
    }
    expect(existing.map((checkIn) => [checkIn.planKey, dayOf(checkIn.dueAt), checkIn.status])).toEqual([
      ['first-contact', 2, 'completed'],
      [`cadence:sharing:${RB}:${iso(0)}:1`, 14, 'completed'],
      [`cadence:seeking:${RB}:${iso(0)}:1`, 28, 'cancelled'],
      [`cadence:sharing:${RB}:${iso(0)}:2`, 28, 'cancelled'],
      [`stage:${DW}:${iso(20)}`, 27, 'completed'],
      [`cadence:sharing:${DW}:${iso(20)}:1`, 34, 'cancelled'],
      [`cadence:seeking:${DW}:${iso(20)}:1`, 48, 'cancelled'],
      [`resume:${iso(40)}`, 47, 'scheduled'],
      [`cadence:sharing:${DW}:${iso(40)}:1`, 54, 'scheduled'],
      [`cadence:seeking:${DW}:${iso(40)}:1`, 68, 'scheduled'],
    ]);
  });
});

describe('planCheckIns properties', () => {
  const stageList: LinkUpStage[] = [RB, DW, DWO];
  const scenario = fc
    .record({
      steps: fc.array(
        fc.record({
          gap: fc.integer({ min: 0, max: 40 }),
          kind: fc.constantFrom('forward', 'back', 'pause'),
        }),
        {
          maxLength: 6,
        },
      ),
      pauseDays: fc.integer({ min: 1, max: 20 }),
      nowGap: fc.integer({ min: 0, max: 60 }),
      closed: fc.constantFrom<LinkUpStatus | null>(null, null, 'completed', 'ended_early'),
      horizonDays: fc.constantFrom(0, 0, 10, 45),
      preExisting: fc.array(
        fc.record({
          dueDay: fc.integer({ min: 0, max: 200 }),
          status: fc.constantFrom<CheckInStatus>('scheduled', 'due', 'completed', 'missed', 'cancelled'),
        }),
        { maxLength: 3 },
      ),
    })
    .map(({ steps, pauseDays, nowGap, closed, horizonDays, preExisting }) => {
      let t = 0;
      let stage: LinkUpStage = RB;
      const stageChanges: StageChange[] = [];
      const pauses: PausePeriod[] = [];
      for (const step of steps) {
        t += step.gap;
        const index = stageList.indexOf(stage);
        if (step.kind === 'forward' && index < 2) {
          stageChanges.push(change(stage, stageList[index + 1], t));
          stage = stageList[index + 1];
        } else if (step.kind === 'back' && index > 0) {
          stageChanges.push(change(stage, stageList[index - 1], t));
          stage = stageList[index - 1];
        } else if (step.kind === 'pause') {
          pauses.push(pause(t, t + pauseDays));
          t += pauseDays;
        }
      }
      const now = t + nowGap;
      const openPause = pauses.length > 0 && dayOf(pauses[pauses.length - 1].end ?? day(0)) > now;
      const lastPauses = openPause
        ? [...pauses.slice(0, -1), { ...pauses[pauses.length - 1], end: null }]
        : pauses;
      return {
        stageChanges,
        pauses: lastPauses,
        now,
        status: closed ?? (openPause ? 'paused' : 'active'),
        closedAt: closed === null ? null : now,
        settings: { ...DEFAULTS, planningHorizonMs: horizonDays * MS_PER_DAY },
        existing: preExisting.map((item, index) =>
          row(index === 0 ? `cadence:sharing:${RB}:${iso(0)}:1` : `adhoc-${index}`, item.dueDay, item.status),
        ),
      } satisfies Scenario;
    });

  it('is idempotent: planning over the applied result changes nothing', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const first = plan(input);
        const second = plan({ ...input, existing: apply(input.existing, first) });
        expect(summary(second)).toEqual({ ...EMPTY, keep: second.keep.map((checkIn) => checkIn.id) });
      }),
    );
  });

  it('creates unique keys that are not on file, and nothing unless active', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const result = plan(input);
        const keys = result.create.map((item) => item.planKey);
        expect(new Set(keys).size).toBe(keys.length);
        for (const key of keys) expect(input.existing.some((checkIn) => checkIn.planKey === key)).toBe(false);
        if (result.state !== 'active') expect(result.create).toEqual([]);
        if (result.state !== 'active') expect(result.keep).toEqual([]);
      }),
    );
  });

  it('never creates a regular check-in that is already past its grace period', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        for (const item of plan(input).create.filter((planned) => planned.kind === 'cadence')) {
          expect(item.overdueAt.getTime()).toBeGreaterThan(day(input.now).getTime());
        }
      }),
    );
  });
});
