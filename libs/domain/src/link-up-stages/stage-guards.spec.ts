import {
  DEFAULT_STAGE_GUARD_SETTINGS,
  STAGE_GUARD_NAMES,
  StageGuardName,
  StageGuardSettings,
  validateStageGuardSettings,
} from './stage-guard-settings';
import { evaluateGuard, GuardContext, StageGuardFacts } from './stage-guards';

const MET: StageGuardFacts = {
  activeGoalsBySeekingFamily: 1,
  completedCheckInsSinceStart: 1,
  baselineMeasureRecordedOrDeclined: true,
  goalRatingsAfterBaseline: 1,
  smallWins: 1,
  exitMeasureRecordedOrDeclined: true,
  closureCheckInCompleted: true,
  openSafeguardingConcerns: 0,
  openUrgentSafeguardingConcerns: 0,
  activeWeeksInCurrentStage: 4,
};
const CONTEXT: GuardContext = { fromStage: 'doing_with', closureReason: 'goals reached' };
const SETTINGS: StageGuardSettings = {
  ...DEFAULT_STAGE_GUARD_SETTINGS,
  minimumActiveWeeksInStage: { relationship_building: 2, doing_with: 4, doing_without: 1 },
};

/** For each guard: the facts (or context) that fail it, and the message the coach then reads. */
const UNMET: [
  StageGuardName,
  Partial<StageGuardFacts>,
  Partial<GuardContext>,
  string,
  number | null,
  number | null,
][] = [
  [
    'ACTIVE_GOAL_BY_SEEKING_FAMILY',
    { activeGoalsBySeekingFamily: 0 },
    {},
    'The Seeking family needs at least 1 active goal in its own words (it has 0).',
    1,
    0,
  ],
  [
    'CHECK_IN_COMPLETED_SINCE_START',
    { completedCheckInsSinceStart: 0 },
    {},
    'At least 1 completed check-in is needed since the link-up started (0 so far).',
    1,
    0,
  ],
  [
    'BASELINE_MEASURE_RECORDED_OR_DECLINED',
    { baselineMeasureRecordedOrDeclined: false },
    {},
    'Record a baseline outcome measure, or record that the family declined it.',
    null,
    null,
  ],
  [
    'GOAL_RATING_AFTER_BASELINE',
    { goalRatingsAfterBaseline: 0 },
    {},
    'At least 1 goal rating is needed after the baseline (0 so far).',
    1,
    0,
  ],
  ['SMALL_WIN_RECORDED', { smallWins: 0 }, {}, 'At least 1 small win is needed (0 recorded so far).', 1, 0],
  [
    'EXIT_MEASURE_RECORDED_OR_DECLINED',
    { exitMeasureRecordedOrDeclined: false },
    {},
    'Record an exit outcome measure, or record that the family declined it.',
    null,
    null,
  ],
  [
    'CLOSURE_CHECK_IN_COMPLETED',
    { closureCheckInCompleted: false },
    {},
    'Complete the closure check-in first.',
    null,
    null,
  ],
  [
    'NO_OPEN_SAFEGUARDING_CONCERN',
    { openSafeguardingConcerns: 1 },
    {},
    'Close the open safeguarding concern first (1 open).',
    0,
    1,
  ],
  ['CLOSURE_REASON_GIVEN', {}, { closureReason: '  ' }, 'Give a reason for closing the link-up.', null, null],
  [
    'MINIMUM_ACTIVE_WEEKS_IN_STAGE',
    { activeWeeksInCurrentStage: 3.9 },
    {},
    'The link-up needs at least 4 active weeks in doing with (3.9 so far; paused time does not count).',
    4,
    3.9,
  ],
  [
    'NO_OPEN_URGENT_SAFEGUARDING_CONCERN',
    { openSafeguardingConcerns: 1, openUrgentSafeguardingConcerns: 1 },
    {},
    'Close the open urgent safeguarding concern first (1 open).',
    0,
    1,
  ],
];

