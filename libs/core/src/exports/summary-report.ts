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
import { SEEKING_FAMILY_STATUSES, SHARING_FAMILY_STATUSES } from '../families/family.types';

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
}

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
  };
  readonly medianWeeksPerStage: MedianTable;
}

export const ALL_SITES_LABEL = 'All sites';

function countTable(
  sites: SummaryData['sites'],
  columns: readonly string[],
  counts: readonly SiteCount[],
  threshold: number,
): PublishedCountTable {
  const rowIndex = new Map(sites.map((site, i) => [site.id, i]));
  const columnIndex = new Map(columns.map((key, j) => [key, j]));
  const grid = sites.map(() => columns.map(() => 0));
  for (const { siteId, key, count } of counts) {
    const i = rowIndex.get(siteId);
    const j = columnIndex.get(key);
    if (i === undefined || j === undefined) throw new RangeError(`unexpected count ${key} for a site`);
    grid[i][j] += count;
  }
  return suppressCountTable(
    { rowLabels: sites.map((site) => site.name), columnLabels: [...columns], counts: grid },
    threshold,
  );
}

function medianTable(
  sites: SummaryData['sites'],
  stageWeeks: readonly StageWeeks[],
  threshold: number,
): MedianTable {
  const rows = [...sites.map((site) => site.id), null];
  const cells = rows.map((siteId) =>
    LINK_UP_STAGES.map((stage): ReportMedian => {
      const values = stageWeeks
        .filter((entry) => entry.stage === stage && (siteId === null || entry.siteId === siteId))
        .map((entry) => entry.weeks);
      if (values.length === 0) return null;
      const value = reportableMedian(values, threshold);
      return value === null ? NOT_PUBLISHED : Math.round(value * 10) / 10;
    }),
  );
  return {
    rowLabels: [...sites.map((site) => site.name), ALL_SITES_LABEL],
    columnLabels: [...LINK_UP_STAGES],
    cells,
  };
}

/**
 * The aggregate report (DESIGN §4.5): every count table with primary and secondary suppression
 * (counts 1 to threshold − 1 shown as `n.p.`, and enough others withheld that none can be worked
 * out from the totals), medians withheld for groups smaller than the threshold. Link-ups by stage
 * and by outcome are one table, ended-early reasons included, so no two tables share a total that
 * could undo each other's suppression.
 */
export function assembleSummaryReport(data: SummaryData, threshold: number): SummaryReport {
  return {
    suppressionThreshold: threshold,
    notes: [
      'Only families whose evaluation_use consent is in force are counted; a link-up counts when its Seeking family consents.',
      `Counts from 1 to ${threshold - 1} are shown as ${NOT_PUBLISHED}, and further cells are withheld so that none can be worked out from the totals.`,
      `Medians are of active weeks (paused time excluded) in stages the link-up has left; ${NOT_PUBLISHED} for fewer than ${threshold} link-ups, null for none.`,
      'Families are counted by their current status, when registered within the period; link-ups, goals and check-ins when the link-up started within the period; check-ins that were due by now, cancelled ones excluded.',
      'Goals are counted by theme (rows, all sites in the report together) and by their latest Goal Attainment Scaling rating.',
    ],
    tables: {
      seekingFamiliesByStatus: countTable(
        data.sites,
        SEEKING_FAMILY_STATUSES,
        data.seekingFamiliesByStatus,
        threshold,
      ),
      sharingFamiliesByStatus: countTable(
        data.sites,
        SHARING_FAMILY_STATUSES,
        data.sharingFamiliesByStatus,
        threshold,
      ),
      linkUpsByStageAndOutcome: countTable(
        data.sites,
        LINK_UP_OUTCOME_COLUMNS,
        data.linkUpsByStageAndOutcome,
        threshold,
      ),
      checkInsHeldVersusDue: countTable(data.sites, CHECK_IN_COLUMNS, data.checkInsHeldVersusDue, threshold),
      goalsByThemeAndAttainment: countTable(
        data.goalThemes.map((theme) => ({ id: theme, name: theme })),
        GOAL_ATTAINMENT_COLUMNS,
        data.goalsByThemeAndAttainment,
        threshold,
      ),
    },
    medianWeeksPerStage: medianTable(data.sites, data.stageWeeks, threshold),
  };
}
