import {
  BUILT_IN_INSTRUMENT_KEYS,
  daysFrom,
  OUTCOME_ASSESSORS,
  OUTCOME_DECLINE_REASONS,
  OUTCOME_TIMEPOINTS,
  startMonth,
} from '@app/domain';
import type { ExportTable } from './export-columns';
import {
  evaluationConsentInSnapshot,
  evaluationConsentValueInSnapshot,
  type ExportContext,
  type ExportDefinition,
  type ExportQuery,
} from './export-context';
import type { ExportFilters } from './export-filters';

/** A row of the outcome-measures query. */
export interface OutcomeMeasureSource {
  readonly id: string;
  readonly family_id: string;
  readonly family_kind: string;
  readonly link_up_id: string | null;
  readonly link_up_exported: boolean;
  readonly site_name: string;
  readonly started_ms: number | null;
  readonly administered_ms: number;
  readonly instrument: string;
  readonly timepoint: string;
  readonly score: number | null;
  readonly declined: boolean;
  readonly decline_reason: string | null;
  readonly assessed_by: string;
}

export interface OutcomeMeasureExportRow {
  readonly measureId: string;
  readonly familyId: string;
  readonly familyKind: string;
  readonly linkUpId: string | null;
  readonly site: string;
  readonly startMonth: string | null;
  readonly dayFromStart: number | null;
  readonly administeredMonth: string | null;
  readonly instrument: string;
  readonly timepoint: string;
  readonly score: number | null;
  readonly declined: boolean;
  readonly declineReason: string | null;
  readonly assessedBy: string;
}

const epoch = (column: string): string => `(extract(epoch FROM ${column}) * 1000)::float8`;

/**
 * The link-up a measure belongs to: the one it was recorded in (a live one, or for an exit or
 * follow-up one that had closed); else, for an exit or follow-up recorded without one, the family's
 * latest link-up that started before it (the one it follows); else the family's link-up that
 * started next after it (a baseline taken while choosing); else none. That link-up is "exported"
 * when its Seeking family consents; only then are its id, start month and the measure's day from
 * its start shown, and only then does the period filter read its start month. Otherwise the
 * measure stands alone: its administered month is shown and filtered on, and nothing about the
 * link-up (not even its start month, through the filter) leaves.
 */
const SQL = `
SELECT om.id, om.family_id, f.kind AS family_kind, lu.id AS link_up_id,
       x.link_up_exported,
       s.name AS site_name,
       ${epoch('lu.started_at')} AS started_ms,
       ${epoch('om.administered_at')} AS administered_ms,
       om.instrument, om.timepoint, om.score, om.declined, om.decline_reason, om.assessed_by
  FROM outcome_measures om
  JOIN families f ON f.id = om.family_id
  JOIN sites s ON s.id = f.site_id
  LEFT JOIN LATERAL (
        SELECT l.id, l.started_at, l.seeking_family_id FROM link_ups l WHERE l.id = om.link_up_id
        UNION ALL
        SELECT * FROM (SELECT l.id, l.started_at, l.seeking_family_id FROM link_ups l
                        WHERE om.link_up_id IS NULL AND om.timepoint IN ('exit', 'follow_up')
                          AND (l.seeking_family_id = om.family_id OR l.sharing_family_id = om.family_id)
                          AND l.started_at <= om.administered_at
                        ORDER BY l.started_at DESC LIMIT 1) previous_link_up
        UNION ALL
        SELECT * FROM (SELECT l.id, l.started_at, l.seeking_family_id FROM link_ups l
                        WHERE om.link_up_id IS NULL
                          AND (l.seeking_family_id = om.family_id OR l.sharing_family_id = om.family_id)
                          AND l.started_at >= om.administered_at
                        ORDER BY l.started_at LIMIT 1) next_link_up
        LIMIT 1) lu ON true
  CROSS JOIN LATERAL (
        SELECT (lu.id IS NOT NULL AND ${evaluationConsentValueInSnapshot('lu.seeking_family_id')}) AS link_up_exported
       ) x
  CROSS JOIN LATERAL (
        SELECT CASE WHEN x.link_up_exported THEN lu.started_at ELSE om.administered_at END AS period_at
       ) p
 WHERE ${evaluationConsentInSnapshot('om.family_id')}
   AND ($1::uuid IS NULL OR f.site_id = $1::uuid)
   AND ($2::timestamptz IS NULL OR p.period_at >= $2::timestamptz)
   AND ($3::timestamptz IS NULL OR p.period_at < $3::timestamptz)
 ORDER BY om.id`;

/**
 * Outcome measures of families that consent to evaluation use (Seeking or Sharing: each family's
 * own consent decides). A measure tied to an exported link-up is dated only by days from the
 * link-up's start (plus the start month); one without is dated only by the month it was taken.
 * Never both: a month, a start month and a day from the start together would pin down the dates.
 * The period bounds are whole months (see `resolveExportFilters`), so the filter narrows no further
 * than the month shown.
 */
