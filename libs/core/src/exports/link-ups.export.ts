import {
  AGE_BANDS,
  ageBand,
  computeStageDurations,
  daysFrom,
  END_EARLY_REASONS,
  isEndEarlyReason,
  isLinkUpStage,
  LINK_UP_STAGES,
  LINK_UP_STATUSES,
  startMonth,
  type LinkUpStage,
  type LinkUpStatus,
  type LinkUpTimeline,
  type PausePeriod,
  type StageChange,
} from '@app/domain';
import type { ExportColumn, ExportTable } from './export-columns';
import {
  evaluationConsentInSnapshot,
  evaluationConsentValueInSnapshot,
  linkUpScope,
  type ExportContext,
  type ExportDefinition,
  type ExportQuery,
} from './export-context';
import type { ExportFilters } from './export-filters';

/** One event of a link-up's history as the query returns it: kind, epoch ms, stage it led to. */
export type EventTuple = [kind: string, atMs: number, toStage: string | null];
/** One person: of the Seeking family?, role, birth year, stored age band. */
type PersonTuple = [seeking: boolean, role: string, birthYear: number | null, ageBand: string | null];

/** A row of the link-ups query. Ids never leave this file unpseudonymised. */
export interface LinkUpSource {
  readonly id: string;
  readonly seeking_family_id: string;
  readonly sharing_family_id: string;
  readonly sharing_consented: boolean;
  readonly site_name: string;
  readonly stage: string;
  readonly status: string;
  readonly started_ms: number;
  readonly ended_ms: number | null;
  readonly planned_weeks: number;
  readonly closure_reason: string | null;
  readonly events: EventTuple[] | null;
  readonly people: PersonTuple[] | null;
  readonly check_ins_held: number;
  readonly check_ins_missed: number;
  readonly sharing_prior_link_ups: number;
  readonly goal_themes: string[] | null;
  readonly goals_achieved: number;
  readonly small_wins: number;
  readonly get_togethers: number;
}

/** A link-up as exported: every value already coarsened. */
export interface LinkUpExportRow {
  readonly linkUpId: string;
  readonly seekingFamilyId: string;
  readonly sharingFamilyId: string | null;
  readonly site: string;
  readonly startMonth: string;
  readonly status: LinkUpStatus;
  readonly stage: LinkUpStage;
  readonly plannedWeeks: number;
  readonly activeWeeks: number;
  readonly stageWeeks: Readonly<Record<LinkUpStage, number>>;
  readonly pausedWeeks: number;
  readonly pauses: number;
  readonly backwardMoves: number;
  readonly coachChanges: number;
  readonly endDay: number | null;
  readonly closureReason: string | null;
  readonly checkInsHeld: number;
  readonly checkInsMissed: number;
  readonly sharingPriorLinkUps: number | null;
  readonly seekingAdultAgeBands: readonly string[];
  readonly seekingChildAgeBands: readonly string[];
  readonly sharingAdultAgeBands: readonly string[] | null;
  readonly goalThemes: readonly string[];
  readonly goalsAchieved: number;
  readonly smallWins: number;
  readonly getTogethers: number;
}

/** The history of link-up `alias` as a JSON array of `EventTuple`s, in time order. */
export function linkUpEventsJson(alias: string): string {
  return `(SELECT json_agg(json_build_array(e.kind, (extract(epoch FROM e.at) * 1000)::float8, e.to_stage) ORDER BY e.at, e.id) FROM link_up_events e WHERE e.link_up_id = ${alias}.id)`;
}

const SQL = (scopeWhere: string): string => `
SELECT lu.id,
       lu.seeking_family_id,
       lu.sharing_family_id,
       ${evaluationConsentValueInSnapshot('lu.sharing_family_id')} AS sharing_consented,
       s.name AS site_name,
       lu.stage,
       lu.status,
       (extract(epoch FROM lu.started_at) * 1000)::float8 AS started_ms,
       (extract(epoch FROM lu.ended_at) * 1000)::float8 AS ended_ms,
       lu.planned_weeks,
       lu.closure_reason,
       ${linkUpEventsJson('lu')} AS events,
       (SELECT json_agg(json_build_array(p.family_id = lu.seeking_family_id, p.role, p.birth_year, p.age_band))
          FROM people p WHERE p.family_id IN (lu.seeking_family_id, lu.sharing_family_id)) AS people,
       (SELECT count(*) FROM check_ins ci WHERE ci.link_up_id = lu.id AND ci.status = 'completed')::int AS check_ins_held,
       (SELECT count(*) FROM check_ins ci WHERE ci.link_up_id = lu.id AND ci.status = 'missed')::int AS check_ins_missed,
       (SELECT count(*) FROM link_ups prior
         WHERE prior.sharing_family_id = lu.sharing_family_id
           AND (prior.started_at, prior.id) < (lu.started_at, lu.id))::int AS sharing_prior_link_ups,
       (SELECT array_agg(g.theme ORDER BY g.theme) FROM goals g WHERE g.link_up_id = lu.id) AS goal_themes,
       (SELECT count(*) FROM goals g WHERE g.link_up_id = lu.id AND g.status = 'achieved')::int AS goals_achieved,
       (SELECT count(*) FROM small_wins w WHERE w.link_up_id = lu.id)::int AS small_wins,
       (SELECT count(*) FROM get_togethers gt WHERE gt.link_up_id = lu.id)::int AS get_togethers
  FROM link_ups lu
  JOIN sites s ON s.id = lu.site_id
 WHERE ${evaluationConsentInSnapshot('lu.seeking_family_id')}
   AND ${scopeWhere}
 ORDER BY lu.id`;

