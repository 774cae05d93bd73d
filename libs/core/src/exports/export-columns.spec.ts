import { DEFAULT_PROGRAMME_SETTINGS } from '@app/domain';
import {
  defuseFormula,
  definitionProblems,
  dictionaryTable,
  exportRecord,
  fieldProblems,
  formatExportValue,
  type ExportColumn,
} from './export-columns';
import { EXPORT_TABLES } from './export-registry';

const settings = DEFAULT_PROGRAMME_SETTINGS;

describe('export columns', () => {
  it.each(EXPORT_TABLES.map((table) => [table.file, table] as const))(
    '%s is well defined',
    (_file, table) => {
      expect(definitionProblems(table)).toEqual([]);
      const dictionary = dictionaryTable(table, settings);
      expect(dictionary.columns.map((c) => c.name)).toEqual(table.columns.map((c) => c.name));
      for (const column of dictionary.columns) {
        if (column.type === 'code' || column.type === 'code_list')
          expect(column.allowedValues?.length).toBeGreaterThan(0);
        expect(column.nullable).toBe(column.emptyMeans !== null);
      }
    },
  );

  it('resolves allowed values from the settings (goal themes)', () => {
    const goals = EXPORT_TABLES.find((t) => t.file === 'goals.csv');
    const theme = dictionaryTable(goals!, settings).columns.find((c) => c.name === 'theme');
    expect(theme?.allowedValues).toEqual(settings.vocabularies.goalThemes.map((t) => t.key));
  });

  it('formats values: empty for null, lists joined by ";", booleans as words', () => {
    expect(formatExportValue(null)).toBe('');
    expect(formatExportValue(['25-34', '35-44'])).toBe('25-34;35-44');
    expect(formatExportValue(false)).toBe('false');
    expect(formatExportValue(2.5)).toBe('2.5');
    expect(() => formatExportValue(Number.NaN)).toThrow(RangeError);
  });

  it('defuses spreadsheet formulas in text columns only', () => {
    expect(defuseFormula('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")');
    expect(defuseFormula('+1')).toBe("'+1");
    expect(defuseFormula('Northern Adelaide')).toBe('Northern Adelaide');
    const text: ExportColumn<{ v: string }> = {
      name: 'site',
      type: 'text',
      description: 'a site name',
      value: (r) => r.v,
    };
    const code: ExportColumn<{ v: string }> = {
      name: 'rating',
      type: 'code',
      allowedValues: ['-1'],
      description: 'a rating code',
      value: (r) => r.v,
    };
    expect(exportRecord([text], { v: '@SUM(A1)' })).toEqual(["'@SUM(A1)"]);
    expect(exportRecord([code], { v: '-1' })).toEqual(['-1']);
  });

  it('reports values that do not match their column', () => {
    const column: ExportColumn<unknown> = {
      name: 'status',
      type: 'code',
      allowedValues: ['active'],
      description: 'the status',
      value: () => null,
    };
    expect(fieldProblems(column, 'active', settings)).toEqual([]);
    expect(fieldProblems(column, 'gone', settings)).toEqual(['status: gone is not an allowed value']);
    expect(fieldProblems(column, '', settings)).toEqual(['status must not be empty']);
    const month: ExportColumn<unknown> = {
      name: 'm',
      type: 'month',
      description: 'a month value',
      value: () => null,
    };
    expect(fieldProblems(month, '2025-13', settings)).toHaveLength(1);
  });
});