export const OUTCOME_MEASURES_EXPORT: ExportDefinition<OutcomeMeasureSource, OutcomeMeasureExportRow> = {
  query(filters: ExportFilters): ExportQuery {
    return { sql: SQL, parameters: [filters.siteId, filters.startsAtOrAfter, filters.startsBefore] };
  },
  prepare(source: OutcomeMeasureSource, context: ExportContext): OutcomeMeasureExportRow {
    const start =
      source.started_ms === null || source.link_up_id === null || !source.link_up_exported
        ? null
        : new Date(source.started_ms);
    const administered = new Date(source.administered_ms);
    return {
      measureId: context.pseudonym('outcome_measure', source.id),
      familyId: context.pseudonym('family', source.family_id),
      familyKind: source.family_kind,
      linkUpId:
        start === null || source.link_up_id === null ? null : context.pseudonym('link_up', source.link_up_id),
      site: source.site_name,
      startMonth: start === null ? null : startMonth(start),
      dayFromStart: start === null ? null : daysFrom(start, administered),
      administeredMonth: start === null ? startMonth(administered) : null,
      instrument: source.instrument,
      timepoint: source.timepoint,
      score: source.declined ? null : source.score,
      declined: source.declined,
      declineReason: source.declined ? source.decline_reason : null,
      assessedBy: source.assessed_by,
    };
  },
};

export const OUTCOME_MEASURES_TABLE: ExportTable<OutcomeMeasureExportRow> = {
  file: 'outcome-measures.csv',
  description:
    'Outcome measures (K10, PWI, PSOC, DEX, GAS summary and the programme’s own instruments) of families that consent to evaluation use, or the coded reason they were declined.',
  rowIs: 'one measure of one family at one timepoint',
  columns: [
    {
      name: 'measure_id',
      type: 'pseudonym',
      pseudonymPrefix: 'M',
      description: 'Pseudonymous id of the measure.',
      value: (row) => row.measureId,
    },
    {
      name: 'family_id',
      type: 'pseudonym',
      pseudonymPrefix: 'F',
      description: 'Pseudonymous id of the family measured (as in link-ups.csv).',
      value: (row) => row.familyId,
    },
    {
      name: 'family_kind',
      type: 'code',
      allowedValues: ['seeking', 'sharing'],
      description: 'Whether the family measured is the Seeking or the Sharing family.',
      value: (row) => row.familyKind,
    },
    {
      name: 'link_up_id',
      type: 'pseudonym',
      pseudonymPrefix: 'L',
      description:
        'Pseudonymous id of the link-up the measure belongs to: the one it was recorded in (exit and follow-up measures belong to their link-up after it has closed), or for a measure taken before linking the family’s next link-up.',
      emptyMeans: 'no link-up yet, or the link-up is not exported (its Seeking family has not consented)',
      value: (row) => row.linkUpId,
    },
    {
      name: 'site',
      type: 'text',
      description: 'Name of the family’s delivery site.',
      value: (row) => row.site,
    },
    {
      name: 'start_month',
      type: 'month',
      description: 'Month the link-up started (YYYY-MM, UTC).',
      emptyMeans:
        'no exported link-up: the family has had none since the measure, or its Seeking family has not consented (see administered_month)',
      value: (row) => row.startMonth,
    },
    {
      name: 'day_from_start',
      type: 'integer',
      unit: 'days from start',
      description: 'Day the measure was taken, from the start of the link-up (day 0; negative before it).',
      emptyMeans: 'no exported link-up (see administered_month)',
      value: (row) => row.dayFromStart,
    },
    {
      name: 'administered_month',
      type: 'month',
      description:
        'Month the measure was taken (YYYY-MM, UTC), for a measure with no exported link-up only (with one, day_from_start dates it).',
      emptyMeans: 'the measure is dated by start_month and day_from_start instead',
      value: (row) => row.administeredMonth,
    },
    {
      name: 'instrument',
      type: 'code',
      allowedValues: (settings) => [
        ...BUILT_IN_INSTRUMENT_KEYS,
        ...settings.outcomeMeasures.customInstruments.map((instrument) => instrument.key),
      ],
      description:
        'The instrument: a built-in one or one of the programme’s own (see the programme settings for ranges).',
      value: (row) => row.instrument,
    },
    {
      name: 'timepoint',
      type: 'code',
      allowedValues: OUTCOME_TIMEPOINTS,
      description: 'When in the programme the measure was taken.',
      value: (row) => row.timepoint,
    },
    {
      name: 'score',
      type: 'decimal',
      unit: 'instrument score',
      description: 'The score, in the instrument’s own range.',
      emptyMeans: 'declined',
      value: (row) => row.score,
    },
    {
      name: 'declined',
      type: 'boolean',
      description: 'Whether the measure was declined instead of taken.',
      value: (row) => row.declined,
    },
    {
      name: 'decline_reason',
      type: 'code',
      allowedValues: OUTCOME_DECLINE_REASONS,
      description: 'Why the measure was declined (a code; never free text).',
      emptyMeans: 'not declined',
      value: (row) => row.declineReason,
    },
    {
      name: 'assessed_by',
      type: 'code',
      allowedValues: OUTCOME_ASSESSORS,
      description: 'Who gave the answers: the family, the coach (observed), or both together.',
      value: (row) => row.assessedBy,
    },
  ],
};
