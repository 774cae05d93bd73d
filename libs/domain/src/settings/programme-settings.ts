import {
  DEFAULT_CHECK_IN_CADENCE_SETTINGS,
  validateCheckInCadenceSettings,
  type CheckInCadenceSettings,
} from '../check-in-planning';
import {
  assertSuppressionThreshold,
  DEFAULT_DE_IDENTIFICATION_SETTINGS,
  type DeIdentificationSettings,
} from '../de-identification';
import {
  DEFAULT_STAGE_GUARD_SETTINGS,
  validateStageGuardSettings,
  type StageGuardSettings,
} from '../link-up-stages';
import { DEFAULT_MATCHING_SETTINGS, validateMatchingSettings, type MatchingSettings } from '../matching';
import {
  DEFAULT_OUTCOME_MEASURE_SETTINGS,
  validateOutcomeMeasureSettings,
  type OutcomeMeasureSettings,
} from '../outcome-measures';
import { DEFAULT_VOCABULARIES, type Vocabularies } from '../vocabulary';
import {
  DEFAULT_AFTER_LINK_UP_SETTINGS,
  validateAfterLinkUpSettings,
  type AfterLinkUpSettings,
} from '../family-lifecycle/after-link-up';
import { DEFAULT_FEEDBACK_SETTINGS, validateFeedbackSettings, type FeedbackSettings } from '../feedback';

/** Severities of a safeguarding concern (DESIGN §3), most urgent first. */
export const SAFEGUARDING_SEVERITIES = ['immediate_danger', 'high', 'medium', 'low'] as const;
export type SafeguardingSeverity = (typeof SAFEGUARDING_SEVERITIES)[number];

/** Safeguarding SLAs (DESIGN §4.4): every concern is triaged within its severity's hours. */
export interface SafeguardingSettings {
  readonly triageSlaHours: Readonly<Record<SafeguardingSeverity, number>>;
}

/**
 * Caseload capacities (DESIGN §1): how many families a coach carries in a year. They inform
 * planning and warnings; a Sharing family's own capacity is `matching.defaultMaxConcurrentLinkUps`
 * and `matching.maxConcurrentLinkUpsCap`.
 */
export interface CaseloadSettings {
  readonly sharingFamiliesPerCoach: number;
  readonly seekingFamiliesPerCoach: number;
}

/**
 * Everything DESIGN calls configurable, in one versioned document. Each section is the settings
 * type of the rule that reads it, so a feature passes `settings.matching` (say) straight to its rule.
 */
export interface ProgrammeSettings {
  readonly checkIns: CheckInCadenceSettings;
  readonly stageGuards: StageGuardSettings;
  readonly matching: MatchingSettings;
  readonly deIdentification: DeIdentificationSettings;
  readonly safeguarding: SafeguardingSettings;
  readonly caseload: CaseloadSettings;
  readonly vocabularies: Vocabularies;
  /** Custom outcome instruments with their declared ranges (built-in ones are fixed). */
  readonly outcomeMeasures: OutcomeMeasureSettings;
  /** What a closed link-up does to its Seeking family, and which endings exclude the pair. */
  readonly afterLinkUp: AfterLinkUpSettings;
  /** The three viewpoints: check-in period length and alert thresholds. */
  readonly feedback: FeedbackSettings;
}

export const DEFAULT_SAFEGUARDING_SETTINGS: SafeguardingSettings = Object.freeze({
  triageSlaHours: Object.freeze({ immediate_danger: 24, high: 24, medium: 24, low: 24 }),
});

export const DEFAULT_CASELOAD_SETTINGS: CaseloadSettings = Object.freeze({
  sharingFamiliesPerCoach: 15,
  seekingFamiliesPerCoach: 40,
});

/** DESIGN's defaults, composed from each rule's own defaults. */
export const DEFAULT_PROGRAMME_SETTINGS: ProgrammeSettings = Object.freeze({
  checkIns: DEFAULT_CHECK_IN_CADENCE_SETTINGS,
  stageGuards: DEFAULT_STAGE_GUARD_SETTINGS,
  matching: DEFAULT_MATCHING_SETTINGS,
  deIdentification: DEFAULT_DE_IDENTIFICATION_SETTINGS,
  safeguarding: DEFAULT_SAFEGUARDING_SETTINGS,
  caseload: DEFAULT_CASELOAD_SETTINGS,
  vocabularies: DEFAULT_VOCABULARIES,
  outcomeMeasures: DEFAULT_OUTCOME_MEASURE_SETTINGS,
  afterLinkUp: DEFAULT_AFTER_LINK_UP_SETTINGS,
  feedback: DEFAULT_FEEDBACK_SETTINGS,
});

/** The vocabularies a programme can replace; each is a list of `{ key, label }` terms. */
export const VOCABULARY_NAMES = [
  'languages',
  'goalThemes',
  'strengths',
  'interests',
  'lifeExperiences',
  'availabilitySlots',
  'ageBands',
  'householdTraits',
] as const satisfies readonly (keyof Vocabularies)[];

/** One problem with a settings document: the dotted path of the field, and what is wrong. */
export interface SettingsProblem {
  readonly field: string;
  readonly problem: string;
}

