import { computeStageDurations, isEndEarlyReason, LINK_UP_STAGES, type LinkUpStage } from '@app/domain';
import { Injectable } from '@nestjs/common';
import type { Caller } from '../access';
import { isSiteInScope } from '../access';
import { Clock } from '../clock';
import { TransactionContext } from '../transaction';
import { CommonErrors } from '../errors';
import { ProgrammeSettingsService } from '../settings';
import { evaluationConsentInSnapshot, linkUpScope } from './export-context';
import { ExportErrors } from './export.errors';
import { resolveExportFilters, type ExportFilterInput, type ExportFilters } from './export-filters';
import { ExportsService } from './exports.service';
import { inReportSnapshot } from './report-snapshot';
import { linkUpEventsJson, readHistory, type EventTuple } from './link-ups.export';
import {
  assembleSummaryReport,
  type SiteCount,
  type StageWeeks,
  type SummaryData,
  type SummaryReport,
} from './summary-report';

export interface SummaryReportView extends SummaryReport {
  readonly generatedAt: string;
  /** The filters applied: the site by name (the report carries no internal id), and the period. */
  readonly filters: {
    readonly site: string | null;
    readonly from: string | null;
    readonly to: string | null;
  };
}

const REPORTING_ROLES = ['evaluator', 'admin', 'supervisor', 'coach'];
const BATCH = 2_000;

interface CountRow {
  site_id: string;
  key: string;
  n: number;
}

interface TimelineRow {
  site_id: string;
  stage: LinkUpStage;
  status: string;
  started_ms: number;
  ended_ms: number | null;
  events: EventTuple[] | null;
}

/**
 * The aggregate report (`GET /api/reports/summary`, DESIGN §4.5): counts by site with small-cell
 * suppression, medians withheld for small groups.
 *
 * Scope. An evaluator or admin sees every site or the one asked for. A supervisor sees its own
 * site. A coach sees exactly what its supervisor sees: the site-level report, not one cut down to
 * its caseload. Aggregates at site level are the coach's view of the programme: it sees no other
 * coach's families' records (those routes stay caseload-scoped), only site totals. A caseload-level
 * report was not chosen because caseload tables, suppressed apart from the site table, could be
 * differenced against it (site minus caseload = the other coaches' families) to recover cells
 * either hides; one site-level table per period leaves nothing to difference. Another site's id
 * answers 404 for both.
 *
 * Suppression always runs on the all-sites tables of the period; a one-site report is that site's
 * rows of them (see `assembleSummaryReport`), so reports for different sites, or for one site and
 * for all, can never be set against each other to work out a withheld cell.
 */
@Injectable()
export class SummaryReportsService {
  constructor(
    private readonly transactions: TransactionContext,
    private readonly settings: ProgrammeSettingsService,
    private readonly exportsLog: ExportsService,
    private readonly clock: Clock,
  ) {}

  async summariseProgramme(caller: Caller, input: ExportFilterInput): Promise<SummaryReportView> {
    const { actor } = caller;
    if (!REPORTING_ROLES.includes(actor.role)) throw ExportErrors.reportNotAllowed();
    const staffOfSite = actor.role === 'coach' || actor.role === 'supervisor';
    const requested = input.siteId ?? null;
    if (staffOfSite && requested !== null && !isSiteInScope(actor, requested))
      throw CommonErrors.notFound('Site');
    const filters = resolveExportFilters({ ...input, siteId: staffOfSite ? actor.siteId : requested });
    if (staffOfSite && filters.siteId === null) throw CommonErrors.notFound('Site');
    // Every site of the period is read and suppressed together; the site filter only picks rows.
    const everySite: ExportFilters = { ...filters, siteId: null };
    const settings = await this.settings.currentSettings();
    const threshold = settings.deIdentification.suppressionThreshold;
    const vocabularyThemes = settings.vocabularies.goalThemes.map((term) => term.key);
    const at = this.clock.now();

    const data = await inReportSnapshot(
      this.transactions,
      at,
      filters.siteId,
      async (sites) =>
        ({
          sites,
          seekingFamiliesByStatus: await this.familiesByStatus('seeking', everySite),
          sharingFamiliesByStatus: await this.familiesByStatus('sharing', everySite),
          linkUpsByStageAndOutcome: await this.linkUpOutcomes(everySite),
          checkInsHeldVersusDue: await this.checkIns(everySite, at),
          stageWeeks: await this.stageWeeks(everySite, at),
          ...(await this.goals(everySite, vocabularyThemes)),
          feedbackRatings: await this.feedbackRatings(everySite),
        }) satisfies SummaryData,
    );

    const view: SummaryReportView = {
      generatedAt: at.toISOString(),
      filters: {
        site:
          filters.siteId === null
            ? null
            : (data.sites.find((site) => site.id === filters.siteId)?.name ?? null),
        from: filters.from,
        to: filters.to,
      },
      ...assembleSummaryReport(data, threshold, filters.siteId),
    };
    const linkUpCount = data.linkUpsByStageAndOutcome
      .filter((row) => filters.siteId === null || row.siteId === filters.siteId)
      .reduce((sum, row) => sum + row.count, 0);
    await this.exportsLog.recordReport(caller, filters, {
      rowCount: linkUpCount,
      json: JSON.stringify(view),
    });
    return view;
  }

