import {
  END_EARLY_REASONS,
  LINK_UP_STAGES,
  LINK_UP_STATUSES,
  LinkUpStage,
  LinkUpStatus,
} from './link-up-stages.constants';
import { DEFAULT_STAGE_GUARD_SETTINGS, StageGuardSettings } from './stage-guard-settings';
import { StageGuardFacts } from './stage-guards';
import { LinkUpState, planTransition, TransitionRequest } from './stage-machine';

const AT = new Date('2026-03-02T10:00:00.000Z');

/** Every guard of the defaults met. */
const ALL_MET: StageGuardFacts = {
  activeGoalsBySeekingFamily: 1,
  completedCheckInsSinceStart: 1,
  baselineMeasureRecordedOrDeclined: true,
  goalRatingsAfterBaseline: 1,
  smallWins: 1,
  exitMeasureRecordedOrDeclined: true,
  closureCheckInCompleted: true,
  openSafeguardingConcerns: 0,
  openUrgentSafeguardingConcerns: 0,
  activeWeeksInCurrentStage: 0,
};

/** Nothing met. */
const NONE_MET: StageGuardFacts = {
  activeGoalsBySeekingFamily: 0,
  completedCheckInsSinceStart: 0,
  baselineMeasureRecordedOrDeclined: false,
  goalRatingsAfterBaseline: 0,
  smallWins: 0,
  exitMeasureRecordedOrDeclined: false,
  closureCheckInCompleted: false,
  openSafeguardingConcerns: 1,
  openUrgentSafeguardingConcerns: 1,
  activeWeeksInCurrentStage: 0,
};

const REQUESTS: Record<string, TransitionRequest> = {
  'advance to relationship_building': { kind: 'advance', to: 'relationship_building', at: AT },
  'advance to doing_with': { kind: 'advance', to: 'doing_with', at: AT },
  'advance to doing_without': { kind: 'advance', to: 'doing_without', at: AT },
  'move back to relationship_building': {
    kind: 'move_back',
    to: 'relationship_building',
    reason: 'r',
    at: AT,
  },
  'move back to doing_with': { kind: 'move_back', to: 'doing_with', reason: 'r', at: AT },
  'move back to doing_without': { kind: 'move_back', to: 'doing_without', reason: 'r', at: AT },
  pause: { kind: 'pause', reason: 'family holiday', at: AT },
  resume: { kind: 'resume', at: AT },
  complete: { kind: 'complete', closureReason: 'goals reached', at: AT },
  'end early': { kind: 'end_early', endReason: 'moved_away', at: AT },
};
const REQUEST_NAMES = Object.keys(REQUESTS);

type Outcome = string; // "→ stage/status" when allowed, else the refusal code
const RB = 'relationship_building';
const DW = 'doing_with';
const DWO = 'doing_without';
const CLOSED_ROW: Outcome[] = Array<Outcome>(10).fill('LINK_UP_CLOSED');
const pausedRow = (stage: LinkUpStage): Outcome[] => [
  ...Array<Outcome>(6).fill('LINK_UP_PAUSED'),
  'ALREADY_PAUSED',
  `→ ${stage}/active`,
  'LINK_UP_PAUSED',
  `→ ${stage}/ended_early`,
];

/**
 * Every move from every state. Columns follow REQUESTS: advance to RB, DW, DWO; move back to RB, DW,
 * DWO; pause; resume; complete; end early. Facts meet every guard, so only the moves themselves
 * are tested here.
 */
const MATRIX: Record<`${LinkUpStage}/${LinkUpStatus}`, Outcome[]> = {
  'relationship_building/active': [
    'ALREADY_IN_STAGE',
    `→ ${DW}/active`,
    'STAGE_SKIP_NOT_ALLOWED',
    'NO_PREVIOUS_STAGE',
    'NO_PREVIOUS_STAGE',
    'NO_PREVIOUS_STAGE',
    `→ ${RB}/paused`,
    'NOT_PAUSED',
    'NOT_IN_FINAL_STAGE',
    `→ ${RB}/ended_early`,
  ],
  'doing_with/active': [
    'WRONG_DIRECTION',
    'ALREADY_IN_STAGE',
    `→ ${DWO}/active`,
    `→ ${RB}/active`,
    'ALREADY_IN_STAGE',
    'WRONG_DIRECTION',
    `→ ${DW}/paused`,
    'NOT_PAUSED',
    'NOT_IN_FINAL_STAGE',
    `→ ${DW}/ended_early`,
  ],
  'doing_without/active': [
    'NO_NEXT_STAGE',
    'NO_NEXT_STAGE',
    'NO_NEXT_STAGE',
    'STAGE_SKIP_NOT_ALLOWED',
    `→ ${DW}/active`,
    'ALREADY_IN_STAGE',
    `→ ${DWO}/paused`,
    'NOT_PAUSED',
    `→ ${DWO}/completed`,
    `→ ${DWO}/ended_early`,
  ],
  'relationship_building/paused': pausedRow(RB),
  'doing_with/paused': pausedRow(DW),
  'doing_without/paused': pausedRow(DWO),
  'relationship_building/completed': CLOSED_ROW,
  'doing_with/completed': CLOSED_ROW,
  'doing_without/completed': CLOSED_ROW,
  'relationship_building/ended_early': CLOSED_ROW,
  'doing_with/ended_early': CLOSED_ROW,
  'doing_without/ended_early': CLOSED_ROW,
};

