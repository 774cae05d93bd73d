import { DEFAULT_GOAL_THEME_STRENGTHS } from '../vocabulary';
import { MATCH_FACTOR_KEYS, type MatchFactorKey, type MatchingSettings } from './matching.types';

export const DEFAULT_MATCHING_WEIGHTS: Readonly<Record<MatchFactorKey, number>> = Object.freeze({
  life_experiences: 3,
  strengths_goals: 3,
  children_ages: 2,
  interests: 1,
  distance: 2,
  availability: 2,
  current_load: 1,
});

/**
 * A link-up's planned length when the choice does not give one (weeks). The decision's
 * eligibility re-check and the link-up it creates both use it (LinkUpsService.startLinkUp's default
 * is the same 20 weeks).
 */
export const DEFAULT_PLANNED_LINK_UP_WEEKS = 20;

export const DEFAULT_MATCHING_SETTINGS: MatchingSettings = Object.freeze({
  weights: DEFAULT_MATCHING_WEIGHTS,
  maxTravelKm: 25,
  distanceScaleKm: 40,
  plannedLinkUpWeeks: 30,
  cohortFairnessPerWeekWaiting: 0.01,
  cohortFairnessMaxWeeks: 26,
  suggestionLimit: 10,
  defaultMaxConcurrentLinkUps: 1,
  maxConcurrentLinkUpsCap: 3,
  goalThemeStrengths: DEFAULT_GOAL_THEME_STRENGTHS,
});

export type MatchingSettingsOverrides = Partial<Omit<MatchingSettings, 'weights'>> & {
  readonly weights?: Partial<Record<MatchFactorKey, number>>;
};

/** Programme overrides on top of the defaults (weights merged key by key). */
export function resolveMatchingSettings(overrides: MatchingSettingsOverrides = {}): MatchingSettings {
  return {
    ...DEFAULT_MATCHING_SETTINGS,
    ...overrides,
    weights: { ...DEFAULT_MATCHING_SETTINGS.weights, ...overrides.weights },
  };
}

const isNonNegative = (value: number): boolean => Number.isFinite(value) && value >= 0;

/** Every problem with a settings object, in plain words; empty when valid. */
export function validateMatchingSettings(settings: MatchingSettings): string[] {
  const problems: string[] = [];
  for (const key of MATCH_FACTOR_KEYS) {
    const weight = settings.weights[key];
    if (typeof weight !== 'number' || !isNonNegative(weight) || weight > 100) {
      problems.push(`weights.${key} must be a number from 0 to 100`);
    }
  }
  // Upper bounds keep scores finite and the settings to what the programme means (DESIGN §3: at most 3).
  if (
    settings.maxTravelKm !== null &&
    !(isNonNegative(settings.maxTravelKm) && settings.maxTravelKm > 0 && settings.maxTravelKm <= 1000)
  ) {
    problems.push('maxTravelKm must be from 0 (excluded) to 1000, or null');
  }
  if (!(
    isNonNegative(settings.distanceScaleKm) &&
    settings.distanceScaleKm > 0 &&
    settings.distanceScaleKm <= 1000
  )) {
    problems.push('distanceScaleKm must be from 0 (excluded) to 1000');
  }
  if (
    !Number.isInteger(settings.plannedLinkUpWeeks) ||
    settings.plannedLinkUpWeeks < 0 ||
    settings.plannedLinkUpWeeks > 104
  ) {
    problems.push('plannedLinkUpWeeks must be a whole number from 0 to 104');
  }
  if (!isNonNegative(settings.cohortFairnessPerWeekWaiting) || settings.cohortFairnessPerWeekWaiting > 1) {
    problems.push('cohortFairnessPerWeekWaiting must be from 0 to 1');
  }
  if (!isNonNegative(settings.cohortFairnessMaxWeeks) || settings.cohortFairnessMaxWeeks > 520) {
    problems.push('cohortFairnessMaxWeeks must be from 0 to 520');
  }
  if (
    !Number.isInteger(settings.suggestionLimit) ||
    settings.suggestionLimit < 1 ||
    settings.suggestionLimit > 100
  ) {
    problems.push('suggestionLimit must be a whole number from 1 to 100');
  }
  const cap = settings.maxConcurrentLinkUpsCap;
  if (!Number.isInteger(cap) || cap < 1 || cap > 3) {
    problems.push('maxConcurrentLinkUpsCap must be a whole number from 1 to 3');
  }
  const fallback = settings.defaultMaxConcurrentLinkUps;
  if (!Number.isInteger(fallback) || fallback < 1 || fallback > cap) {
    problems.push('defaultMaxConcurrentLinkUps must be a whole number from 1 to maxConcurrentLinkUpsCap');
  }
  return problems;
}
