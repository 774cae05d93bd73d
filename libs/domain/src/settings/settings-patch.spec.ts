import { DEFAULT_PROGRAMME_SETTINGS, validateProgrammeSettings } from './programme-settings';
import { applySettingsPatch, withDefaults } from './settings-patch';

const fieldsOf = (patch: unknown): string[] => {
  const result = applySettingsPatch(DEFAULT_PROGRAMME_SETTINGS, patch);
  return result.ok ? [] : result.problems.map((p) => p.field);
};

describe('programme settings', () => {
  it('has valid defaults taken from DESIGN', () => {
    expect(validateProgrammeSettings(DEFAULT_PROGRAMME_SETTINGS)).toEqual([]);
    expect(DEFAULT_PROGRAMME_SETTINGS.checkIns.gracePeriodMs).toBe(3 * 24 * 3600 * 1000);
    expect(DEFAULT_PROGRAMME_SETTINGS.checkIns.cadenceMs.sharing.doing_with).toBe(14 * 24 * 3600 * 1000);
    expect(DEFAULT_PROGRAMME_SETTINGS.checkIns.cadenceMs.seeking.doing_with).toBe(28 * 24 * 3600 * 1000);
    expect(DEFAULT_PROGRAMME_SETTINGS.safeguarding.triageSlaHours.high).toBe(24);
    expect(DEFAULT_PROGRAMME_SETTINGS.deIdentification.suppressionThreshold).toBe(5);
    expect(DEFAULT_PROGRAMME_SETTINGS.matching.maxConcurrentLinkUpsCap).toBe(3);
  });

  it.each([
    [
      'a weight',
      { matching: { weights: { interests: 4 } } },
      (s: typeof DEFAULT_PROGRAMME_SETTINGS) => s.matching.weights.interests,
      4,
    ],
    [
      'the threshold',
      { deIdentification: { suppressionThreshold: 10 } },
      (s: typeof DEFAULT_PROGRAMME_SETTINGS) => s.deIdentification.suppressionThreshold,
      10,
    ],
    [
      'no travel limit',
      { matching: { maxTravelKm: null } },
      (s: typeof DEFAULT_PROGRAMME_SETTINGS) => s.matching.maxTravelKm,
      null,
    ],
    [
      'an SLA',
      { safeguarding: { triageSlaHours: { low: 72 } } },
      (s: typeof DEFAULT_PROGRAMME_SETTINGS) => s.safeguarding.triageSlaHours.low,
      72,
    ],
  ])('merges a partial change to %s and keeps the rest', (_name, patch, read, expected) => {
    const result = applySettingsPatch(DEFAULT_PROGRAMME_SETTINGS, patch);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(read(result.settings)).toBe(expected);
    expect(result.settings.matching.weights.distance).toBe(
      DEFAULT_PROGRAMME_SETTINGS.matching.weights.distance,
    );
    expect(result.settings.vocabularies).toEqual(DEFAULT_PROGRAMME_SETTINGS.vocabularies);
  });

  it('replaces a vocabulary as a whole list', () => {
    const result = applySettingsPatch(DEFAULT_PROGRAMME_SETTINGS, {
      vocabularies: {
        languages: [
          { key: 'english', label: 'English' },
          { key: 'kaurna', label: 'Kaurna' },
        ],
      },
    });
    expect(result.ok && result.settings.vocabularies.languages.map((t) => t.key)).toEqual([
      'english',
      'kaurna',
    ]);
  });

  it.each([
    ['an unknown section', { colours: { primary: 'red' } }, ['colours']],
    ['an unknown field', { matching: { bonus: 1 } }, ['matching.bonus']],
    ['a negative weight', { matching: { weights: { interests: -1 } } }, ['matching.weights.interests']],
    ['a weight as text', { matching: { weights: { interests: '2' } } }, ['matching.weights.interests']],
    ['an object replaced by a number', { checkIns: { cadenceMs: 5 } }, ['checkIns.cadenceMs']],
    [
      'a zero threshold',
      { deIdentification: { suppressionThreshold: 0 } },
      ['deIdentification.suppressionThreshold'],
    ],
    ['a fractional grace period', { checkIns: { gracePeriodMs: 1.5 } }, ['checkIns.gracePeriodMs']],
    [
      'an unknown guard',
      { stageGuards: { guards: { doing_with: ['NOPE'] } } },
      ['stageGuards.guards.doing_with'],
    ],
    ['a zero SLA', { safeguarding: { triageSlaHours: { high: 0 } } }, ['safeguarding.triageSlaHours.high']],
    ['a zero caseload', { caseload: { seekingFamiliesPerCoach: 0 } }, ['caseload.seekingFamiliesPerCoach']],
    [
      'a duplicate vocabulary key',
      {
        vocabularies: {
          interests: [
            { key: 'music', label: 'Music' },
            { key: 'music', label: 'Songs' },
          ],
        },
      },
      ['vocabularies.interests.1.key'],
    ],
    [
      'a badly formed key',
      { vocabularies: { interests: [{ key: 'Big Music', label: 'x' }] } },
      ['vocabularies.interests.0.key'],
    ],
    ['an empty vocabulary', { vocabularies: { languages: [] } }, ['vocabularies.languages']],
    [
      'a vocabulary that is not a list',
      { vocabularies: { languages: 'english' } },
      ['vocabularies.languages'],
    ],
    [
      'a mapping to an unknown strength',
      { matching: { goalThemeStrengths: { routines: ['juggling'] } } },
      ['matching.goalThemeStrengths.routines'],
    ],
    ['a patch that is not an object', 42, ['']],
  ])('refuses %s and names the field', (_name, patch, fields) => {
    expect(fieldsOf(patch)).toEqual(fields);
  });

  it.each([
    ['a capacity cap above 3', { matching: { maxConcurrentLinkUpsCap: 1e20 } }],
    ['a weight that would overflow scores', { matching: { weights: { interests: 1e308 } } }],
    ['an absurd suggestion limit', { matching: { suggestionLimit: 1e308 } }],
    ['an absurd suppression threshold', { deIdentification: { suppressionThreshold: 1e308 } }],
    ['an absurd guard minimum', { stageGuards: { minimumSmallWins: 1e20 } }],
    [
      'completion without the safeguarding guard',
      { stageGuards: { guards: { completed: ['CLOSURE_REASON_GIVEN'] } } },
    ],
  ])('refuses %s', (_name, patch) => {
    expect(fieldsOf(patch).length).toBeGreaterThan(0);
  });

  it('refuses removing a goal theme that a mapping still names', () => {
    const themes = DEFAULT_PROGRAMME_SETTINGS.vocabularies.goalThemes.filter((t) => t.key !== 'housing');
    expect(fieldsOf({ vocabularies: { goalThemes: themes } })).toEqual([
      'matching.goalThemeStrengths.housing',
    ]);
  });

  it('merges a partial mapping into the existing one, and removes a theme’s mapping set to null', () => {
    const base = DEFAULT_PROGRAMME_SETTINGS.matching.goalThemeStrengths;
    const [first, second] = Object.keys(base);
    const result = applySettingsPatch(DEFAULT_PROGRAMME_SETTINGS, {
      matching: { goalThemeStrengths: { [first]: [...base[second]], [second]: null } },
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const merged = result.settings.matching.goalThemeStrengths;
    expect(merged[first]).toEqual(base[second]);
    expect(merged).not.toHaveProperty(second);
    expect(Object.keys(merged)).toHaveLength(Object.keys(base).length - 1);
  });

  it('keeps a "__proto__" key as data, never as the prototype', () => {
    const result = applySettingsPatch(
      DEFAULT_PROGRAMME_SETTINGS,
      JSON.parse('{"matching":{"goalThemeStrengths":{"__proto__":["x"]}}}'),
    );
    expect(result.ok).toBe(false);
    expect(Object.getPrototypeOf(DEFAULT_PROGRAMME_SETTINGS.matching.goalThemeStrengths)).toBe(
      Object.prototype,
    );
  });

  it('reads a stored document with new defaults underneath and drops unknown stored fields', () => {
    const stored = { matching: { weights: { interests: 5 } }, retired: true };
    const settings = withDefaults(stored);
    expect(settings.matching.weights.interests).toBe(5);
    expect(settings.matching.weights.distance).toBe(2);
    expect(settings.caseload).toEqual(DEFAULT_PROGRAMME_SETTINGS.caseload);
    expect(settings).not.toHaveProperty('retired');
  });
});