const CASES = LINK_UP_STAGES.flatMap((stage) =>
  LINK_UP_STATUSES.flatMap((status) =>
    REQUEST_NAMES.map((name, column) => [stage, status, name, MATRIX[`${stage}/${status}`][column]] as const),
  ),
);

function outcome(state: LinkUpState, request: TransitionRequest, facts = ALL_MET): Outcome {
  const plan = planTransition(state, request, facts, DEFAULT_STAGE_GUARD_SETTINGS);
  return plan.ok ? `→ ${plan.next.stage}/${plan.next.status}` : plan.code;
}

describe('planTransition: every move from every state', () => {
  it('covers 12 states × 10 requests', () => {
    expect(CASES).toHaveLength(120);
  });

  it.each(CASES)('%s/%s, %s: %s', (stage, status, name, expected) => {
    expect(outcome({ stage, status }, REQUESTS[name])).toBe(expected);
  });

  it.each(CASES.filter(([, , , expected]) => !expected.startsWith('→')))(
    'a refused move (%s/%s, %s) lists no guards',
    (stage, status, name) => {
      const plan = planTransition({ stage, status }, REQUESTS[name], ALL_MET, DEFAULT_STAGE_GUARD_SETTINGS);
      expect(plan).toMatchObject({ ok: false, unmetGuards: [], unmetGuardDetails: [] });
      expect(plan.ok ? '' : plan.message).not.toBe('');
    },
  );

  it.each(CASES.filter(([, status]) => status === 'active' || status === 'paused'))(
    'a structurally forbidden move is refused for its own reason before any guard (%s/%s, %s)',
    (stage, status, name, expected) => {
      const result = outcome({ stage, status }, REQUESTS[name], NONE_MET);
      const guarded = ['advance to doing_with', 'advance to doing_without', 'resume', 'complete'];
      if (expected.startsWith('→') && guarded.includes(name)) expect(result).toBe('GUARD_FAILED');
      else expect(result).toBe(expected);
    },
  );
});

