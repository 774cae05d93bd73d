import {
  END_EARLY_REASONS,
  FIT_BANDS,
  NOT_PUBLISHED,
  pairedChange,
  suppressCountTable,
  type EndEarlyReason,
  type FitBandKey,
  type PairedChange,
  type PublishedCount,
} from '@app/domain';

/** One ended link-up as the report counts it. */
export interface CalibrationLinkUp {
  readonly siteId: string;
  readonly band: FitBandKey;
  readonly outcome: 'completed' | EndEarlyReason;
  /** Goal attainment change (goalAttainmentChange); null when no goal was rated twice. */
  readonly goalChange: number | null;
}

export interface CalibrationRow {
  /** The band's key, or `all` for every band together. */
  readonly band: FitBandKey | 'all';
  readonly label: string;
  /** Whole percentages the band covers (inclusive); null for every band together. */
  readonly minPercent: number | null;
  readonly maxPercent: number | null;
  /** Link-ups that ended (completed and ended early). */
  readonly ended: PublishedCount;
  readonly completed: PublishedCount;
  /** Ended early, one entry per reason (DESIGN §4.3), in that order. */
  readonly endedEarly: readonly { readonly reason: EndEarlyReason; readonly count: PublishedCount }[];
  /** n link-ups with a goal attainment change, their mean change and its 95 % CI. */
  readonly goalAttainmentChange: PairedChange;
}

export interface CalibrationTables {
  readonly bands: readonly CalibrationRow[];
  readonly allBands: CalibrationRow;
}

const OUTCOMES: readonly ('completed' | EndEarlyReason)[] = ['completed', ...END_EARLY_REASONS];

/**
 * The calibration report's figures for every site (`siteId` null) or one site.
 *
 * One table per period is suppressed (DESIGN §4.5, `suppressCountTable`): a row per site and band,
 * a column per outcome, with row totals (ended), column totals and the grand total. A one-site
 * report shows that site's rows exactly as they are there. A band for all sites together is the
 * sum of the sites' cells, shown only when every one of them is shown; the same for a site's total
 * over its bands. The all-sites total row is the table's own column totals. So everything shown is
 * either a value of the one suppressed table or worked out from values it shows: no pair of reports
 * can be differenced to recover a withheld cell.
 *
 * Goal attainment change: per site and band, n from 1 to threshold − 1 withholds n and the figures
 * (`pairedChange`); a combined figure (several sites or bands) is withheld when any of its parts is,
 * so the combined mean next to the shown parts cannot give a withheld part away.
 */
export function assembleCalibrationTables(
  siteIds: readonly string[],
  linkUps: readonly CalibrationLinkUp[],
  threshold: number,
  siteId: string | null,
): CalibrationTables {
  const rowIndex = (site: number, band: number): number => site * FIT_BANDS.length + band;
  const siteIndex = new Map(siteIds.map((id, i) => [id, i]));
  const bandIndex = new Map(FIT_BANDS.map((b, i) => [b.key, i]));
  const counts = siteIds.flatMap(() => FIT_BANDS.map(() => OUTCOMES.map(() => 0)));
  const changes: number[][] = counts.map(() => []);
  for (const linkUp of linkUps) {
    const s = siteIndex.get(linkUp.siteId);
    const b = bandIndex.get(linkUp.band);
    if (s === undefined || b === undefined) throw new RangeError('a link-up of an unknown site or band');
    const row = rowIndex(s, b);
    counts[row][OUTCOMES.indexOf(linkUp.outcome)] += 1;
    if (linkUp.goalChange !== null) changes[row].push(linkUp.goalChange);
  }
  const table = suppressCountTable(
    {
      rowLabels: counts.map((_, i) => String(i)),
      columnLabels: OUTCOMES.map(String),
      counts,
    },
    threshold,
  );
  const isSmall = (row: number): boolean => changes[row].length > 0 && changes[row].length < threshold;

  /** The figures of several rows of the table together: a sum only when every part is shown. */
  const combine = (
    rows: readonly number[],
    band: (typeof FIT_BANDS)[number] | null,
    exact: { cells: readonly PublishedCount[]; total: PublishedCount } | null,
  ): CalibrationRow => {
    const sum = (values: readonly PublishedCount[]): PublishedCount =>
      values.some((v) => v === NOT_PUBLISHED)
        ? NOT_PUBLISHED
        : values.reduce<number>((total, v) => total + (v as number), 0);
    const cells = exact?.cells ?? OUTCOMES.map((_, j) => sum(rows.map((row) => table.cells[row][j])));
    const ended = exact?.total ?? sum(rows.map((row) => table.rowTotals[row]));
    const goalChange =
      rows.length === 1
        ? pairedChange(changes[rows[0]], threshold)
        : pairedChange(
            rows.flatMap((row) => changes[row]),
            threshold,
            rows.some(isSmall),
          );
    return {
      band: band?.key ?? 'all',
      label: band?.label ?? 'All bands',
      minPercent: band?.minPercent ?? null,
      maxPercent: band?.maxPercent ?? null,
      ended,
      completed: cells[0],
      endedEarly: END_EARLY_REASONS.map((reason, k) => ({ reason, count: cells[k + 1] })),
      goalAttainmentChange: goalChange,
    };
  };

  const sites =
    siteId === null
      ? siteIds.map((_, i) => i)
      : [siteIndex.get(siteId) ?? Number.NaN].filter((i) => !Number.isNaN(i));
  if (sites.length === 0 && siteId !== null) throw new RangeError('the site is not in the data');
  const bands = FIT_BANDS.map((band, b) =>
    combine(
      sites.map((s) => rowIndex(s, b)),
      band,
      null,
    ),
  );
  const everyRow = sites.flatMap((s) => FIT_BANDS.map((_, b) => rowIndex(s, b)));
  const allBands = combine(
    everyRow,
    null,
    siteId === null ? { cells: table.columnTotals, total: table.grandTotal } : null,
  );
  return { bands, allBands };
}
