import {
  DEFAULT_PROGRAMME_SETTINGS,
  validateProgrammeSettings,
  type ProgrammeSettings,
  type SettingsProblem,
} from './programme-settings';

/**
 * Objects whose keys are data (goal themes), not field names: any key may be added or replaced,
 * keys not in the patch are kept, and a key set to `null` is removed.
 */
const OPEN_MAPS = new Set(['matching.goalThemeStrengths']);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export type SettingsPatchResult =
  | { readonly ok: true; readonly settings: ProgrammeSettings }
  | { readonly ok: false; readonly problems: readonly SettingsProblem[] };

/**
 * Merges `patch` into `base` field by field: objects merge recursively, lists and single values
 * replace. Fields the document does not have and values of the wrong shape are problems.
 */
function merge(base: unknown, patch: unknown, path: string, problems: SettingsProblem[]): unknown {
  if (isPlainObject(base)) {
    if (!isPlainObject(patch)) {
      problems.push({ field: path, problem: `${path} must be an object` });
      return base;
    }
    const open = OPEN_MAPS.has(path);
    const result: Record<string, unknown> = { ...base };
    if (open) {
      for (const [key, value] of Object.entries(patch)) {
        if (value === null) delete result[key];
        // Defined as an own property, so a `__proto__` key stays data and never a prototype.
        else
          Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
      }
    } else {
      for (const [key, value] of Object.entries(patch)) {
        const at = path === '' ? key : `${path}.${key}`;
        if (!Object.prototype.hasOwnProperty.call(base, key)) {
          problems.push({ field: at, problem: `${at} is not a programme setting` });
          continue;
        }
        result[key] = merge(base[key], value, at, problems);
      }
    }
    return result;
  }
  if (Array.isArray(base) && !Array.isArray(patch)) {
    problems.push({ field: path, problem: `${path} must be a list` });
    return base;
  }
  if (patch === undefined) return base;
  return patch;
}

/**
 * Applies a partial document to the current settings and validates the result as a whole, so a
 * change that is valid on its own but breaks another field (a goal theme removed while a mapping
 * still names it) is refused too.
 */
export function applySettingsPatch(current: ProgrammeSettings, patch: unknown): SettingsPatchResult {
  const problems: SettingsProblem[] = [];
  const merged = merge(current, patch, '', problems) as ProgrammeSettings;
  if (problems.length > 0) return { ok: false, problems };
  const invalid = validateProgrammeSettings(merged);
  return invalid.length > 0 ? { ok: false, problems: invalid } : { ok: true, settings: merged };
}

/**
 * A stored document read back with today's defaults underneath: a section or field added to the
 * settings after the document was saved takes its default. Unknown stored fields are dropped.
 */
export function withDefaults(stored: unknown): ProgrammeSettings {
  const fill = (base: unknown, value: unknown, path: string): unknown => {
    if (isPlainObject(base)) {
      if (!isPlainObject(value)) return base;
      if (OPEN_MAPS.has(path)) return value;
      const result: Record<string, unknown> = {};
      for (const key of Object.keys(base)) {
        result[key] = fill(base[key], value[key], path === '' ? key : `${path}.${key}`);
      }
      return result;
    }
    return value === undefined ? base : value;
  };
  return fill(DEFAULT_PROGRAMME_SETTINGS, stored, '') as ProgrammeSettings;
}
