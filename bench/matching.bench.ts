import { createMatchingBenchmarkScenario, matchCohort, suggestMatches } from '@app/domain';
import { percentile, round, timeMs, type Benchmark } from './bench-kit';

/** Issue 4: suggestions for one Seeking family among 20,000 Sharing families, in-process. */
export const suggestionsInProcess: Benchmark = {
  name: 'matching: suggestions for 1 Seeking family among 20,000 Sharing families (in-process)',
  issue: 4,
  run() {
    const scenario = createMatchingBenchmarkScenario({ seekingCount: 200, sharingCount: 20_000 });
    const warmup = 20;
    const runs = 200;
    const times: number[] = [];
    let eligible = 0;
    for (let i = 0; i < warmup + runs; i += 1) {
      const seeker = scenario.seekers[i % scenario.seekers.length];
      const { ms, value } = timeMs(() =>
        suggestMatches(seeker, scenario.candidates, scenario.context, { limit: 10 }),
      );
      if (i >= warmup) {
        times.push(ms);
        eligible += value.eligibleCount;
      }
    }
    times.sort((a, b) => a - b);
    const p50 = round(percentile(times, 50));
    const p99 = round(percentile(times, 99));
    return Promise.resolve({
      summary: `p50 ${p50} ms, p99 ${p99} ms over ${runs} Seeking families (mean ${Math.round(eligible / runs)} eligible of 20,000)`,
      metrics: { p50Ms: p50, p99Ms: p99, runs },
    });
  },
};

/** Issue 4: the exact cohort optimum, 2,000 Seeking × 1,000 Sharing families with capacity 2. */
export const cohortOptimum: Benchmark = {
  name: 'matching: cohort optimum, 2,000 Seeking × 1,000 Sharing (capacity 2)',
  issue: 4,
  run() {
    const scenario = createMatchingBenchmarkScenario({
      seekingCount: 2_000,
      sharingCount: 1_000,
      sharingCapacity: 2,
    });
    const heapBefore = process.memoryUsage().heapUsed;
    const { ms, value } = timeMs(() => matchCohort(scenario.seekers, scenario.candidates, scenario.context));
    const heapMiB = round((process.memoryUsage().heapUsed - heapBefore) / 2 ** 20);
    return Promise.resolve({
      summary: `${round(ms / 1000, 2)} s, total fit ${round(value.totalFit, 2)}, ${value.assignments.length} assigned, ${value.unassigned.length} unassigned (heap +${heapMiB} MiB)`,
      metrics: {
        seconds: round(ms / 1000, 2),
        totalFit: round(value.totalFit, 2),
        assigned: value.assignments.length,
      },
    });
  },
};
