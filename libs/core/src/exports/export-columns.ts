import type { ProgrammeSettings } from '@app/domain';

/**
 * One definition per exported column (DESIGN §4.5): its name, type, meaning, allowed values and
 * how its value is computed. The CSV header, every CSV value and the data dictionary are all made
 * from these definitions, so the file and its documentation cannot disagree.
 */

/** What a column holds, as the data dictionary names it. */
export const EXPORT_COLUMN_TYPES = [
  'pseudonym',
  'code',
  'code_list',
  'text',
  'integer',
  'decimal',
  'month',
  'boolean',
] as const;
export type ExportColumnType = (typeof EXPORT_COLUMN_TYPES)[number];

/**
 * The values a code column may hold: a fixed list, or one read from the programme settings (goal
 * themes, custom instruments), resolved when the dictionary is made or a value is checked.
 */
export type AllowedValues = readonly string[] | ((settings: ProgrammeSettings) => readonly string[]);

/** A value before it is written: null is an empty field. */
export type ExportValue = string | number | boolean | readonly string[] | null;

export interface ExportColumn<Row> {
  /** CSV header: snake_case, unique within its file. */
  readonly name: string;
  readonly type: ExportColumnType;
  /** What the value means, for the person analysing the file. */
  readonly description: string;
  /** For `code` and `code_list`: every value that may appear. */
  readonly allowedValues?: AllowedValues;
  /** For numbers: what they count or measure (`weeks`, `days`, `count`). */
  readonly unit?: string;
  /** For `pseudonym`: the prefix its ids carry (`F`, `L`, ...). */
  readonly pseudonymPrefix?: string;
  /** When the field may be empty, what an empty field means; absent = never empty. */
  readonly emptyMeans?: string;
  readonly value: (row: Row) => ExportValue;
}

/** One record-level export: the file, what a row is, and its columns in order. */
export interface ExportTable<Row> {
  readonly file: string;
  readonly description: string;
  /** What one row stands for. */
  readonly rowIs: string;
  readonly columns: readonly ExportColumn<Row>[];
}

/** Separator of `code_list` values inside one field. */
export const CODE_LIST_SEPARATOR = ';';

/** The text of one field, as the CSV writes it (RFC 4180 quoting is the CSV library's). */
export function formatExportValue(value: ExportValue): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError('exports hold finite numbers only');
    return String(value);
  }
  return value.join(CODE_LIST_SEPARATOR);
}

/** The CSV record of a row: one string per column, in column order. */
export function exportRecord<Row>(columns: readonly ExportColumn<Row>[], row: Row): string[] {
  const record = new Array<string>(columns.length);
  for (let i = 0; i < columns.length; i += 1) {
    const text = formatExportValue(columns[i].value(row));
    record[i] = columns[i].type === 'text' ? defuseFormula(text) : text;
  }
  return record;
}

/**
 * Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab or carriage return
 * first) gets a leading apostrophe, the usual defence against CSV injection. Only `text` columns
 * need it: the other types are codes, pseudonyms and numbers.
 */
export function defuseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const NAME_SHAPE = /^[a-z][a-z0-9_]*$/;
const PATTERNS: Partial<Record<ExportColumnType, RegExp>> = {
  integer: /^-?\d+$/,
  decimal: /^-?\d+(\.\d+)?$/,
  month: /^\d{4}-(0[1-9]|1[0-2])$/,
  boolean: /^(true|false)$/,
};

/**
 * Problems of a field's text against its column's declaration (empty when it conforms): the tests
 * run every exported value through this, so a column cannot drift from its documentation.
 */
export function fieldProblems<Row>(
  column: ExportColumn<Row>,
  text: string,
  settings: ProgrammeSettings,
): string[] {
  if (text === '') return column.emptyMeans === undefined ? [`${column.name} must not be empty`] : [];
  const pattern = PATTERNS[column.type];
  if (pattern !== undefined && !pattern.test(text))
    return [`${column.name}: ${text} is not a ${column.type}`];
  if (
    column.type === 'pseudonym' &&
    !new RegExp(`^${column.pseudonymPrefix ?? '?'}-[0-9A-Z]{16}$`).test(text)
  )
    return [`${column.name}: ${text} is not a pseudonym`];
  const allowed = resolveAllowedValues(column.allowedValues, settings);
  if (column.type === 'code' && allowed !== undefined && !allowed.includes(text))
    return [`${column.name}: ${text} is not an allowed value`];
  if (column.type === 'code_list' && allowed !== undefined) {
    const unknown = text.split(CODE_LIST_SEPARATOR).filter((item) => !allowed.includes(item));
    if (unknown.length > 0) return [`${column.name}: ${unknown.join(', ')} not allowed`];
  }
  return [];
}

/** Definition errors (duplicate or badly shaped names, codes without values): checked at start. */
export function definitionProblems<Row>(table: ExportTable<Row>): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const column of table.columns) {
    if (!NAME_SHAPE.test(column.name)) problems.push(`${table.file}: bad column name ${column.name}`);
    if (seen.has(column.name)) problems.push(`${table.file}: ${column.name} appears twice`);
    seen.add(column.name);
    if ((column.type === 'code' || column.type === 'code_list') && column.allowedValues === undefined)
      problems.push(`${table.file}: ${column.name} is a code without allowed values`);
    if (column.type === 'pseudonym' && column.pseudonymPrefix === undefined)
      problems.push(`${table.file}: ${column.name} is a pseudonym without a prefix`);
    if (column.description.trim().length < 10)
      problems.push(`${table.file}: ${column.name} needs a description`);
  }
  return problems;
}

/** One column as the data dictionary shows it. */
export interface DataDictionaryColumn {
  readonly name: string;
  readonly type: ExportColumnType;
  readonly description: string;
  readonly allowedValues: readonly string[] | null;
  readonly unit: string | null;
  readonly pseudonymPrefix: string | null;
  readonly nullable: boolean;
  readonly emptyMeans: string | null;
}

export interface DataDictionaryTable {
  readonly file: string;
  readonly description: string;
  readonly rowIs: string;
  readonly columns: readonly DataDictionaryColumn[];
}

export function resolveAllowedValues(
  allowed: AllowedValues | undefined,
  settings: ProgrammeSettings,
): readonly string[] | undefined {
  return typeof allowed === 'function' ? allowed(settings) : allowed;
}

export function dictionaryTable<Row>(
  table: ExportTable<Row>,
  settings: ProgrammeSettings,
): DataDictionaryTable {
  return {
    file: table.file,
    description: table.description,
    rowIs: table.rowIs,
    columns: table.columns.map((column) => ({
      name: column.name,
      type: column.type,
      description: column.description,
      allowedValues:
        column.allowedValues === undefined
          ? null
          : [...(resolveAllowedValues(column.allowedValues, settings) ?? [])],
      unit: column.unit ?? null,
      pseudonymPrefix: column.pseudonymPrefix ?? null,
      nullable: column.emptyMeans !== undefined,
      emptyMeans: column.emptyMeans ?? null,
    })),
  };
}
