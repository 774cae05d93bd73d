export { AGE_BANDS, ageBand, ageBandForAge, daysFrom, startMonth, weeksBetween } from './coarsening';
export type { AgeBand, DateInput } from './coarsening';
export { EVALUATION_CONSENT_KIND, hasEvaluationConsent } from './evaluation-consent';
export type { ConsentRecord } from './evaluation-consent';
export { median, reportableMedian } from './median';
export {
  MIN_PSEUDONYM_SECRET_BYTES,
  PSEUDONYM_LENGTH,
  PSEUDONYM_PATTERN,
  PSEUDONYM_PREFIXES,
  isPseudonym,
  pseudonymise,
} from './pseudonym';
export type { PseudonymKind } from './pseudonym';
export { DEFAULT_DE_IDENTIFICATION_SETTINGS, assertSuppressionThreshold } from './settings';
export type { DeIdentificationSettings } from './settings';
export { NOT_PUBLISHED, suppressCountList, suppressCountTable } from './suppression';
export type {
  CountList,
  CountTable,
  NotPublished,
  PublishedCount,
  PublishedCountList,
  PublishedCountTable,
} from './suppression';
export { pairedChange, tQuantile975 } from './paired-change';
export type { PairedChange } from './paired-change';
