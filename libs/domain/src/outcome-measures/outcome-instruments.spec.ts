import { applySettingsPatch, DEFAULT_PROGRAMME_SETTINGS } from '../settings';
import {
  BUILT_IN_INSTRUMENT_KEYS,
  DEFAULT_OUTCOME_MEASURE_SETTINGS,
  listInstruments,
  resolveInstrument,
  scoreProblem,
  validateOutcomeMeasureSettings,
  type OutcomeMeasureSettings,
} from './outcome-instruments';

const WITH_CUSTOM: OutcomeMeasureSettings = {
  customInstruments: [{ key: 'HOME_SAFETY', label: 'Home safety checklist', min: 0, max: 12, integer: true }],
};

describe('outcome instruments', () => {
  /** [instrument, score, valid?] — the edges of every range, and one step beyond. */
  it.each([
    ['K10', 10, true],
    ['K10', 50, true],
    ['K10', 9, false],
    ['K10', 51, false],
    ['K10', 22.5, false],
    ['PWI', 0, true],
    ['PWI', 100, true],
    ['PWI', 72.5, true],
    ['PWI', -0.1, false],
    ['PWI', 100.1, false],
    ['PSOC', 17, true],
    ['PSOC', 102, true],
    ['PSOC', 16, false],
    ['PSOC', 103, false],
    ['DEX_CIRCUMSTANCES', 1, true],
    ['DEX_CIRCUMSTANCES', 5, true],
    ['DEX_CIRCUMSTANCES', 0, false],
    ['DEX_GOALS', 6, false],
    ['DEX_SATISFACTION', 3, true],
    ['DEX_SATISFACTION', 2.5, false],
    ['GAS_SUMMARY', -2, true],
    ['GAS_SUMMARY', 2, true],
    ['GAS_SUMMARY', 0.75, true],
    ['GAS_SUMMARY', -2.1, false],
    ['GAS_SUMMARY', 3, false],
    ['HOME_SAFETY', 0, true],
    ['HOME_SAFETY', 12, true],
    ['HOME_SAFETY', 13, false],
    ['HOME_SAFETY', 1.5, false],
  ] as const)('%s score %d is valid: %s', (key, score, valid) => {
    const instrument = resolveInstrument(key, WITH_CUSTOM);
    expect(instrument).not.toBeNull();
    expect(scoreProblem(instrument!, score) === null).toBe(valid);
  });

  it('names the range in the problem', () => {
    expect(scoreProblem(resolveInstrument('K10', DEFAULT_OUTCOME_MEASURE_SETTINGS)!, 51)).toBe(
      'score must be between 10 and 50 for K10',
    );
    expect(scoreProblem(resolveInstrument('K10', DEFAULT_OUTCOME_MEASURE_SETTINGS)!, Number.NaN)).toBe(
      'score must be a number',
    );
  });

  it('knows no instrument outside the built-ins and the configured ones', () => {
    expect(resolveInstrument('HOME_SAFETY', DEFAULT_OUTCOME_MEASURE_SETTINGS)).toBeNull();
    expect(resolveInstrument('k10', WITH_CUSTOM)).toBeNull();
    expect(resolveInstrument('SDQ', WITH_CUSTOM)).toBeNull();
    expect(listInstruments(WITH_CUSTOM).map((i) => i.key)).toEqual([
      ...BUILT_IN_INSTRUMENT_KEYS,
      'HOME_SAFETY',
    ]);
    expect(resolveInstrument('HOME_SAFETY', WITH_CUSTOM)).toMatchObject({ builtIn: false, min: 0, max: 12 });
  });

  it.each([
    ['the default', DEFAULT_OUTCOME_MEASURE_SETTINGS, []],
    ['one custom instrument', WITH_CUSTOM, []],
    ['not a list', { customInstruments: 'K10' }, ['customInstruments must be a list of instruments']],
    [
      'a lower-case key',
      { customInstruments: [{ key: 'home', label: 'Home', min: 0, max: 1, integer: true }] },
      ['customInstruments.0.key must be UPPER_SNAKE_CASE (A-Z, 0-9, _), 2 to 40 characters'],
    ],
    [
      'a built-in key',
      { customInstruments: [{ key: 'K10', label: 'Mine', min: 0, max: 1, integer: true }] },
      ['customInstruments.0.key K10 is a built-in instrument'],
    ],
    [
      'a key twice',
      {
        customInstruments: [
          { key: 'AB', label: 'A', min: 0, max: 1, integer: true },
          { key: 'AB', label: 'B', min: 0, max: 1, integer: true },
        ],
      },
      ['customInstruments.1.key AB appears twice'],
    ],
    [
      'an empty range',
      { customInstruments: [{ key: 'AB', label: 'A', min: 5, max: 5, integer: true }] },
      ['customInstruments.0.max must be greater than min'],
    ],
    [
      'missing fields and an extra one',
      { customInstruments: [{ key: 'AB', colour: 'red' }] },
      [
        'customInstruments.0.label must be 1 to 120 characters',
        'customInstruments.0.min must be a number',
        'customInstruments.0.max must be a number',
        'customInstruments.0.integer must be true or false',
        'customInstruments.0 has unknown fields colour',
      ],
    ],
  ])('settings: %s', (_name, settings, problems) => {
    expect(validateOutcomeMeasureSettings(settings as OutcomeMeasureSettings)).toEqual(problems);
  });

  it('is a section of the programme settings: empty by default, replaced as a list, validated', () => {
    expect(DEFAULT_PROGRAMME_SETTINGS.outcomeMeasures.customInstruments).toEqual([]);
    const ok = applySettingsPatch(DEFAULT_PROGRAMME_SETTINGS, { outcomeMeasures: WITH_CUSTOM });
    expect(ok.ok && ok.settings.outcomeMeasures).toEqual(WITH_CUSTOM);
    const bad = applySettingsPatch(DEFAULT_PROGRAMME_SETTINGS, {
      outcomeMeasures: { customInstruments: [{ key: 'PWI', label: 'x', min: 0, max: 1, integer: true }] },
    });
    expect(bad.ok ? [] : bad.problems.map((p) => p.field)).toEqual([
      'outcomeMeasures.customInstruments.0.key',
    ]);
  });
});