describe('planTransition: what is recorded', () => {
  const cases: [string, LinkUpState, TransitionRequest, object][] = [
    [
      'advance',
      { stage: 'relationship_building', status: 'active' },
      { kind: 'advance', to: 'doing_with', at: AT },
      {
        kind: 'advance',
        fromStage: 'relationship_building',
        toStage: 'doing_with',
        fromStatus: 'active',
        toStatus: 'active',
        reason: null,
        closureReason: null,
        endReason: null,
      },
    ],
    [
      'advance with a reason (trimmed)',
      { stage: 'doing_with', status: 'active' },
      { kind: 'advance', to: 'doing_without', reason: '  ready to try alone  ', at: AT },
      {
        kind: 'advance',
        fromStage: 'doing_with',
        toStage: 'doing_without',
        fromStatus: 'active',
        toStatus: 'active',
        reason: 'ready to try alone',
        closureReason: null,
        endReason: null,
      },
    ],
    [
      'advance with a blank reason',
      { stage: 'relationship_building', status: 'active' },
      { kind: 'advance', to: 'doing_with', reason: '   ', at: AT },
      {
        kind: 'advance',
        fromStage: 'relationship_building',
        toStage: 'doing_with',
        fromStatus: 'active',
        toStatus: 'active',
        reason: null,
        closureReason: null,
        endReason: null,
      },
    ],
    [
      'move back (reason trimmed)',
      { stage: 'doing_without', status: 'active' },
      { kind: 'move_back', to: 'doing_with', reason: '  needs more support  ', at: AT },
      {
        kind: 'move_back',
        fromStage: 'doing_without',
        toStage: 'doing_with',
        fromStatus: 'active',
        toStatus: 'active',
        reason: 'needs more support',
        closureReason: null,
        endReason: null,
      },
    ],
    [
      'pause',
      { stage: 'doing_with', status: 'active' },
      { kind: 'pause', reason: 'hospital stay', at: AT },
      {
        kind: 'pause',
        fromStage: 'doing_with',
        toStage: 'doing_with',
        fromStatus: 'active',
        toStatus: 'paused',
        reason: 'hospital stay',
        closureReason: null,
        endReason: null,
      },
    ],
    [
      'resume with a reason',
      { stage: 'doing_with', status: 'paused' },
      { kind: 'resume', reason: ' back from hospital ', at: AT },
      {
        kind: 'resume',
        fromStage: 'doing_with',
        toStage: 'doing_with',
        fromStatus: 'paused',
        toStatus: 'active',
        reason: 'back from hospital',
        closureReason: null,
        endReason: null,
      },
    ],
    [
      'resume',
      { stage: 'doing_with', status: 'paused' },
      { kind: 'resume', at: AT },
      {
        kind: 'resume',
        fromStage: 'doing_with',
        toStage: 'doing_with',
        fromStatus: 'paused',
        toStatus: 'active',
        reason: null,
        closureReason: null,
        endReason: null,
      },
    ],
    [
      'complete',
      { stage: 'doing_without', status: 'active' },
      { kind: 'complete', closureReason: ' goals reached ', at: AT },
      {
        kind: 'complete',
        fromStage: 'doing_without',
        toStage: 'doing_without',
        fromStatus: 'active',
        toStatus: 'completed',
        reason: null,
        closureReason: 'goals reached',
        endReason: null,
      },
    ],
    [
      'end early while paused, with a note',
      { stage: 'doing_with', status: 'paused' },
      { kind: 'end_early', endReason: 'other', note: 'family asked to stop', at: AT },
      {
        kind: 'end_early',
        fromStage: 'doing_with',
        toStage: 'doing_with',
        fromStatus: 'paused',
        toStatus: 'ended_early',
        reason: 'family asked to stop',
        closureReason: 'other',
        endReason: 'other',
      },
    ],
  ];

  it.each(cases)('%s', (_name, state, request, record) => {
    const plan = planTransition(state, request, ALL_MET, DEFAULT_STAGE_GUARD_SETTINGS);
    expect(plan.ok).toBe(true);
    expect(plan.ok && plan.record).toEqual({ ...record, at: AT });
  });
});

describe('planTransition: reasons', () => {
  const active = (stage: LinkUpStage): LinkUpState => ({ stage, status: 'active' });

  it.each([
    [
      'move back with an empty reason',
      active('doing_with'),
      { kind: 'move_back', to: RB, reason: '', at: AT },
    ],
    [
      'move back with a blank reason',
      active('doing_with'),
      { kind: 'move_back', to: RB, reason: '  \n', at: AT },
    ],
    ['pause with an empty reason', active('doing_with'), { kind: 'pause', reason: '', at: AT }],
    ['pause with a blank reason', active('doing_with'), { kind: 'pause', reason: ' ', at: AT }],
  ] as [string, LinkUpState, TransitionRequest][])('%s → REASON_REQUIRED', (_name, state, request) => {
    expect(outcome(state, request)).toBe('REASON_REQUIRED');
  });

  it.each(END_EARLY_REASONS.filter((reason) => reason !== 'other'))(
    'ending early for %s needs no note, and records the reason as the closure reason',
    (endReason) => {
      const plan = planTransition(
        active('doing_with'),
        { kind: 'end_early', endReason, at: AT },
        NONE_MET,
        DEFAULT_STAGE_GUARD_SETTINGS,
      );
      expect(plan.ok && plan.record).toMatchObject({ endReason, closureReason: endReason, reason: null });
    },
  );

  it.each([
    ['no note', undefined, 'NOTE_REQUIRED'],
    ['a null note', null, 'NOTE_REQUIRED'],
    ['a blank note', '   ', 'NOTE_REQUIRED'],
    ['a note', 'relocated for work', `→ ${DW}/ended_early`],
  ])('ending early for "other" with %s → %s', (_name, note, expected) => {
    expect(outcome(active('doing_with'), { kind: 'end_early', endReason: 'other', note, at: AT })).toBe(
      expected,
    );
  });

  it('an end reason outside the list → INVALID_END_REASON', () => {
    const request = { kind: 'end_early', endReason: 'bored', at: AT } as unknown as TransitionRequest;
    expect(outcome(active('doing_with'), request)).toBe('INVALID_END_REASON');
  });

  it('ending early ignores the guards', () => {
    expect(
      outcome(active('doing_without'), { kind: 'end_early', endReason: 'safety_concern', at: AT }, NONE_MET),
    ).toBe(`→ ${DWO}/ended_early`);
  });
});