/**
 * Link-ups of Seeking families with `evaluation_use` consent. Consent decides per family:
 * - Seeking family consented: the link-up is exported (it is the Seeking family's journey);
 * - Sharing family not consenting: its pseudonym, ages and prior link-ups are left empty;
 * - only the Sharing family consented: the link-up is not exported at all, because nearly every
 *   column (stages, goals, closure) describes the Seeking family, who has not agreed.
 */
export const LINK_UPS_EXPORT: ExportDefinition<LinkUpSource, LinkUpExportRow> = {
  query(filters: ExportFilters): ExportQuery {
    const scope = linkUpScope('lu', filters);
    return { sql: SQL(scope.where), parameters: scope.parameters };
  },
  prepare(source: LinkUpSource, context: ExportContext): LinkUpExportRow {
    const startedAt = new Date(source.started_ms);
    const endedAt = source.ended_ms === null ? null : new Date(source.ended_ms);
    const history = readHistory(startedAt, endedAt, source.events);
    const durations = computeStageDurations(history.timeline, context.at, {
      plannedWeeks: source.planned_weeks,
    });
    const bands = (seeking: boolean, role: string): string[] =>
      (source.people ?? [])
        .filter(([isSeeking, personRole]) => isSeeking === seeking && personRole === role)
        .map(([, , birthYear, stored]) => ageBand(birthYear, startedAt) ?? knownBand(stored))
        .filter((band): band is string => band !== null)
        .sort((a, b) => AGE_BANDS.indexOf(a as never) - AGE_BANDS.indexOf(b as never));
    const status = source.status as LinkUpStatus;
    return {
      linkUpId: context.pseudonym('link_up', source.id),
      seekingFamilyId: context.pseudonym('family', source.seeking_family_id),
      sharingFamilyId: source.sharing_consented
        ? context.pseudonym('family', source.sharing_family_id)
        : null,
      site: source.site_name,
      startMonth: startMonth(startedAt),
      status,
      stage: source.stage as LinkUpStage,
      plannedWeeks: source.planned_weeks,
      activeWeeks: durations.activeWeeks,
      stageWeeks: {
        relationship_building: durations.byStage.relationship_building.activeWeeks,
        doing_with: durations.byStage.doing_with.activeWeeks,
        doing_without: durations.byStage.doing_without.activeWeeks,
      },
      pausedWeeks: durations.pausedWeeks,
      pauses: history.pauses,
      backwardMoves: history.backwardMoves,
      coachChanges: history.coachChanges,
      endDay: endedAt === null ? null : daysFrom(startedAt, endedAt),
      // A completed link-up's closure reason is the coach's own words: never exported.
      closureReason:
        status === 'ended_early' && isEndEarlyReason(source.closure_reason) ? source.closure_reason : null,
      checkInsHeld: source.check_ins_held,
      checkInsMissed: source.check_ins_missed,
      sharingPriorLinkUps: source.sharing_consented ? source.sharing_prior_link_ups : null,
      seekingAdultAgeBands: bands(true, 'adult'),
      seekingChildAgeBands: bands(true, 'child'),
      sharingAdultAgeBands: source.sharing_consented ? bands(false, 'adult') : null,
      goalThemes: source.goal_themes ?? [],
      goalsAchieved: source.goals_achieved,
      smallWins: source.small_wins,
      getTogethers: source.get_togethers,
    };
  },
};

/** What the history of a link-up says: its timeline for the duration rules, and a few counts. */
export interface LinkUpHistory {
  readonly timeline: LinkUpTimeline;
  readonly pauses: number;
  readonly backwardMoves: number;
  readonly coachChanges: number;
}

