import {
  END_EARLY_REASONS,
  LINK_UP_STAGES,
  NOT_PUBLISHED,
  reportableMedian,
  suppressCountTable,
  type LinkUpStage,
  type NotPublished,
  type PublishedCountTable,
} from '@app/domain';
import { SEEKING_FAMILY_STATUSES, SHARING_FAMILY_STATUSES } from '../families';

/** One count of the report's raw data: a site, a category and how many. */
export interface SiteCount {
  readonly siteId: string;
  readonly key: string;
  readonly count: number;
}

/** Weeks one link-up spent in a stage it has left (for the medians). */
export interface StageWeeks {
  readonly siteId: string;
  readonly stage: LinkUpStage;
  readonly weeks: number;
}

/** Everything the report counts, before suppression. */
export interface SummaryData {
  readonly sites: readonly { readonly id: string; readonly name: string }[];
  readonly seekingFamiliesByStatus: readonly SiteCount[];
  readonly sharingFamiliesByStatus: readonly SiteCount[];
  readonly linkUpsByStageAndOutcome: readonly SiteCount[];
  readonly checkInsHeldVersusDue: readonly SiteCount[];
  readonly stageWeeks: readonly StageWeeks[];
  /** Goal themes in table order (the vocabulary's, then any others found). */
  readonly goalThemes: readonly string[];
  /** Goals counted by theme (`siteId` holds the theme here) and latest rating. */
  readonly goalsByThemeAndAttainment: readonly SiteCount[];
  /** Feedback answers counted by question and viewpoint (`siteId` holds `question:viewpoint`) and rating. */
  readonly feedbackRatings?: readonly SiteCount[];
}

/** Rows of the feedback table: each question from each viewpoint (DESIGN §3, Feedback). */
export const FEEDBACK_RATING_ROWS: readonly string[] = ['relationship', 'change'].flatMap((question) =>
  ['seeking', 'sharing', 'coach'].map((viewpoint) => `${question}:${viewpoint}`),
);
/** The 1–5 answers. */
export const FEEDBACK_RATING_COLUMNS: readonly string[] = ['1', '2', '3', '4', '5'];

/** Column keys of each table, in order. */
export const LINK_UP_OUTCOME_COLUMNS: readonly string[] = [
  ...LINK_UP_STAGES,
  'completed',
  ...END_EARLY_REASONS.map((reason) => `ended_early:${reason}`),
];
export const CHECK_IN_COLUMNS: readonly string[] = ['held', 'missed', 'not_yet_held'];
/** Latest Goal Attainment Scaling rating of each goal, or none yet. */
export const GOAL_ATTAINMENT_COLUMNS: readonly string[] = ['-2', '-1', '0', '1', '2', 'not_rated'];

export type ReportMedian = number | NotPublished | null;

export interface MedianTable {
  readonly rowLabels: readonly string[];
  readonly columnLabels: readonly string[];
  /** Median active weeks, to a tenth; `n.p.` for fewer than threshold link-ups; null for none. */
  readonly cells: readonly (readonly ReportMedian[])[];
}

export interface SummaryReport {
  readonly suppressionThreshold: number;
  readonly notes: readonly string[];
  readonly tables: {
    readonly seekingFamiliesByStatus: PublishedCountTable;
    readonly sharingFamiliesByStatus: PublishedCountTable;
    readonly linkUpsByStageAndOutcome: PublishedCountTable;
    readonly checkInsHeldVersusDue: PublishedCountTable;
    readonly goalsByThemeAndAttainment: PublishedCountTable;
    readonly feedbackRatings: PublishedCountTable;
  };
  readonly medianWeeksPerStage: MedianTable;
}

export const ALL_SITES_LABEL = 'All sites';

/**
 * Seeking family statuses the families table counts. `linked` and `completed` are left out: a
 * Seeking family is `linked` while its link-up is live and `completed` once it has completed, so
 * those two counts are (near enough) the live stages and the `completed` column of link-ups by
 * stage and outcome. Published twice, in two tables suppressed apart, the shared total would undo
 * the suppression of one table with the other; they are published once, in the link-ups table.
 */
export const SEEKING_FAMILY_REPORT_COLUMNS: readonly string[] = SEEKING_FAMILY_STATUSES.filter(
  (status) => status !== 'linked' && status !== 'completed',
);

function countTable(
  rows: SummaryData['sites'],
  columns: readonly string[],
  counts: readonly SiteCount[],
  threshold: number,
  ignoredKeys: readonly string[] = [],
): PublishedCountTable {
  const rowIndex = new Map(rows.map((row, i) => [row.id, i]));
  const columnIndex = new Map(columns.map((key, j) => [key, j]));
  const grid = rows.map(() => columns.map(() => 0));
  for (const { siteId, key, count } of counts) {
    if (ignoredKeys.includes(key)) continue;
    const i = rowIndex.get(siteId);
    const j = columnIndex.get(key);
    if (i === undefined || j === undefined) throw new RangeError(`unexpected count ${key} for a site`);
    grid[i][j] += count;
  }
  return suppressCountTable(
    { rowLabels: rows.map((row) => row.name), columnLabels: [...columns], counts: grid },
    threshold,
  );
}

/**
 * One row of a suppressed table as a table of its own: its cells, and its row total as the grand
 * total (a one-row table's column totals are its cells). Every value shown is a value of the
 * suppressed table, so nothing beyond what that table shows can be derived from it.
 */
function rowOf(table: PublishedCountTable, row: number): PublishedCountTable {
  return {
    rowLabels: [table.rowLabels[row]],
    columnLabels: [...table.columnLabels],
    cells: [[...table.cells[row]]],
    rowTotals: [table.rowTotals[row]],
    columnTotals: [...table.cells[row]],
    grandTotal: table.rowTotals[row],
  };
}

