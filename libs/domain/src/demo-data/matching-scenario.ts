import {
  demoFamilyToMatchCandidate,
  demoFamilyToMatchSeeker,
  generateDemoFamilies,
} from './demo-family-generator';
import type { MatchCandidate, MatchContext, MatchSeeker } from '../matching';

export interface MatchingBenchmarkScenario {
  readonly seekers: readonly MatchSeeker[];
  readonly candidates: readonly MatchCandidate[];
  readonly context: MatchContext;
}

export interface MatchingBenchmarkOptions {
  readonly seekingCount: number;
  readonly sharingCount: number;
  /** Places per Sharing family (all approved, none busy); omit for the realistic mix. */
  readonly sharingCapacity?: number;
  readonly seed?: number;
  readonly today?: string;
}

/**
 * A reproducible matching instance from the demo-data generator, for `npm run bench`:
 * time `suggestMatches(scenario.seekers[0], scenario.candidates, scenario.context)` or
 * `matchCohort(scenario.seekers, scenario.candidates, scenario.context)`.
 */
export function createMatchingBenchmarkScenario(
  options: MatchingBenchmarkOptions,
): MatchingBenchmarkScenario {
  const today = options.today ?? '2026-03-02';
  const data = generateDemoFamilies({
    seed: options.seed ?? 20260302,
    siteId: 'bench-site',
    seekingCount: options.seekingCount,
    sharingCount: options.sharingCount,
    today,
    sharingCapacity: options.sharingCapacity,
  });
  return {
    seekers: data.seeking.map(demoFamilyToMatchSeeker),
    candidates: data.sharing.map(demoFamilyToMatchCandidate),
    context: { today },
  };
}