describe('planTransition: guards on moves forward', () => {
  const settings: StageGuardSettings = DEFAULT_STAGE_GUARD_SETTINGS;

  it.each([
    [
      'advance to doing_with',
      RB,
      REQUESTS['advance to doing_with'],
      [
        'ACTIVE_GOAL_BY_SEEKING_FAMILY',
        'CHECK_IN_COMPLETED_SINCE_START',
        'BASELINE_MEASURE_RECORDED_OR_DECLINED',
      ],
    ],
    [
      'advance to doing_without',
      DW,
      REQUESTS['advance to doing_without'],
      ['GOAL_RATING_AFTER_BASELINE', 'SMALL_WIN_RECORDED'],
    ],
    [
      'complete without a closure reason',
      DWO,
      { kind: 'complete', closureReason: ' ', at: AT },
      [
        'EXIT_MEASURE_RECORDED_OR_DECLINED',
        'CLOSURE_CHECK_IN_COMPLETED',
        'NO_OPEN_SAFEGUARDING_CONCERN',
        'CLOSURE_REASON_GIVEN',
      ],
    ],
  ] as [string, LinkUpStage, TransitionRequest, string[]][])(
    '%s with nothing met names every default guard in order',
    (_name, stage, request, guards) => {
      const plan = planTransition({ stage, status: 'active' }, request, NONE_MET, settings);
      expect(plan).toMatchObject({ ok: false, code: 'GUARD_FAILED', unmetGuards: guards });
      expect(plan.ok ? [] : plan.unmetGuardDetails.map((detail) => detail.guard)).toEqual(guards);
    },
  );

  it('names only the unmet guards, and explains each in the message', () => {
    const plan = planTransition(
      { stage: 'relationship_building', status: 'active' },
      REQUESTS['advance to doing_with'],
      { ...ALL_MET, completedCheckInsSinceStart: 0, baselineMeasureRecordedOrDeclined: false },
      settings,
    );
    expect(plan).toEqual({
      ok: false,
      code: 'GUARD_FAILED',
      message:
        'Cannot move to doing with yet: At least 1 completed check-in is needed since the link-up started ' +
        '(0 so far). Record a baseline outcome measure, or record that the family declined it.',
      unmetGuards: ['CHECK_IN_COMPLETED_SINCE_START', 'BASELINE_MEASURE_RECORDED_OR_DECLINED'],
      unmetGuardDetails: [
        {
          guard: 'CHECK_IN_COMPLETED_SINCE_START',
          met: false,
          message: 'At least 1 completed check-in is needed since the link-up started (0 so far).',
          required: 1,
          actual: 0,
        },
        {
          guard: 'BASELINE_MEASURE_RECORDED_OR_DECLINED',
          met: false,
          message: 'Record a baseline outcome measure, or record that the family declined it.',
          required: null,
          actual: null,
        },
      ],
    });
  });

  it.each([
    ['no open concern', 0, 0, `→ ${DW}/active`],
    ['an open medium or low concern', 2, 0, `→ ${DW}/active`],
    ['an open urgent concern', 1, 1, 'GUARD_FAILED'],
  ])('resuming with %s → %s', (_name, open, urgent, expected) => {
    const facts = { ...ALL_MET, openSafeguardingConcerns: open, openUrgentSafeguardingConcerns: urgent };
    expect(outcome({ stage: DW, status: 'paused' }, REQUESTS.resume, facts)).toBe(expected);
  });

  it('refuses a resume while an urgent concern is open, naming the guard, whatever the settings list', () => {
    const plan = planTransition(
      { stage: DW, status: 'paused' },
      { kind: 'resume', reason: 'family ready', at: AT },
      { ...ALL_MET, openSafeguardingConcerns: 2, openUrgentSafeguardingConcerns: 2 },
      { ...settings, guards: { doing_with: [], doing_without: [], completed: [] } },
    );
    expect(plan).toEqual({
      ok: false,
      code: 'GUARD_FAILED',
      message: 'Cannot resume the link-up yet: Close the open urgent safeguarding concerns first (2 open).',
      unmetGuards: ['NO_OPEN_URGENT_SAFEGUARDING_CONCERN'],
      unmetGuardDetails: [
        {
          guard: 'NO_OPEN_URGENT_SAFEGUARDING_CONCERN',
          met: false,
          message: 'Close the open urgent safeguarding concerns first (2 open).',
          required: 0,
          actual: 2,
        },
      ],
    });
  });

  it('an allowed guarded move reports the guards it checked', () => {
    const plan = planTransition(
      { stage: DW, status: 'active' },
      REQUESTS['advance to doing_without'],
      ALL_MET,
      settings,
    );
    expect(plan.ok && plan.guards.map((result) => [result.guard, result.met])).toEqual([
      ['GOAL_RATING_AFTER_BASELINE', true],
      ['SMALL_WIN_RECORDED', true],
    ]);
  });

  it('uses the guard lists and minimums from the settings', () => {
    const custom: StageGuardSettings = {
      ...settings,
      guards: {
        doing_with: ['SMALL_WIN_RECORDED', 'MINIMUM_ACTIVE_WEEKS_IN_STAGE'],
        doing_without: [],
        completed: [],
      },
      minimumSmallWins: 2,
      minimumActiveWeeksInStage: { relationship_building: 3, doing_with: 0, doing_without: 0 },
    };
    const facts = { ...NONE_MET, smallWins: 1, activeWeeksInCurrentStage: 2.9 };
    const toDoingWith = planTransition(
      { stage: RB, status: 'active' },
      REQUESTS['advance to doing_with'],
      facts,
      custom,
    );
    expect(toDoingWith).toMatchObject({
      ok: false,
      unmetGuards: ['SMALL_WIN_RECORDED', 'MINIMUM_ACTIVE_WEEKS_IN_STAGE'],
    });
    const met = planTransition(
      { stage: RB, status: 'active' },
      REQUESTS['advance to doing_with'],
      { ...facts, smallWins: 2, activeWeeksInCurrentStage: 3 },
      custom,
    );
    expect(met.ok).toBe(true);
    // Empty lists: nothing is required, not even a closure reason.
    expect(outcome({ stage: DW, status: 'active' }, REQUESTS['advance to doing_without'], NONE_MET)).toBe(
      'GUARD_FAILED',
    );
    const noGuards = planTransition(
      { stage: DW, status: 'active' },
      REQUESTS['advance to doing_without'],
      NONE_MET,
      custom,
    );
    expect(noGuards.ok).toBe(true);
    const completeNoGuards = planTransition(
      { stage: DWO, status: 'active' },
      { kind: 'complete', closureReason: '', at: AT },
      NONE_MET,
      custom,
    );
    expect(completeNoGuards.ok && completeNoGuards.record.closureReason).toBeNull();
  });
});