/** The domain validators start each message with the field's path; this lifts it out. */
function fromMessages(section: string, messages: readonly string[]): SettingsProblem[] {
  return messages.map((message) => {
    const path = /^[A-Za-z0-9_.]+/.exec(message)?.[0] ?? '';
    return { field: path === '' ? section : `${section}.${path}`, problem: message };
  });
}

const KEY_SHAPE = /^[a-z0-9]+(?:_[a-z0-9]+)*$/;

function vocabularyProblems(vocabularies: Vocabularies): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  for (const name of VOCABULARY_NAMES) {
    const field = `vocabularies.${name}`;
    const terms: unknown = vocabularies[name];
    if (!Array.isArray(terms)) {
      problems.push({ field, problem: `${name} must be a list of { key, label } terms` });
      continue;
    }
    if (terms.length === 0) problems.push({ field, problem: `${name} needs at least one term` });
    const seen = new Set<string>();
    terms.forEach((term: unknown, index) => {
      const at = `${field}.${index}`;
      const { key, label } = (typeof term === 'object' && term !== null ? term : {}) as {
        key?: unknown;
        label?: unknown;
      };
      if (typeof key !== 'string' || !KEY_SHAPE.test(key) || key.length > 64) {
        problems.push({
          field: `${at}.key`,
          problem: 'key must be snake_case (a-z, 0-9, _), at most 64 characters',
        });
      } else if (seen.has(key)) {
        problems.push({ field: `${at}.key`, problem: `key ${key} appears twice in ${name}` });
      } else {
        seen.add(key);
      }
      if (typeof label !== 'string' || label.trim() === '' || label.length > 120) {
        problems.push({ field: `${at}.label`, problem: 'label must be 1 to 120 characters' });
      }
      const extra = Object.keys(term ?? {}).filter((k) => k !== 'key' && k !== 'label');
      if (extra.length > 0) problems.push({ field: at, problem: `unknown fields ${extra.join(', ')}` });
    });
  }
  return problems;
}

function goalThemeStrengthProblems(settings: ProgrammeSettings): SettingsProblem[] {
  const map: unknown = settings.matching.goalThemeStrengths;
  const field = 'matching.goalThemeStrengths';
  if (typeof map !== 'object' || map === null || Array.isArray(map)) {
    return [{ field, problem: 'goalThemeStrengths must map goal themes to lists of strengths' }];
  }
  const themes = new Set(settings.vocabularies.goalThemes.map((t) => t.key));
  const strengths = new Set(settings.vocabularies.strengths.map((t) => t.key));
  const problems: SettingsProblem[] = [];
  for (const [theme, list] of Object.entries(map as Record<string, unknown>)) {
    if (!themes.has(theme))
      problems.push({ field: `${field}.${theme}`, problem: `${theme} is not a goal theme` });
    if (!Array.isArray(list) || list.some((s) => typeof s !== 'string' || !strengths.has(s))) {
      problems.push({ field: `${field}.${theme}`, problem: 'must be a list of known strengths' });
    }
  }
  return problems;
}

const isWholeAtLeast = (value: unknown, min: number): boolean =>
  typeof value === 'number' && Number.isInteger(value) && value >= min;

/** Every problem with a whole settings document; empty when it is valid. */
export function validateProgrammeSettings(settings: ProgrammeSettings): SettingsProblem[] {
  const problems: SettingsProblem[] = [
    ...fromMessages('checkIns', validateCheckInCadenceSettings(settings.checkIns)),
    ...fromMessages('stageGuards', validateStageGuardSettings(settings.stageGuards)),
    ...fromMessages('matching', validateMatchingSettings(settings.matching)),
    ...fromMessages('outcomeMeasures', validateOutcomeMeasureSettings(settings.outcomeMeasures)),
    ...fromMessages('afterLinkUp', validateAfterLinkUpSettings(settings.afterLinkUp)),
    ...fromMessages('feedback', validateFeedbackSettings(settings.feedback)),
  ];
  try {
    assertSuppressionThreshold(settings.deIdentification.suppressionThreshold);
    if (settings.deIdentification.suppressionThreshold > 100) throw new RangeError('too large');
  } catch {
    problems.push({
      field: 'deIdentification.suppressionThreshold',
      problem: 'suppressionThreshold must be a whole number from 1 to 100',
    });
  }
  for (const severity of SAFEGUARDING_SEVERITIES) {
    const hours = settings.safeguarding.triageSlaHours[severity];
    if (!isWholeAtLeast(hours, 1) || hours > 24 * 30) {
      problems.push({
        field: `safeguarding.triageSlaHours.${severity}`,
        problem: 'must be a whole number of hours from 1 to 720',
      });
    }
  }
  for (const key of ['sharingFamiliesPerCoach', 'seekingFamiliesPerCoach'] as const) {
    if (!isWholeAtLeast(settings.caseload[key], 1)) {
      problems.push({ field: `caseload.${key}`, problem: `${key} must be a whole number of at least 1` });
    }
  }
  problems.push(...vocabularyProblems(settings.vocabularies));
  if (problems.length === 0) problems.push(...goalThemeStrengthProblems(settings));
  return problems;
}
