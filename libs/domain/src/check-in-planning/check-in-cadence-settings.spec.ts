import {
  CheckInCadenceSettings,
  DEFAULT_CHECK_IN_CADENCE_SETTINGS,
  validateCheckInCadenceSettings,
} from './check-in-cadence-settings';

const DEFAULTS = DEFAULT_CHECK_IN_CADENCE_SETTINGS;

describe('DEFAULT_CHECK_IN_CADENCE_SETTINGS', () => {
  it('holds the defaults of DESIGN §4.4', () => {
    const day = 86_400_000;
    expect(DEFAULTS.firstContactWithinMs).toBe(2 * day);
    expect(DEFAULTS.cadenceMs).toEqual({
      sharing: { relationship_building: 14 * day, doing_with: 14 * day, doing_without: 14 * day },
      seeking: { relationship_building: 28 * day, doing_with: 28 * day, doing_without: 28 * day },
    });
    expect(DEFAULTS.gracePeriodMs).toBe(3 * day);
    expect(DEFAULTS.planningHorizonMs).toBe(0);
    expect(validateCheckInCadenceSettings(DEFAULTS)).toEqual([]);
  });
});

describe('validateCheckInCadenceSettings', () => {
  it.each([
    ['seconds-long cadences', { firstContactWithinMs: 2000, gracePeriodMs: 1000 }, []],
    [
      'a cadence switched off',
      { cadenceMs: { ...DEFAULTS.cadenceMs, seeking: { ...DEFAULTS.cadenceMs.seeking, doing_with: null } } },
      [],
    ],
    [
      'a zero cadence',
      { cadenceMs: { ...DEFAULTS.cadenceMs, sharing: { ...DEFAULTS.cadenceMs.sharing, doing_with: 0 } } },
      ['cadenceMs.sharing.doing_with must be a whole number of milliseconds of at least 1000 (a second)'],
    ],
    [
      'a sub-second cadence',
      {
        cadenceMs: { ...DEFAULTS.cadenceMs, seeking: { ...DEFAULTS.cadenceMs.seeking, doing_without: 999 } },
      },
      ['cadenceMs.seeking.doing_without must be a whole number of milliseconds of at least 1000 (a second)'],
    ],
    [
      'a cadence over a year, and durations that would leave the Date range',
      {
        cadenceMs: {
          ...DEFAULTS.cadenceMs,
          sharing: { ...DEFAULTS.cadenceMs.sharing, relationship_building: 365 * 86_400_000 + 1 },
        },
        gracePeriodMs: 8e15,
        planningHorizonMs: 8.64e15,
        closureCheckIn: { enabled: true, dueWithinMs: Number.MAX_SAFE_INTEGER },
      },
      [
        'cadenceMs.sharing.relationship_building must be at most a year (31536000000 milliseconds)',
        'closureCheckIn.dueWithinMs must be at most a year (31536000000 milliseconds)',
        'gracePeriodMs must be at most a year (31536000000 milliseconds)',
        'planningHorizonMs must be at most a year (31536000000 milliseconds)',
      ],
    ],
    [
      'a cadence of exactly a year and a second',
      {
        cadenceMs: {
          sharing: { relationship_building: 365 * 86_400_000, doing_with: 1000, doing_without: null },
          seeking: DEFAULTS.cadenceMs.seeking,
        },
      },
      [],
    ],
    [
      'a negative grace',
      { gracePeriodMs: -1 },
      ['gracePeriodMs must be a whole number of milliseconds of at least 0'],
    ],
    [
      'a fractional horizon',
      { planningHorizonMs: 1.5 },
      ['planningHorizonMs must be a whole number of milliseconds of at least 0'],
    ],
    [
      'a broken one-off',
      { resumeCheckIn: { enabled: 'yes', dueWithinMs: -5 } },
      [
        'resumeCheckIn.enabled must be true or false',
        'resumeCheckIn.dueWithinMs must be a whole number of milliseconds of at least 0',
      ],
    ],
  ])('%s', (_name, change, problems) => {
    expect(
      validateCheckInCadenceSettings({ ...DEFAULTS, ...change } as unknown as CheckInCadenceSettings),
    ).toEqual(problems);
  });
});