/** Reads `link_up_events` rows (kind, epoch ms, stage led to; in time order) into a timeline. */
export function readHistory(
  startedAt: Date,
  endedAt: Date | null,
  events: readonly EventTuple[] | null,
): LinkUpHistory {
  const stageChanges: StageChange[] = [];
  const pauses: { start: Date; end: Date | null }[] = [];
  let stage: LinkUpStage = 'relationship_building';
  let backwardMoves = 0;
  let coachChanges = 0;
  for (const [kind, atMs, toStage] of events ?? []) {
    switch (kind) {
      case 'stage_advanced':
      case 'stage_moved_back':
        if (isLinkUpStage(toStage)) {
          stageChanges.push({ from: stage, to: toStage, at: new Date(atMs) });
          stage = toStage;
        }
        if (kind === 'stage_moved_back') backwardMoves += 1;
        break;
      case 'paused':
        pauses.push({ start: new Date(atMs), end: null });
        break;
      case 'resumed': {
        const open = pauses[pauses.length - 1];
        if (open !== undefined && open.end === null) open.end = new Date(atMs);
        break;
      }
      case 'coach_changed':
        coachChanges += 1;
        break;
      default:
        break;
    }
  }
  const periods: PausePeriod[] = pauses;
  return {
    timeline: { startedAt, stageChanges, pauses: periods, closedAt: endedAt },
    pauses: pauses.length,
    backwardMoves,
    coachChanges,
  };
}

function knownBand(stored: string | null): string | null {
  return stored !== null && (AGE_BANDS as readonly string[]).includes(stored) ? stored : null;
}

const weeks = 'weeks, rounded down to a tenth';
const stageWeeksColumn = (stage: LinkUpStage): ExportColumn<LinkUpExportRow> => ({
  name: `weeks_${stage}`,
  type: 'decimal',
  unit: weeks,
  description: `Active weeks spent in the ${stage.replace(/_/g, ' ')} stage (all stays added together, paused time excluded), up to the end of the link-up or the export.`,
  value: (row) => row.stageWeeks[stage],
});

