export {
  DEFAULT_CASELOAD_SETTINGS,
  DEFAULT_PROGRAMME_SETTINGS,
  DEFAULT_SAFEGUARDING_SETTINGS,
  SAFEGUARDING_SEVERITIES,
  VOCABULARY_NAMES,
  validateProgrammeSettings,
} from './programme-settings';
export type {
  CaseloadSettings,
  ProgrammeSettings,
  SafeguardingSettings,
  SafeguardingSeverity,
  SettingsProblem,
} from './programme-settings';
export { applySettingsPatch, withDefaults } from './settings-patch';
export type { SettingsPatchResult } from './settings-patch';
