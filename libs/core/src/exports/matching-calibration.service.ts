import {
  FIT_BANDS,
  fitBandOf,
  goalAttainmentChange,
  isEndEarlyReason,
  NOT_PUBLISHED,
  rankingScoreOf,
  type FitBand,
} from '@app/domain';
import { Injectable } from '@nestjs/common';
import type { Caller } from '../access';
import { isSiteInScope } from '../access';
import { Clock } from '../clock';
import { TransactionContext } from '../transaction';
import { CommonErrors } from '../errors';
import { ProgrammeSettingsService } from '../settings';
import { evaluationConsentInSnapshot, linkUpScope } from './export-context';
import { resolveExportFilters, type ExportFilterInput } from './export-filters';
import { ExportErrors } from './export.errors';
import { ExportsService } from './exports.service';
import { inReportSnapshot } from './report-snapshot';
import {
  assembleCalibrationTables,
  type CalibrationLinkUp,
  type CalibrationRow,
} from './matching-calibration-report';
import { MATCHING_CALIBRATION_DICTIONARY } from './matching-calibration.dictionary';

export interface MatchingCalibrationReport {
  readonly generatedAt: string;
  readonly filters: {
    readonly site: string | null;
    readonly from: string | null;
    readonly to: string | null;
  };
  readonly suppressionThreshold: number;
  /** The bands, lowest first. */
  readonly fitBands: readonly FitBand[];
  /** One row per band, lowest first. */
  readonly bands: readonly CalibrationRow[];
  /** Every band together. */
  readonly allBands: CalibrationRow;
  readonly notes: readonly string[];
}

const CALIBRATION_ROLES = ['evaluator', 'admin', 'supervisor'];

interface EndedLinkUpRow {
  id: string;
  site_id: string;
  status: 'completed' | 'ended_early';
  closure_reason: string | null;
  score: number | null;
  ranking_score: number | null;
  known_share: number | null;
}

/**
 * The matching calibration report (issue 16, `GET /api/reports/matching-calibration`): for the
 * link-ups that ended, the fit the chosen Sharing family had in the shortlist when the Seeking family
 * chose it, against how the link-up ended and how its goals moved, in bands of fit. This is how a
 * programme learns whether its matching weights pick the pairs that go well.
 *
 * Which link-ups: those that started in the period, have ended (completed or ended early), came
 * from a shortlist (their fit is read from the shortlist's snapshot, never recomputed), and whose
 * Seeking family consents to evaluation use in the transaction's snapshot (as every report).
 *
 * Who: evaluators and admins every site or one; a supervisor its own site (no site given means
 * its own; another site's id is 404). Small cells as the other reports: see
 * `assembleCalibrationTables`.
 */
@Injectable()
export class MatchingCalibrationService {
  constructor(
    private readonly transactions: TransactionContext,
    private readonly settings: ProgrammeSettingsService,
    private readonly exportsLog: ExportsService,
    private readonly clock: Clock,
  ) {}

  async calibrateMatching(caller: Caller, input: ExportFilterInput): Promise<MatchingCalibrationReport> {
    const { actor } = caller;
    if (!CALIBRATION_ROLES.includes(actor.role)) throw ExportErrors.reportNotAllowed();
    const supervisor = actor.role === 'supervisor';
    const requested = input.siteId ?? null;
    if (supervisor && requested !== null && !isSiteInScope(actor, requested))
      throw CommonErrors.notFound('Site');
    const filters = resolveExportFilters({ ...input, siteId: supervisor ? actor.siteId : requested });
    if (supervisor && filters.siteId === null) throw CommonErrors.notFound('Site');
    const settings = await this.settings.currentSettings();
    const threshold = settings.deIdentification.suppressionThreshold;
    // Every site of the period is read and suppressed together; the site filter only picks rows.
    const everySite = linkUpScope('lu', { ...filters, siteId: null });
    const at = this.clock.now();

    const { sites, ended, ratings } = await inReportSnapshot(
      this.transactions,
      at,
      filters.siteId,
      async (sites) => {
        const ended = await this.transactions.manager.query<EndedLinkUpRow[]>(
          `SELECT lu.id, lu.site_id, lu.status, lu.closure_reason,
                (chosen.c->>'score')::float8 AS score,
                (chosen.c->>'rankingScore')::float8 AS ranking_score,
                (chosen.c->'explanation'->>'knownWeightShare')::float8 AS known_share
           FROM link_ups lu
           JOIN match_proposals mp ON mp.id = lu.match_proposal_id
           CROSS JOIN LATERAL (
                SELECT c FROM jsonb_array_elements(mp.candidates) c
                 WHERE c->>'sharingFamilyId' = lu.sharing_family_id::text
                 LIMIT 1) chosen
          WHERE lu.status IN ('completed', 'ended_early')
            AND ${evaluationConsentInSnapshot('lu.seeking_family_id')}
            AND ${everySite.where}`,
          everySite.parameters,
        );
        const ratings = await this.transactions.manager.query<{ link_up_id: string; ratings: number[] }[]>(
          `SELECT g.link_up_id, array_agg(r.rating ORDER BY r.rated_at, r.created_at, r.id)::int[] AS ratings
           FROM goals g
           JOIN goal_ratings r ON r.goal_id = g.id
          WHERE g.link_up_id = ANY($1::uuid[])
          GROUP BY g.id, g.link_up_id`,
          [ended.map((row) => row.id)],
        );
        return { sites, ended, ratings };
      },
    );

    const ratingsByLinkUp = new Map<string, number[][]>();
    for (const row of ratings)
      ratingsByLinkUp.set(row.link_up_id, [...(ratingsByLinkUp.get(row.link_up_id) ?? []), row.ratings]);
    const linkUps: CalibrationLinkUp[] = ended.flatMap((row) => {
      if (row.score === null || row.known_share === null) return [];
      const fit = rankingScoreOf({
        score: row.score,
        knownWeightShare: row.known_share,
        ...(row.ranking_score === null ? {} : { rankingScore: row.ranking_score }),
      });
      return [
        {
          siteId: row.site_id,
          band: fitBandOf(fit),
          outcome:
            row.status === 'completed'
              ? 'completed'
              : isEndEarlyReason(row.closure_reason)
                ? row.closure_reason
                : 'other',
          goalChange: goalAttainmentChange(ratingsByLinkUp.get(row.id) ?? []),
        },
      ];
    });
    const tables = assembleCalibrationTables(
      sites.map((site) => site.id),
      linkUps,
      threshold,
      filters.siteId,
    );
    const report: MatchingCalibrationReport = {
      generatedAt: at.toISOString(),
      filters: {
        site: filters.siteId === null ? null : (sites.find((s) => s.id === filters.siteId)?.name ?? null),
        from: filters.from,
        to: filters.to,
      },
      suppressionThreshold: threshold,
      fitBands: FIT_BANDS,
      ...tables,
      notes: [
        'Only link-ups whose Seeking family’s evaluation_use consent is in force, that started within the period, have ended (completed or ended early) and were made from a shortlist.',
        ...MATCHING_CALIBRATION_DICTIONARY.terms.map((term) => term.description),
        `In this report the threshold is ${threshold}: counts from 1 to ${threshold - 1} show as ${NOT_PUBLISHED}.`,
      ],
    };
    const published = tables.allBands.ended;
    await this.exportsLog.recordReport(caller, filters, {
      rowCount: published === NOT_PUBLISHED ? 0 : published,
      json: JSON.stringify(report),
    });
    return report;
  }
}
