/**
 * Matching calibration (issue 16): does a better fit at the time of the choice go with better
 * outcomes? Two rules the report is built on, kept here so the report and its tests share them.
 */

/** A band of fit at decision time, by the whole percentage shown to the coach. */
export interface FitBand {
  readonly key: FitBandKey;
  readonly label: string;
  /** Lowest whole percentage in the band (inclusive). */
  readonly minPercent: number;
  /** Highest whole percentage in the band (inclusive). */
  readonly maxPercent: number;
}

export const FIT_BAND_KEYS = ['under_50', '50_to_69', '70_to_84', '85_and_over'] as const;
export type FitBandKey = (typeof FIT_BAND_KEYS)[number];

/**
 * The bands, lowest first: under 50 %, 50–69 %, 70–84 %, 85 % and over. Four bands keep each big
 * enough to publish in a small programme; the edges follow how fit reads to a coach (under half,
 * fair, good, very good).
 */
export const FIT_BANDS: readonly FitBand[] = [
  { key: 'under_50', label: 'Under 50%', minPercent: 0, maxPercent: 49 },
  { key: '50_to_69', label: '50–69%', minPercent: 50, maxPercent: 69 },
  { key: '70_to_84', label: '70–84%', minPercent: 70, maxPercent: 84 },
  { key: '85_and_over', label: '85% and over', minPercent: 85, maxPercent: 100 },
];

/**
 * The band of a fit (0..1), by its whole percentage as shown (`Math.round(fit × 100)`): a pair shown
 * at 70 % is in 70–84 % even when its fit was 0.695.
 */
export function fitBandOf(fit: number): FitBandKey {
  if (!Number.isFinite(fit) || fit < 0 || fit > 1) throw new RangeError(`a fit is from 0 to 1, got ${fit}`);
  const percent = Math.round(fit * 100);
  const band = FIT_BANDS.find((b) => percent >= b.minPercent && percent <= b.maxPercent);
  if (band === undefined) throw new RangeError(`no band for ${percent}%`); // unreachable: bands cover 0..100
  return band.key;
}

/**
 * A link-up's goal attainment change: for each of its goals rated at least twice, the last Goal
 * Attainment Scaling rating minus the first (−2…+2, so −4…+4); the link-up's change is the mean of
 * those. Null when no goal was rated twice (the link-up is then left out of the mean and its n).
 * Each goal's ratings are given oldest first.
 */
export function goalAttainmentChange(goalRatings: readonly (readonly number[])[]): number | null {
  const changes = goalRatings
    .filter((ratings) => ratings.length >= 2)
    .map((ratings) => ratings[ratings.length - 1] - ratings[0]);
  if (changes.length === 0) return null;
  return changes.reduce((sum, change) => sum + change, 0) / changes.length;
}