/** The columns of `link-ups.csv`, in order. */
export const LINK_UPS_TABLE: ExportTable<LinkUpExportRow> = {
  file: 'link-ups.csv',
  description:
    'Link-ups of Seeking families that consent to evaluation use, with their stages, pauses, check-ins and closure. Dates are days from the start of the link-up plus its start month.',
  rowIs: 'one link-up',
  columns: [
    {
      name: 'link_up_id',
      type: 'pseudonym',
      pseudonymPrefix: 'L',
      description:
        'Pseudonymous id of the link-up: the same in every export made under the same programme key.',
      value: (row) => row.linkUpId,
    },
    {
      name: 'seeking_family_id',
      type: 'pseudonym',
      pseudonymPrefix: 'F',
      description: 'Pseudonymous id of the Seeking family (the same family has the same id in every file).',
      value: (row) => row.seekingFamilyId,
    },
    {
      name: 'sharing_family_id',
      type: 'pseudonym',
      pseudonymPrefix: 'F',
      description: 'Pseudonymous id of the Sharing family.',
      emptyMeans: 'the Sharing family has not consented to evaluation use',
      value: (row) => row.sharingFamilyId,
    },
    {
      name: 'site',
      type: 'text',
      description: 'Name of the delivery site (a programme location, never an address).',
      value: (row) => row.site,
    },
    {
      name: 'start_month',
      type: 'month',
      description:
        'Month the link-up started (YYYY-MM, UTC). Every other date is a number of days from the start.',
      value: (row) => row.startMonth,
    },
    {
      name: 'status',
      type: 'code',
      allowedValues: LINK_UP_STATUSES,
      description: 'Status at the time of the export.',
      value: (row) => row.status,
    },
    {
      name: 'stage',
      type: 'code',
      allowedValues: LINK_UP_STAGES,
      description: 'Current stage, or the last stage for a closed link-up.',
      value: (row) => row.stage,
    },
    {
      name: 'planned_weeks',
      type: 'integer',
      unit: 'weeks',
      description: 'Planned length of the link-up (the programme runs 10 to 30 weeks).',
      value: (row) => row.plannedWeeks,
    },
    {
      name: 'active_weeks',
      type: 'decimal',
      unit: weeks,
      description: 'Weeks from the start to the end (or the export), paused time excluded.',
      value: (row) => row.activeWeeks,
    },
    ...LINK_UP_STAGES.map(stageWeeksColumn),
    {
      name: 'paused_weeks',
      type: 'decimal',
      unit: weeks,
      description: 'Weeks the link-up spent paused.',
      value: (row) => row.pausedWeeks,
    },
    {
      name: 'pauses',
      type: 'integer',
      unit: 'count',
      description: 'Number of times the link-up was paused.',
      value: (row) => row.pauses,
    },
    {
      name: 'backward_moves',
      type: 'integer',
      unit: 'count',
      description: 'Number of times the link-up moved back a stage.',
      value: (row) => row.backwardMoves,
    },
    {
      name: 'coach_changes',
      type: 'integer',
      unit: 'count',
      description:
        'Number of times the link-up changed coach (continuity of the same coach is a programme aim).',
      value: (row) => row.coachChanges,
    },
    {
      name: 'end_day',
      type: 'integer',
      unit: 'days from start',
      description: 'Day the link-up was completed or ended early, counted from its start (day 0).',
      emptyMeans: 'the link-up has not closed',
      value: (row) => row.endDay,
    },
    {
      name: 'closure_reason',
      type: 'code',
      allowedValues: END_EARLY_REASONS,
      description:
        'Why the link-up ended early. Completed link-ups have no code here (their closure notes are free text and are never exported).',
      emptyMeans: 'the link-up did not end early',
      value: (row) => row.closureReason,
    },
    {
      name: 'check_ins_held',
      type: 'integer',
      unit: 'count',
      description: 'Coach check-ins held (completed) with either family.',
      value: (row) => row.checkInsHeld,
    },
    {
      name: 'check_ins_missed',
      type: 'integer',
      unit: 'count',
      description: 'Coach check-ins that were due and not held within the grace period (missed).',
      value: (row) => row.checkInsMissed,
    },
    {
      name: 'goals',
      type: 'integer',
      unit: 'count',
      description: 'Change goals the Seeking family set in this link-up (see goals.csv for each).',
      value: (row) => row.goalThemes.length,
    },
    {
      name: 'goals_achieved',
      type: 'integer',
      unit: 'count',
      description: 'Goals marked achieved.',
      value: (row) => row.goalsAchieved,
    },
    {
      name: 'goal_themes',
      type: 'code_list',
      allowedValues: (settings) => settings.vocabularies.goalThemes.map((term) => term.key),
      description:
        'The theme of each goal, sorted, separated by ";" (a theme appears once per goal, so the list counts goals by theme).',
      emptyMeans: 'no goals',
      value: (row) => (row.goalThemes.length === 0 ? null : row.goalThemes),
    },
    {
      name: 'small_wins',
      type: 'integer',
      unit: 'count',
      description: 'Small wins recorded in the link-up (by either family or the coach).',
      value: (row) => row.smallWins,
    },
    {
      name: 'get_togethers',
      type: 'integer',
      unit: 'count',
      description: 'Get-togethers of the two families recorded in the link-up.',
      value: (row) => row.getTogethers,
    },
    {
      name: 'sharing_family_prior_link_ups',
      type: 'integer',
      unit: 'count',
      description: 'Link-ups the Sharing family had started before this one (its experience).',
      emptyMeans: 'the Sharing family has not consented to evaluation use',
      value: (row) => row.sharingPriorLinkUps,
    },
    {
      name: 'seeking_adult_age_bands',
      type: 'code_list',
      allowedValues: AGE_BANDS,
      description:
        'Age bands of the Seeking family’s adults at the start of the link-up, youngest first, separated by ";".',
      emptyMeans: 'no adult with a known age',
      value: (row) => (row.seekingAdultAgeBands.length === 0 ? null : row.seekingAdultAgeBands),
    },
    {
      name: 'seeking_child_age_bands',
      type: 'code_list',
      allowedValues: AGE_BANDS,
      description:
        'Age bands of the Seeking family’s children at the start of the link-up, youngest first, separated by ";".',
      emptyMeans: 'no child with a known age',
      value: (row) => (row.seekingChildAgeBands.length === 0 ? null : row.seekingChildAgeBands),
    },
    {
      name: 'sharing_adult_age_bands',
      type: 'code_list',
      allowedValues: AGE_BANDS,
      description:
        'Age bands of the Sharing family’s adults at the start of the link-up, youngest first, separated by ";".',
      emptyMeans: 'no adult with a known age, or the Sharing family has not consented to evaluation use',
      value: (row) =>
        row.sharingAdultAgeBands === null || row.sharingAdultAgeBands.length === 0
          ? null
          : row.sharingAdultAgeBands,
    },
  ],
};
