import { DEFAULT_DE_IDENTIFICATION_SETTINGS, assertSuppressionThreshold } from './settings';

/** The median of `values` (the mean of the middle two for an even count); null for an empty list. */
export function median(values: readonly number[]): number | null {
  if (values.some((value) => !Number.isFinite(value))) {
    throw new RangeError('median needs finite numbers');
  }
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * The median for a report ("median weeks per stage"): withheld (null) when the group has fewer
 * than `threshold` values, because the median of one to four values is close to, or is, one
 * family's own value. An empty group is null as well.
 */
export function reportableMedian(
  values: readonly number[],
  threshold: number = DEFAULT_DE_IDENTIFICATION_SETTINGS.suppressionThreshold,
): number | null {
  assertSuppressionThreshold(threshold);
  const result = median(values);
  return values.length < threshold ? null : result;
}
