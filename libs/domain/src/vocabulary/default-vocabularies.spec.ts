import {
  DEFAULT_GOAL_THEME_STRENGTHS,
  DEFAULT_VOCABULARIES,
  createLabeller,
  humaniseKey,
  unknownVocabularyKeys,
  vocabularyKeys,
} from './default-vocabularies';

describe('default vocabularies', () => {
  it.each(Object.entries(DEFAULT_VOCABULARIES))(
    '%s has unique snake_case keys and labels',
    (_name, vocabulary) => {
      const keys = vocabularyKeys(vocabulary);
      expect(keys.length).toBeGreaterThan(3);
      expect(new Set(keys).size).toBe(keys.length);
      for (const term of vocabulary) {
        expect(term.key).toMatch(/^[a-z0-9_]+$/);
        expect(term.label.length).toBeGreaterThan(0);
      }
    },
  );

  it('maps every goal theme to known strengths', () => {
    expect(Object.keys(DEFAULT_GOAL_THEME_STRENGTHS).sort()).toEqual(
      vocabularyKeys(DEFAULT_VOCABULARIES.goalThemes).sort(),
    );
    for (const strengths of Object.values(DEFAULT_GOAL_THEME_STRENGTHS)) {
      expect(strengths.length).toBeGreaterThan(0);
      expect(unknownVocabularyKeys(DEFAULT_VOCABULARIES.strengths, strengths)).toEqual([]);
    }
  });

  it.each([
    ['arabic', 'Arabic'],
    ['not_in_the_list', 'Not in the list'],
  ])('labels %s as %s', (key, label) => {
    expect(createLabeller(DEFAULT_VOCABULARIES.languages)(key)).toBe(label);
  });

  it('humanises keys', () => {
    expect(humaniseKey('school-holidays_fun')).toBe('School holidays fun');
  });
});
