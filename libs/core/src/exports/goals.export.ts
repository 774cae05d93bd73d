import { daysFrom, GOAL_RATERS, GOAL_STATUSES, startMonth } from '@app/domain';
import type { ExportTable } from './export-columns';
import {
  evaluationConsentInSnapshot,
  linkUpScope,
  type ExportContext,
  type ExportDefinition,
  type ExportQuery,
} from './export-context';
import type { ExportFilters } from './export-filters';

/** A row of the goals query: one goal, its first and last rating. */
export interface GoalSource {
  readonly id: string;
  readonly link_up_id: string;
  readonly seeking_family_id: string;
  readonly site_name: string;
  readonly started_ms: number;
  readonly theme: string;
  readonly status: string;
  readonly created_ms: number;
  readonly status_changed_ms: number | null;
  readonly ratings: number;
  readonly first_rating: number | null;
  readonly first_rated_ms: number | null;
  readonly first_rated_by: string | null;
  readonly last_rating: number | null;
  readonly last_rated_ms: number | null;
  readonly last_rated_by: string | null;
  readonly small_wins: number;
}

export interface GoalExportRow {
  readonly goalId: string;
  readonly linkUpId: string;
  readonly seekingFamilyId: string;
  readonly site: string;
  readonly startMonth: string;
  readonly theme: string;
  readonly status: string;
  readonly setDay: number;
  readonly statusChangedDay: number | null;
  readonly ratings: number;
  readonly firstRating: number | null;
  readonly firstRatingDay: number | null;
  readonly firstRatedBy: string | null;
  readonly lastRating: number | null;
  readonly lastRatingDay: number | null;
  readonly lastRatedBy: string | null;
  readonly smallWins: number;
}

const epoch = (column: string): string => `(extract(epoch FROM ${column}) * 1000)::float8`;

const SQL = (scopeWhere: string): string => `
SELECT g.id, g.link_up_id, lu.seeking_family_id, s.name AS site_name,
       ${epoch('lu.started_at')} AS started_ms,
       g.theme, g.status,
       ${epoch('g.created_at')} AS created_ms,
       ${epoch('g.status_changed_at')} AS status_changed_ms,
       (SELECT count(*) FROM goal_ratings r WHERE r.goal_id = g.id)::int AS ratings,
       first_rating.rating AS first_rating, ${epoch('first_rating.rated_at')} AS first_rated_ms, first_rating.rated_by AS first_rated_by,
       last_rating.rating AS last_rating, ${epoch('last_rating.rated_at')} AS last_rated_ms, last_rating.rated_by AS last_rated_by,
       (SELECT count(*) FROM small_wins w WHERE w.link_up_id = g.link_up_id AND w.goal_id = g.id)::int AS small_wins
  FROM goals g
  JOIN link_ups lu ON lu.id = g.link_up_id
  JOIN sites s ON s.id = lu.site_id
  LEFT JOIN LATERAL (SELECT r.rating, r.rated_at, r.rated_by FROM goal_ratings r WHERE r.goal_id = g.id
                      ORDER BY r.rated_at, r.created_at, r.id LIMIT 1) first_rating ON true
  LEFT JOIN LATERAL (SELECT r.rating, r.rated_at, r.rated_by FROM goal_ratings r WHERE r.goal_id = g.id
                      ORDER BY r.rated_at DESC, r.created_at DESC, r.id DESC LIMIT 1) last_rating ON true
 WHERE ${evaluationConsentInSnapshot('lu.seeking_family_id')}
   AND ${scopeWhere}
 ORDER BY g.id`;

/** Goals of link-ups whose Seeking family consents (the goal is that family's). Never its wording. */
export const GOALS_EXPORT: ExportDefinition<GoalSource, GoalExportRow> = {
  query(filters: ExportFilters): ExportQuery {
    const scope = linkUpScope('lu', filters);
    return { sql: SQL(scope.where), parameters: scope.parameters };
  },
  prepare(source: GoalSource, context: ExportContext): GoalExportRow {
    const start = new Date(source.started_ms);
    const day = (ms: number | null): number | null => (ms === null ? null : daysFrom(start, new Date(ms)));
    return {
      goalId: context.pseudonym('goal', source.id),
      linkUpId: context.pseudonym('link_up', source.link_up_id),
      seekingFamilyId: context.pseudonym('family', source.seeking_family_id),
      site: source.site_name,
      startMonth: startMonth(start),
      theme: source.theme,
      status: source.status,
      setDay: daysFrom(start, new Date(source.created_ms)),
      statusChangedDay: source.status === 'active' ? null : day(source.status_changed_ms),
      ratings: source.ratings,
      firstRating: source.first_rating,
      firstRatingDay: day(source.first_rated_ms),
      firstRatedBy: source.first_rated_by,
      lastRating: source.last_rating,
      lastRatingDay: day(source.last_rated_ms),
      lastRatedBy: source.last_rated_by,
      smallWins: source.small_wins,
    };
  },
};

