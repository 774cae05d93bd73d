import { NOT_PUBLISHED, pairedChange, resolveInstrument, type PairedChange } from '@app/domain';
import { Injectable } from '@nestjs/common';
import type { Caller } from '../access';
import { Clock } from '../clock';
import { TransactionContext } from '../transaction';
import { CommonErrors } from '../errors';
import { ProgrammeSettingsService } from '../settings';
import { evaluationConsentInSnapshot, linkUpScope, pinSnapshotTime } from './export-context';
import { resolveExportFilters, type ExportFilterInput } from './export-filters';
import { ExportsService } from './exports.service';

/** The later timepoints compared with the baseline. */
export const OUTCOME_CHANGE_TIMEPOINTS = ['exit', 'follow_up'] as const;
export type OutcomeChangeTimepoint = (typeof OUTCOME_CHANGE_TIMEPOINTS)[number];

export interface OutcomeChangeRow extends PairedChange {
  readonly instrument: string;
  readonly label: string;
  /** baseline → this timepoint. */
  readonly to: OutcomeChangeTimepoint;
}

export interface OutcomeChangeReport {
  readonly generatedAt: string;
  readonly filters: {
    readonly site: string | null;
    readonly from: string | null;
    readonly to: string | null;
  };
  readonly suppressionThreshold: number;
  readonly rows: OutcomeChangeRow[];
}

interface MeasureRow {
  link_up_id: string;
  site_id: string;
  instrument: string;
  timepoint: string;
  score: number;
}

/**
 * Outcome change for evaluators (issue 15): per instrument, the paired change from baseline to exit
 * (and to follow-up) of Seeking families that consent to evaluation use, over the link-ups that
 * started in the period — n, mean change, 95 % CI. A pair is one link-up's earliest scored baseline
 * and earliest scored later measure of the same family.
 *
 * Small cells as in the summary report: pairs from 1 to threshold − 1 are not published. The cell is
 * worked out for every site of the period together; when any site has a small cell, the all-sites
 * figure is withheld too, so the all-sites and one-site figures can never be set against each other
 * to recover the small site's change.
 */
@Injectable()
export class OutcomeChangeService {
  constructor(
    private readonly transactions: TransactionContext,
    private readonly settings: ProgrammeSettingsService,
    private readonly exportsLog: ExportsService,
    private readonly clock: Clock,
  ) {}

  async outcomeChange(caller: Caller, input: ExportFilterInput): Promise<OutcomeChangeReport> {
    const filters = resolveExportFilters(input);
    const settings = await this.settings.currentSettings();
    const threshold = settings.deIdentification.suppressionThreshold;
    const everySite = linkUpScope('lu', { ...filters, siteId: null });
    const at = this.clock.now();
    // A transaction apart, not a run: one read-only REPEATABLE READ snapshot with the moment pinned,
    // which no caller's transaction may join or write in.
    const { sites, rows } = await this.transactions.runApart(
      async () => {
        await pinSnapshotTime((sql, parameters) => this.transactions.manager.query(sql, parameters), at);
        const sites = await this.transactions.manager.query<{ id: string; name: string }[]>(
          'SELECT id, name FROM sites',
        );
        const rows = await this.transactions.manager.query<MeasureRow[]>(
          `SELECT DISTINCT ON (lu.id, om.instrument, om.timepoint)
                lu.id AS link_up_id, lu.site_id, om.instrument, om.timepoint, om.score
           FROM link_ups lu
           JOIN outcome_measures om ON om.link_up_id = lu.id AND om.family_id = lu.seeking_family_id
          WHERE NOT om.declined AND om.score IS NOT NULL
            AND om.timepoint IN ('baseline', 'exit', 'follow_up')
            AND ${evaluationConsentInSnapshot('lu.seeking_family_id')}
            AND ${everySite.where}
          ORDER BY lu.id, om.instrument, om.timepoint, om.administered_at, om.id`,
          everySite.parameters,
        );
        return { sites, rows };
      },
      { readOnlySnapshot: true },
    );
    if (filters.siteId !== null && !sites.some((site) => site.id === filters.siteId))
      throw CommonErrors.notFound('Site');

    // instrument → link-up → timepoint → score
    type Scores = { site: string; scores: Map<string, number> };
    const byInstrument = new Map<string, Map<string, Scores>>();
    for (const row of rows) {
      const linkUps = byInstrument.get(row.instrument) ?? new Map<string, Scores>();
      byInstrument.set(row.instrument, linkUps);
      const entry: Scores = linkUps.get(row.link_up_id) ?? { site: row.site_id, scores: new Map() };
      linkUps.set(row.link_up_id, entry);
      entry.scores.set(row.timepoint, Number(row.score));
    }
    const out: OutcomeChangeRow[] = [];
    for (const instrument of [...byInstrument.keys()].sort()) {
      const label = resolveInstrument(instrument, settings.outcomeMeasures)?.label ?? instrument;
      for (const to of OUTCOME_CHANGE_TIMEPOINTS) {
        const bySite = new Map<string, number[]>();
        for (const { site, scores } of byInstrument.get(instrument)?.values() ?? []) {
          const before = scores.get('baseline');
          const after = scores.get(to);
          if (before === undefined || after === undefined) continue;
          bySite.set(site, [...(bySite.get(site) ?? []), after - before]);
        }
        const anySmall = [...bySite.values()].some((d) => d.length > 0 && d.length < threshold);
        const change =
          filters.siteId === null
            ? pairedChange([...bySite.values()].flat(), threshold, anySmall)
            : pairedChange(bySite.get(filters.siteId) ?? [], threshold);
        out.push({ instrument, label, to, ...change });
      }
    }
    const report: OutcomeChangeReport = {
      generatedAt: at.toISOString(),
      filters: {
        site: filters.siteId === null ? null : (sites.find((s) => s.id === filters.siteId)?.name ?? null),
        from: filters.from,
        to: filters.to,
      },
      suppressionThreshold: threshold,
      rows: out,
    };
    const published = out.reduce((sum, row) => sum + (row.n === NOT_PUBLISHED ? 0 : row.n), 0);
    await this.exportsLog.recordReport(caller, filters, {
      rowCount: published,
      json: JSON.stringify(report),
    });
    return report;
  }
}
