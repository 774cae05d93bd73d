/** Programme settings that govern what evaluator-facing outputs may show (DESIGN §4.5). */
export interface DeIdentificationSettings {
  /**
   * Smallest count that may be shown. Counts from 1 to `suppressionThreshold - 1` are shown as `n.p.`,
   * and medians over fewer than this many values are withheld. An integer of at least 1.
   */
  readonly suppressionThreshold: number;
}

export const DEFAULT_DE_IDENTIFICATION_SETTINGS: DeIdentificationSettings = Object.freeze({
  suppressionThreshold: 5,
});

/** Throws a RangeError unless `threshold` is an integer of at least 1. */
export function assertSuppressionThreshold(threshold: number): void {
  if (!Number.isInteger(threshold) || threshold < 1) {
    throw new RangeError(`suppression threshold must be an integer of at least 1, got ${threshold}`);
  }
}
