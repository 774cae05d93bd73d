import { NOT_PUBLISHED, type PublishedCount } from './suppression';

/** Two-sided 97.5 % quantiles of Student's t for 1–30 degrees of freedom. */
const T_975: readonly number[] = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];
/** Beyond 30: 40, 60, 120 degrees of freedom, then the normal 1.960. */
const T_975_TAIL: readonly (readonly [number, number])[] = [
  [40, 2.021],
  [60, 2.0],
  [120, 1.98],
];

/** The t quantile for a two-sided 95 % interval (the next smaller tabulated df beyond 30: conservative). */
export function tQuantile975(df: number): number {
  if (!Number.isInteger(df) || df < 1)
    throw new RangeError(`degrees of freedom must be a whole number ≥ 1, got ${df}`);
  if (df <= 30) return T_975[df - 1];
  let value = T_975[29];
  for (const [at, t] of T_975_TAIL) if (df >= at) value = t;
  return df >= 1000 ? 1.96 : value;
}

/** Paired change of one instrument between two timepoints, as published. */
export interface PairedChange {
  /** How many families have both measures: a count under the small-cell rule. */
  readonly n: PublishedCount;
  /** Mean of (later − earlier); null when suppressed or n is 0. */
  readonly meanChange: number | null;
  /** 95 % confidence interval of the mean change (t distribution); null when suppressed or n < 2. */
  readonly ciLow: number | null;
  readonly ciHigh: number | null;
}

const round = (value: number): number => Math.round(value * 100) / 100;

/**
 * n, mean change and its 95 % CI from the paired differences (later − earlier), rounded to two
 * decimals. A count from 1 to `threshold − 1` is not published (`n.p.`) and neither are its
 * figures; `suppress` forces that too (complementary suppression decided by the caller).
 */
export function pairedChange(
  differences: readonly number[],
  threshold: number,
  suppress = false,
): PairedChange {
  const n = differences.length;
  if (n === 0) return { n: 0, meanChange: null, ciLow: null, ciHigh: null };
  if (n < threshold || suppress) return { n: NOT_PUBLISHED, meanChange: null, ciLow: null, ciHigh: null };
  const mean = differences.reduce((sum, d) => sum + d, 0) / n;
  if (n < 2) return { n, meanChange: round(mean), ciLow: null, ciHigh: null };
  const variance = differences.reduce((sum, d) => sum + (d - mean) ** 2, 0) / (n - 1);
  const half = tQuantile975(n - 1) * Math.sqrt(variance / n);
  return { n, meanChange: round(mean), ciLow: round(mean - half), ciHigh: round(mean + half) };
}