  private async familiesByStatus(kind: 'seeking' | 'sharing', filters: ExportFilters): Promise<SiteCount[]> {
    const rows = await this.transactions.manager.query<CountRow[]>(
      `SELECT f.site_id, f.status AS key, count(*)::int AS n
         FROM families f
        WHERE f.kind = $4 AND ${evaluationConsentInSnapshot('f.id')}
          AND ($1::uuid IS NULL OR f.site_id = $1::uuid)
          AND ($2::timestamptz IS NULL OR f.created_at >= $2::timestamptz)
          AND ($3::timestamptz IS NULL OR f.created_at < $3::timestamptz)
        GROUP BY 1, 2`,
      [filters.siteId, filters.startsAtOrAfter, filters.startsBefore, kind],
    );
    return rows.map(toSiteCount);
  }

  private async linkUpOutcomes(filters: ExportFilters): Promise<SiteCount[]> {
    const scope = linkUpScope('lu', filters);
    const rows = await this.transactions.manager.query<
      { site_id: string; status: string; stage: string; reason: string | null; n: number }[]
    >(
      `SELECT lu.site_id, lu.status, lu.stage,
              CASE WHEN lu.status = 'ended_early' THEN lu.closure_reason END AS reason,
              count(*)::int AS n
         FROM link_ups lu
        WHERE ${evaluationConsentInSnapshot('lu.seeking_family_id')} AND ${scope.where}
        GROUP BY 1, 2, 3, 4`,
      scope.parameters,
    );
    return rows.map((row) => ({
      siteId: row.site_id,
      key:
        row.status === 'completed'
          ? 'completed'
          : row.status === 'ended_early'
            ? `ended_early:${isEndEarlyReason(row.reason) ? row.reason : 'other'}`
            : row.stage,
      count: row.n,
    }));
  }

  /**
   * Check-ins by outcome: a held one counts whenever it was held (a first contact held before its
   * due time counts at once); a missed or not-yet-held one once its due time has passed.
   */
  private async checkIns(filters: ExportFilters, at: Date): Promise<SiteCount[]> {
    const scope = linkUpScope('lu', filters);
    const atParameter = `$${scope.parameters.length + 1}`;
    const rows = await this.transactions.manager.query<CountRow[]>(
      `SELECT lu.site_id,
              CASE ci.status WHEN 'completed' THEN 'held' WHEN 'missed' THEN 'missed' ELSE 'not_yet_held' END AS key,
              count(*)::int AS n
         FROM check_ins ci
         JOIN link_ups lu ON lu.id = ci.link_up_id
        WHERE ${evaluationConsentInSnapshot('lu.seeking_family_id')} AND ${scope.where}
          AND ci.status <> 'cancelled'
          AND (ci.status = 'completed' OR ci.due_at <= ${atParameter}::timestamptz)
        GROUP BY 1, 2`,
      [...scope.parameters, at],
    );
    return rows.map(toSiteCount);
  }

