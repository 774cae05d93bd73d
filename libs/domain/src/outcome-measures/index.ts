export {
  BUILT_IN_INSTRUMENT_KEYS,
  BUILT_IN_INSTRUMENTS,
  DEFAULT_OUTCOME_MEASURE_SETTINGS,
  OUTCOME_ASSESSORS,
  OUTCOME_DECLINE_REASONS,
  OUTCOME_TIMEPOINTS,
  isOutcomeTimepoint,
  listInstruments,
  resolveInstrument,
  scoreProblem,
  validateOutcomeMeasureSettings,
} from './outcome-instruments';
export type {
  BuiltInInstrumentKey,
  CustomInstrument,
  InstrumentDefinition,
  OutcomeAssessor,
  OutcomeDeclineReason,
  OutcomeMeasureSettings,
  OutcomeTimepoint,
} from './outcome-instruments';