describe('planTransition: messages for the coach', () => {
  it.each([
    [
      { stage: DWO, status: 'active' },
      REQUESTS['advance to doing_without'],
      'Doing without is the last stage: complete the link-up instead.',
    ],
    [
      { stage: RB, status: 'active' },
      REQUESTS['advance to doing_without'],
      'The link-up moves one stage at a time: from relationship building it can only go to doing with.',
    ],
    [
      { stage: DWO, status: 'active' },
      REQUESTS['move back to relationship_building'],
      'The link-up moves one stage at a time: from doing without it can only go to doing with.',
    ],
    [
      { stage: DW, status: 'active' },
      REQUESTS['advance to relationship_building'],
      'Relationship building comes before doing with: move back a stage instead.',
    ],
    [
      { stage: RB, status: 'active' },
      REQUESTS['move back to doing_with'],
      'Relationship building is the first stage: there is no stage before it.',
    ],
    [
      { stage: DW, status: 'paused' },
      REQUESTS['advance to doing_without'],
      'The link-up is paused: resume it first (or end it early).',
    ],
    [
      { stage: DW, status: 'ended_early' },
      REQUESTS.resume,
      'The link-up is ended; nothing can change any more.',
    ],
    [
      { stage: DW, status: 'active' },
      REQUESTS.complete,
      'A link-up can only be completed from doing without; it is in doing with.',
    ],
  ] as [LinkUpState, TransitionRequest, string][])('%o, %o: %s', (state, request, message) => {
    const plan = planTransition(state, request, ALL_MET, DEFAULT_STAGE_GUARD_SETTINGS);
    expect(plan.ok ? null : plan.message).toBe(message);
  });
});