describe('evaluateGuard', () => {
  it('has a case for every guard', () => {
    expect(UNMET.map(([guard]) => guard)).toEqual([...STAGE_GUARD_NAMES]);
  });

  it.each(UNMET)('%s is unmet with %o', (guard, facts, context, message, required, actual) => {
    expect(evaluateGuard(guard, { ...MET, ...facts }, { ...CONTEXT, ...context }, SETTINGS)).toEqual({
      guard,
      met: false,
      message,
      required,
      actual,
    });
  });

  it.each(STAGE_GUARD_NAMES)('%s is met when the facts are there', (guard) => {
    expect(evaluateGuard(guard, MET, CONTEXT, SETTINGS)).toMatchObject({ guard, met: true });
  });

  it.each([
    [
      'ACTIVE_GOAL_BY_SEEKING_FAMILY',
      { minimumActiveGoalsBySeekingFamily: 2 },
      { activeGoalsBySeekingFamily: 1 },
      false,
    ],
    [
      'ACTIVE_GOAL_BY_SEEKING_FAMILY',
      { minimumActiveGoalsBySeekingFamily: 2 },
      { activeGoalsBySeekingFamily: 2 },
      true,
    ],
    [
      'CHECK_IN_COMPLETED_SINCE_START',
      { minimumCompletedCheckInsSinceStart: 3 },
      { completedCheckInsSinceStart: 2 },
      false,
    ],
    [
      'CHECK_IN_COMPLETED_SINCE_START',
      { minimumCompletedCheckInsSinceStart: 0 },
      { completedCheckInsSinceStart: 0 },
      true,
    ],
    [
      'GOAL_RATING_AFTER_BASELINE',
      { minimumGoalRatingsAfterBaseline: 2 },
      { goalRatingsAfterBaseline: 1 },
      false,
    ],
    ['SMALL_WIN_RECORDED', { minimumSmallWins: 3 }, { smallWins: 3 }, true],
    ['SMALL_WIN_RECORDED', { minimumSmallWins: 3 }, { smallWins: 2 }, false],
    ['NO_OPEN_SAFEGUARDING_CONCERN', {}, { openSafeguardingConcerns: 2 }, false],
    [
      'MINIMUM_ACTIVE_WEEKS_IN_STAGE',
      { minimumActiveWeeksInStage: { relationship_building: 0, doing_with: 0, doing_without: 0 } },
      { activeWeeksInCurrentStage: 0 },
      true,
    ],
  ] as [StageGuardName, Partial<StageGuardSettings>, Partial<StageGuardFacts>, boolean][])(
    '%s with settings %o and facts %o: met = %s',
    (guard, settings, facts, met) => {
      expect(evaluateGuard(guard, { ...MET, ...facts }, CONTEXT, { ...SETTINGS, ...settings }).met).toBe(met);
    },
  );

  it('pluralises counts in messages', () => {
    const result = evaluateGuard(
      'ACTIVE_GOAL_BY_SEEKING_FAMILY',
      { ...MET, activeGoalsBySeekingFamily: 1 },
      CONTEXT,
      { ...SETTINGS, minimumActiveGoalsBySeekingFamily: 2 },
    );
    expect(result.message).toBe(
      'The Seeking family needs at least 2 active goals in its own words (it has 1).',
    );
    expect(
      evaluateGuard(
        'NO_OPEN_SAFEGUARDING_CONCERN',
        { ...MET, openSafeguardingConcerns: 3 },
        CONTEXT,
        SETTINGS,
      ).message,
    ).toBe('Close the open safeguarding concerns first (3 open).');
  });

  it('reads the minimum weeks of the stage being left', () => {
    const facts = { ...MET, activeWeeksInCurrentStage: 2 };
    expect(
      evaluateGuard(
        'MINIMUM_ACTIVE_WEEKS_IN_STAGE',
        facts,
        { ...CONTEXT, fromStage: 'relationship_building' },
        SETTINGS,
      ).met,
    ).toBe(true);
    expect(
      evaluateGuard('MINIMUM_ACTIVE_WEEKS_IN_STAGE', facts, { ...CONTEXT, fromStage: 'doing_with' }, SETTINGS)
        .met,
    ).toBe(false);
  });
});

describe('validateStageGuardSettings', () => {
  it('accepts the defaults', () => {
    expect(validateStageGuardSettings(DEFAULT_STAGE_GUARD_SETTINGS)).toEqual([]);
  });

  it.each([
    [
      'an unknown guard',
      { guards: { ...DEFAULT_STAGE_GUARD_SETTINGS.guards, doing_with: ['NOPE'] } },
      ['guards.doing_with has an unknown guard "NOPE"'],
    ],
    [
      'a duplicate guard',
      {
        guards: {
          ...DEFAULT_STAGE_GUARD_SETTINGS.guards,
          doing_without: ['SMALL_WIN_RECORDED', 'SMALL_WIN_RECORDED'],
        },
      },
      ['guards.doing_without lists SMALL_WIN_RECORDED twice'],
    ],
    [
      'a completion-only guard on a stage',
      { guards: { ...DEFAULT_STAGE_GUARD_SETTINGS.guards, doing_with: ['CLOSURE_REASON_GIVEN'] } },
      ['guards.doing_with cannot use CLOSURE_REASON_GIVEN: it only applies to completion'],
    ],
    [
      'the resume guard on a move forward',
      {
        guards: {
          ...DEFAULT_STAGE_GUARD_SETTINGS.guards,
          completed: ['NO_OPEN_SAFEGUARDING_CONCERN', 'NO_OPEN_URGENT_SAFEGUARDING_CONCERN'],
        },
      },
      ['guards.completed cannot use NO_OPEN_URGENT_SAFEGUARDING_CONCERN: it only applies to resuming'],
    ],
    [
      'completion without the safeguarding guard',
      { guards: { ...DEFAULT_STAGE_GUARD_SETTINGS.guards, completed: ['CLOSURE_REASON_GIVEN'] } },
      ['guards.completed must keep NO_OPEN_SAFEGUARDING_CONCERN'],
    ],
    [
      'a missing list',
      { guards: { doing_with: [], doing_without: [] } },
      [
        'guards.completed must be a list of guard names',
        'guards.completed must keep NO_OPEN_SAFEGUARDING_CONCERN',
      ],
    ],
    [
      'bad minimums',
      {
        minimumSmallWins: -1,
        minimumGoalRatingsAfterBaseline: 1.5,
        minimumActiveGoalsBySeekingFamily: 1e20,
        minimumActiveWeeksInStage: { relationship_building: 0, doing_with: -2, doing_without: Number.NaN },
      },
      [
        'minimumActiveGoalsBySeekingFamily must be a whole number from 0 to 100',
        'minimumGoalRatingsAfterBaseline must be a whole number from 0 to 100',
        'minimumSmallWins must be a whole number from 0 to 100',
        'minimumActiveWeeksInStage.doing_with must be a number from 0 to 104',
        'minimumActiveWeeksInStage.doing_without must be a number from 0 to 104',
      ],
    ],
  ])('reports %s', (_name, change, problems) => {
    expect(
      validateStageGuardSettings({
        ...DEFAULT_STAGE_GUARD_SETTINGS,
        ...change,
      } as unknown as StageGuardSettings),
    ).toEqual(problems);
  });
});