/**
 * Medians per site and stage, and for all sites together. The all-sites median of a stage is
 * withheld when any site's is: the median of the union next to the medians of the other sites
 * would narrow down the values of the withheld site.
 */
function medianTable(
  sites: SummaryData['sites'],
  stageWeeks: readonly StageWeeks[],
  threshold: number,
): MedianTable {
  const medianOf = (siteId: string | null, stage: LinkUpStage): ReportMedian => {
    const values = stageWeeks
      .filter((entry) => entry.stage === stage && (siteId === null || entry.siteId === siteId))
      .map((entry) => entry.weeks);
    if (values.length === 0) return null;
    const value = reportableMedian(values, threshold);
    return value === null ? NOT_PUBLISHED : Math.round(value * 10) / 10;
  };
  const siteRows = sites.map((site) => LINK_UP_STAGES.map((stage) => medianOf(site.id, stage)));
  const allSites = LINK_UP_STAGES.map((stage, j): ReportMedian =>
    siteRows.some((row) => row[j] === NOT_PUBLISHED) ? NOT_PUBLISHED : medianOf(null, stage),
  );
  return {
    rowLabels: [...sites.map((site) => site.name), ALL_SITES_LABEL],
    columnLabels: [...LINK_UP_STAGES],
    cells: [...siteRows, allSites],
  };
}

/**
 * The aggregate report (DESIGN §4.5): every count table with primary and secondary suppression
 * (counts 1 to threshold − 1 shown as `n.p.`, and enough others withheld that none can be worked
 * out from the totals), medians withheld for groups smaller than the threshold.
 *
 * `data` always covers every site of the period, and suppression always runs on the all-sites
 * tables. A report for one site (`siteId`) is that site's rows of those suppressed tables, never a
 * table suppressed on its own: a one-site table suppressed apart would show cells the all-sites
 * table hides (or the reverse), and the difference would give them away. So whatever reports a
 * user asks for, everything shown is part of one suppressed table per period.
 *
 * Tables that could share a total are published once: link-ups by stage and by outcome are one
 * table (ended-early reasons included), and the Seeking families that mirror link-ups (`linked`,
 * `completed`) are counted there, not in families by status. Goals by theme have no site rows: the
 * table is for all sites together in every report of the period, whatever the site filter.
 */
export function assembleSummaryReport(
  data: SummaryData,
  threshold: number,
  siteId: string | null = null,
): SummaryReport {
  const siteRow = siteId === null ? null : data.sites.findIndex((site) => site.id === siteId);
  if (siteRow === -1) throw new RangeError('assembleSummaryReport: the site is not in the data');
  const bySite = (table: PublishedCountTable): PublishedCountTable =>
    siteRow === null ? table : rowOf(table, siteRow);
  const medians = medianTable(data.sites, data.stageWeeks, threshold);
  return {
    suppressionThreshold: threshold,
    notes: [
      'Only families whose evaluation_use consent is in force are counted; a link-up counts when its Seeking family consents.',
      `Counts from 1 to ${threshold - 1} are shown as ${NOT_PUBLISHED}, and further cells are withheld so that none can be worked out from the totals.`,
      'Suppression is worked out once for all sites of the period: a report for one site shows that site’s rows of the all-sites tables, exactly as they appear there.',
      `Medians are of active weeks (paused time excluded) in stages the link-up has left; ${NOT_PUBLISHED} for fewer than ${threshold} link-ups, null for none. The all-sites median is ${NOT_PUBLISHED} when a site’s is, and shown only in the report for every site.`,
      'Families are counted by their current status, when registered within the period; link-ups, goals and check-ins when the link-up started within the period; check-ins held whenever they were held, missed and not-yet-held ones once due, cancelled ones excluded.',
      'Seeking families that are linked or have completed are counted as link-ups (live stages and completed), not again among families by status.',
      'Goals are counted by theme (rows) and by their latest Goal Attainment Scaling rating, for all sites together whatever the site filter.',
      'Feedback answers (how the relationship is going, how things are changing; 1–5) are counted by question and viewpoint (Seeking family, Sharing family, coach), for all sites together whatever the site filter; the words given with them are never reported.',
    ],
    tables: {
      seekingFamiliesByStatus: bySite(
        countTable(data.sites, SEEKING_FAMILY_REPORT_COLUMNS, data.seekingFamiliesByStatus, threshold, [
          'linked',
          'completed',
        ]),
      ),
      sharingFamiliesByStatus: bySite(
        countTable(data.sites, SHARING_FAMILY_STATUSES, data.sharingFamiliesByStatus, threshold),
      ),
      linkUpsByStageAndOutcome: bySite(
        countTable(data.sites, LINK_UP_OUTCOME_COLUMNS, data.linkUpsByStageAndOutcome, threshold),
      ),
      checkInsHeldVersusDue: bySite(
        countTable(data.sites, CHECK_IN_COLUMNS, data.checkInsHeldVersusDue, threshold),
      ),
      goalsByThemeAndAttainment: countTable(
        data.goalThemes.map((theme) => ({ id: theme, name: theme })),
        GOAL_ATTAINMENT_COLUMNS,
        data.goalsByThemeAndAttainment,
        threshold,
      ),
      feedbackRatings: countTable(
        FEEDBACK_RATING_ROWS.map((key) => ({ id: key, name: key })),
        FEEDBACK_RATING_COLUMNS,
        data.feedbackRatings ?? [],
        threshold,
      ),
    },
    medianWeeksPerStage:
      siteRow === null
        ? medians
        : {
            rowLabels: [medians.rowLabels[siteRow]],
            columnLabels: medians.columnLabels,
            cells: [medians.cells[siteRow]],
          },
  };
}
