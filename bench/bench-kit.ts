import os from 'node:os';

export interface BenchResult {
  /** One line a reader can compare across runs, e.g. "p50 14.2 ms, p99 21.0 ms". */
  readonly summary: string;
  /** The numbers behind the summary, for JSON output. */
  readonly metrics: Record<string, number | string>;
}

export interface Benchmark {
  readonly name: string;
  /** Which issue's figure this is (for BENCHMARKS.md). */
  readonly issue: number;
  run(): Promise<BenchResult>;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export function timeMs<T>(work: () => T): { ms: number; value: T } {
  const start = process.hrtime.bigint();
  const value = work();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

export const round = (n: number, digits = 1): number => Number(n.toFixed(digits));

export function machineDescription(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`;
}

/** Peak resident memory of this process so far, in MiB. */
export function peakRssMiB(): number {
  return round(process.resourceUsage().maxRSS / 1024);
}