const GAS = ['-2', '-1', '0', '1', '2'];

export const GOALS_TABLE: ExportTable<GoalExportRow> = {
  file: 'goals.csv',
  description:
    'Change goals of Seeking families that consent to evaluation use: theme, status and Goal Attainment Scaling ratings (never the goal’s own words).',
  rowIs: 'one goal',
  columns: [
    {
      name: 'goal_id',
      type: 'pseudonym',
      pseudonymPrefix: 'G',
      description: 'Pseudonymous id of the goal.',
      value: (row) => row.goalId,
    },
    {
      name: 'link_up_id',
      type: 'pseudonym',
      pseudonymPrefix: 'L',
      description: 'Pseudonymous id of the link-up (as in link-ups.csv).',
      value: (row) => row.linkUpId,
    },
    {
      name: 'seeking_family_id',
      type: 'pseudonym',
      pseudonymPrefix: 'F',
      description: 'Pseudonymous id of the Seeking family whose goal it is (as in link-ups.csv).',
      value: (row) => row.seekingFamilyId,
    },
    {
      name: 'site',
      type: 'text',
      description: 'Name of the delivery site.',
      value: (row) => row.site,
    },
    {
      name: 'start_month',
      type: 'month',
      description: 'Month the link-up started (YYYY-MM, UTC); days below count from the link-up’s start.',
      value: (row) => row.startMonth,
    },
    {
      name: 'theme',
      type: 'code',
      allowedValues: (settings) => settings.vocabularies.goalThemes.map((term) => term.key),
      description:
        'Theme of the goal, from the programme’s goal-theme vocabulary (the list shown is the current one; a theme since removed from it may appear in older goals).',
      value: (row) => row.theme,
    },
    {
      name: 'status',
      type: 'code',
      allowedValues: GOAL_STATUSES,
      description: 'Status of the goal at the time of the export.',
      value: (row) => row.status,
    },
    {
      name: 'set_day',
      type: 'integer',
      unit: 'days from start',
      description: 'Day the goal was written down, from the start of the link-up (day 0).',
      value: (row) => row.setDay,
    },
    {
      name: 'status_changed_day',
      type: 'integer',
      unit: 'days from start',
      description: 'Day the goal was achieved or set aside.',
      emptyMeans: 'the goal is still active',
      value: (row) => row.statusChangedDay,
    },
    {
      name: 'ratings',
      type: 'integer',
      unit: 'count',
      description: 'Number of Goal Attainment Scaling ratings of the goal.',
      value: (row) => row.ratings,
    },
    {
      name: 'first_rating',
      type: 'code',
      allowedValues: GAS,
      description:
        'First Goal Attainment Scaling rating (−2 much less than expected … +2 much more than expected).',
      emptyMeans: 'not rated',
      value: (row) => (row.firstRating === null ? null : String(row.firstRating)),
    },
    {
      name: 'first_rating_day',
      type: 'integer',
      unit: 'days from start',
      description: 'Day of the first rating, from the start of the link-up.',
      emptyMeans: 'not rated',
      value: (row) => row.firstRatingDay,
    },
    {
      name: 'first_rated_by',
      type: 'code',
      allowedValues: GOAL_RATERS,
      description: 'Who gave the first rating: the family, the coach, or both together.',
      emptyMeans: 'not rated',
      value: (row) => row.firstRatedBy,
    },
    {
      name: 'last_rating',
      type: 'code',
      allowedValues: GAS,
      description: 'Latest Goal Attainment Scaling rating (−2 … +2).',
      emptyMeans: 'not rated',
      value: (row) => (row.lastRating === null ? null : String(row.lastRating)),
    },
    {
      name: 'last_rating_day',
      type: 'integer',
      unit: 'days from start',
      description: 'Day of the latest rating, from the start of the link-up.',
      emptyMeans: 'not rated',
      value: (row) => row.lastRatingDay,
    },
    {
      name: 'last_rated_by',
      type: 'code',
      allowedValues: GOAL_RATERS,
      description: 'Who gave the latest rating.',
      emptyMeans: 'not rated',
      value: (row) => row.lastRatedBy,
    },
    {
      name: 'small_wins',
      type: 'integer',
      unit: 'count',
      description: 'Small wins recorded against this goal.',
      value: (row) => row.smallWins,
    },
  ],
};
