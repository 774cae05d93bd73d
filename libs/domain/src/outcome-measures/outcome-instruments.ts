/**
 * Outcome measures (DESIGN §3): the instruments a programme records, their timepoints and the range
 * a score must fall in. Built-in instruments are fixed; a programme adds its own through the
 * `outcomeMeasures.customInstruments` settings, each with its declared range.
 */

export const OUTCOME_TIMEPOINTS = ['baseline', 'review', 'exit', 'follow_up'] as const;
export type OutcomeTimepoint = (typeof OUTCOME_TIMEPOINTS)[number];

/** Who gave the answers: the family on its own, the coach (observed), or both together. */
export const OUTCOME_ASSESSORS = ['family', 'coach', 'joint'] as const;
export type OutcomeAssessor = (typeof OUTCOME_ASSESSORS)[number];

/** Why a measure was not taken (coded: exports and reports never carry free text). */
export const OUTCOME_DECLINE_REASONS = [
  'family_declined',
  'not_appropriate_now',
  'could_not_contact',
  'language_or_literacy',
  'other',
] as const;
export type OutcomeDeclineReason = (typeof OUTCOME_DECLINE_REASONS)[number];

export const BUILT_IN_INSTRUMENT_KEYS = [
  'K10',
  'PWI',
  'PSOC',
  'DEX_CIRCUMSTANCES',
  'DEX_GOALS',
  'DEX_SATISFACTION',
  'GAS_SUMMARY',
] as const;
export type BuiltInInstrumentKey = (typeof BUILT_IN_INSTRUMENT_KEYS)[number];

export interface InstrumentDefinition {
  readonly key: string;
  readonly label: string;
  readonly min: number;
  readonly max: number;
  /** Whole numbers only (a sum of item scores); otherwise any number in range (a mean or an index). */
  readonly integer: boolean;
  readonly builtIn: boolean;
}

const builtIn = (
  key: BuiltInInstrumentKey,
  label: string,
  min: number,
  max: number,
  integer: boolean,
): InstrumentDefinition => Object.freeze({ key, label, min, max, integer, builtIn: true });

/** The built-in instruments and their valid ranges. */
export const BUILT_IN_INSTRUMENTS: Readonly<Record<BuiltInInstrumentKey, InstrumentDefinition>> =
  Object.freeze({
    K10: builtIn('K10', 'Kessler Psychological Distress Scale (K10), total', 10, 50, true),
    PWI: builtIn('PWI', 'Personal Wellbeing Index, 0–100', 0, 100, false),
    PSOC: builtIn('PSOC', 'Parenting Sense of Competence, total of 17 items', 17, 102, true),
    DEX_CIRCUMSTANCES: builtIn('DEX_CIRCUMSTANCES', 'DEX SCORE: circumstances (1–5)', 1, 5, true),
    DEX_GOALS: builtIn('DEX_GOALS', 'DEX SCORE: goals (1–5)', 1, 5, true),
    DEX_SATISFACTION: builtIn('DEX_SATISFACTION', 'DEX SCORE: satisfaction (1–5)', 1, 5, true),
    GAS_SUMMARY: builtIn('GAS_SUMMARY', 'Goal Attainment Scaling summary (−2 to +2)', -2, 2, false),
  });

/** A programme's own instrument, declared in the settings. */
export interface CustomInstrument {
  /** UPPER_SNAKE_CASE, 2–40 characters, not a built-in key. */
  readonly key: string;
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
}

export interface OutcomeMeasureSettings {
  readonly customInstruments: readonly CustomInstrument[];
}

export const DEFAULT_OUTCOME_MEASURE_SETTINGS: OutcomeMeasureSettings = Object.freeze({
  customInstruments: Object.freeze([]),
});

const KEY_SHAPE = /^[A-Z][A-Z0-9_]{1,39}$/;

function isBuiltInKey(key: string): key is BuiltInInstrumentKey {
  return (BUILT_IN_INSTRUMENT_KEYS as readonly string[]).includes(key);
}

/** The definition of `key`, built-in or custom; null for an unknown instrument. */
export function resolveInstrument(
  key: string,
  settings: OutcomeMeasureSettings,
): InstrumentDefinition | null {
  if (isBuiltInKey(key)) return BUILT_IN_INSTRUMENTS[key];
  const custom = settings.customInstruments.find((instrument) => instrument.key === key);
  return custom === undefined ? null : { ...custom, builtIn: false };
}

/** Every instrument a programme can record, built-in first. */
export function listInstruments(settings: OutcomeMeasureSettings): InstrumentDefinition[] {
  return [
    ...BUILT_IN_INSTRUMENT_KEYS.map((key) => BUILT_IN_INSTRUMENTS[key]),
    ...settings.customInstruments.map((instrument) => ({ ...instrument, builtIn: false })),
  ];
}

/** What is wrong with `score` for `instrument` in plain language; null when it is valid. */
export function scoreProblem(instrument: InstrumentDefinition, score: number): string | null {
  if (typeof score !== 'number' || !Number.isFinite(score)) return 'score must be a number';
  if (score < instrument.min || score > instrument.max) {
    return `score must be between ${instrument.min} and ${instrument.max} for ${instrument.key}`;
  }
  if (instrument.integer && !Number.isInteger(score)) {
    return `score must be a whole number for ${instrument.key}`;
  }
  return null;
}

/** Every problem with the settings section, each message starting with the field's path. */
export function validateOutcomeMeasureSettings(settings: OutcomeMeasureSettings): string[] {
  const list: unknown = settings?.customInstruments;
  if (!Array.isArray(list)) return ['customInstruments must be a list of instruments'];
  const problems: string[] = [];
  const seen = new Set<string>();
  list.forEach((item: unknown, index) => {
    const at = `customInstruments.${index}`;
    const instrument = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    const { key, label, min, max, integer } = instrument;
    if (typeof key !== 'string' || !KEY_SHAPE.test(key)) {
      problems.push(`${at}.key must be UPPER_SNAKE_CASE (A-Z, 0-9, _), 2 to 40 characters`);
    } else if (isBuiltInKey(key)) {
      problems.push(`${at}.key ${key} is a built-in instrument`);
    } else if (seen.has(key)) {
      problems.push(`${at}.key ${key} appears twice`);
    } else {
      seen.add(key);
    }
    if (typeof label !== 'string' || label.trim() === '' || label.length > 120) {
      problems.push(`${at}.label must be 1 to 120 characters`);
    }
    const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
    if (!finite(min)) problems.push(`${at}.min must be a number`);
    if (!finite(max)) problems.push(`${at}.max must be a number`);
    if (finite(min) && finite(max) && min >= max) problems.push(`${at}.max must be greater than min`);
    if (typeof integer !== 'boolean') problems.push(`${at}.integer must be true or false`);
    const extra = Object.keys(instrument).filter(
      (k) => !['key', 'label', 'min', 'max', 'integer'].includes(k),
    );
    if (extra.length > 0) problems.push(`${at} has unknown fields ${extra.join(', ')}`);
  });
  return problems;
}

export function isOutcomeTimepoint(value: unknown): value is OutcomeTimepoint {
  return typeof value === 'string' && (OUTCOME_TIMEPOINTS as readonly string[]).includes(value);
}
