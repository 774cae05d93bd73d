import { api, unwrap } from '../api/client';
import { useLoad, type Option } from './ui';

/** GET /api/settings answers the programme settings document (not typed in the OpenAPI document). */
export interface SettingsAnswer {
  readonly version: number;
  readonly updatedAt: string;
  readonly settings: {
    readonly vocabularies: Record<string, readonly { key: string; label: string }[]>;
    readonly matching: { weights: Record<string, number>; maxTravelKm: number; plannedLinkUpWeeks: number };
    readonly deIdentification: { suppressionThreshold: number };
    readonly checkIns: { gracePeriodMs: number };
  } & Record<string, unknown>;
}

export async function loadSettings(): Promise<SettingsAnswer> {
  return (await unwrap(api.GET('/api/settings'))) as unknown as SettingsAnswer;
}

/** The programme's vocabularies (languages, goal themes…) as form options; staff only. */
export function useVocabularies() {
  return useLoad(async () => {
    const answer = await loadSettings();
    const options: Record<string, Option[]> = {};
    for (const [name, entries] of Object.entries(answer.settings.vocabularies)) {
      options[name] = entries.map((e) => ({ value: e.key, label: e.label }));
    }
    return options;
  }, []);
}

export function labelOf(options: readonly Option[] | undefined, key: string): string {
  return options?.find((o) => o.value === key)?.label ?? key.replace(/_/g, ' ');
}