  /**
   * The three viewpoints' answers, de-identified: ratings only (never the words), counted by
   * question, viewpoint and rating, for link-ups whose Seeking family consents.
   */
  private async feedbackRatings(filters: ExportFilters): Promise<SiteCount[]> {
    const scope = linkUpScope('lu', filters);
    const rows = await this.transactions.manager.query<CountRow[]>(
      `SELECT answer.row_key AS site_id, answer.rating::text AS key, count(*)::int AS n
         FROM link_up_feedback f
         JOIN link_ups lu ON lu.id = f.link_up_id
         CROSS JOIN LATERAL (VALUES ('relationship:' || f.viewpoint, f.relationship),
                                    ('change:' || f.viewpoint, f.change)) AS answer(row_key, rating)
        WHERE ${evaluationConsentInSnapshot('lu.seeking_family_id')} AND ${scope.where}
        GROUP BY 1, 2`,
      scope.parameters,
    );
    return rows.map(toSiteCount);
  }

  private async goals(
    filters: ExportFilters,
    vocabularyThemes: readonly string[],
  ): Promise<Pick<SummaryData, 'goalThemes' | 'goalsByThemeAndAttainment'>> {
    const scope = linkUpScope('lu', filters);
    const rows = await this.transactions.manager.query<CountRow[]>(
      `SELECT g.theme AS site_id, COALESCE(latest.rating::text, 'not_rated') AS key, count(*)::int AS n
         FROM goals g
         JOIN link_ups lu ON lu.id = g.link_up_id
         LEFT JOIN LATERAL (SELECT r.rating FROM goal_ratings r WHERE r.goal_id = g.id
                             ORDER BY r.rated_at DESC, r.created_at DESC, r.id DESC LIMIT 1) latest ON true
        WHERE ${evaluationConsentInSnapshot('lu.seeking_family_id')} AND ${scope.where}
        GROUP BY 1, 2`,
      scope.parameters,
    );
    const others = [...new Set(rows.map((row) => row.site_id))]
      .filter((theme) => !vocabularyThemes.includes(theme))
      .sort();
    return { goalThemes: [...vocabularyThemes, ...others], goalsByThemeAndAttainment: rows.map(toSiteCount) };
  }

  /**
   * Active weeks in each stage a link-up has left, computed by the domain's duration rule from the
   * link-up's history. Read through a cursor in batches, so memory holds the numbers, not the rows.
   */
  private async stageWeeks(filters: ExportFilters, at: Date): Promise<StageWeeks[]> {
    const scope = linkUpScope('lu', filters);
    await this.transactions.manager.query(
      `DECLARE report_link_ups NO SCROLL CURSOR FOR
       SELECT lu.site_id, lu.stage, lu.status,
              (extract(epoch FROM lu.started_at) * 1000)::float8 AS started_ms,
              (extract(epoch FROM lu.ended_at) * 1000)::float8 AS ended_ms,
              ${linkUpEventsJson('lu')} AS events
         FROM link_ups lu
        WHERE ${evaluationConsentInSnapshot('lu.seeking_family_id')} AND ${scope.where}`,
      scope.parameters,
    );
    const out: StageWeeks[] = [];
    for (;;) {
      const rows = await this.transactions.manager.query<TimelineRow[]>(
        `FETCH ${BATCH} FROM report_link_ups`,
      );
      if (rows.length === 0) break;
      for (const row of rows) {
        const startedAt = new Date(row.started_ms);
        const endedAt = row.ended_ms === null ? null : new Date(row.ended_ms);
        const durations = computeStageDurations(readHistory(startedAt, endedAt, row.events).timeline, at);
        const live = row.status === 'active' || row.status === 'paused';
        for (const stage of LINK_UP_STAGES) {
          const total = durations.byStage[stage];
          if (total.visits === 0 || (live && row.stage === stage)) continue;
          out.push({ siteId: row.site_id, stage, weeks: total.activeWeeks });
        }
      }
    }
    await this.transactions.manager.query('CLOSE report_link_ups');
    return out;
  }
}

function toSiteCount(row: CountRow): SiteCount {
  return { siteId: row.site_id, key: row.key, count: row.n };
}
