import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Writable } from 'node:stream';
import { DataSource, type EntityManager } from 'typeorm';
import type { Caller } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { CommonErrors } from '../errors';
import { describeSafely } from '../platform/error.filter';
import { ProgrammeSettingsService } from '../settings/programme-settings.service';
import { SitesService } from '../sites/sites.service';
import type { DataDictionaryTable } from './export-columns';
import { ExportErrors } from './export.errors';
import { resolveExportFilters, type ExportFilterInput, type ExportFilters } from './export-filters';
import { EXPORT_NAMES, EXPORTS, type ExportName } from './export-registry';
import { ExportRun, type ExportRunFilters, type ExportRunKind } from './export-run.entity';
import { PseudonymKey } from './pseudonym-key';

export interface ExportOptions {
  /** Start the file with a UTF-8 byte order mark (for Excel). */
  readonly bom?: boolean;
}

/** How an export ended, as recorded in its export run. */
export interface ExportOutcome {
  readonly runId: string;
  readonly status: 'finished' | 'failed';
  readonly rowCount: number | null;
  readonly sha256: string | null;
  readonly failureCode: string | null;
}

/** A started export: logged, not yet streamed. */
export interface StartedExport {
  readonly runId: string;
  /** A file name with no personal data: the export's name and the time of the export (UTC). */
  readonly fileName: string;
  /**
   * Streams the CSV into `sink` and records the outcome (rows, bytes, SHA-256, or the failure).
   * Resolves with the outcome when the reader went away; rejects on any other failure, after
   * recording it.
   */
  writeTo(sink: Writable): Promise<ExportOutcome>;
}

export interface DataDictionary {
  readonly version: 1;
  readonly conventions: Readonly<Record<string, string>>;
  readonly files: readonly DataDictionaryTable[];
}

const EXPORTING_ROLES = ['evaluator', 'admin'];

/**
 * De-identified record-level exports for evaluators (DESIGN §4.5). Each export is one SELECT read
 * through a database cursor and streamed as CSV; every one is logged in `export_runs` and audited
 * when it starts and when it ends.
 */
@Injectable()
export class ExportsService {
  private readonly logger = new Logger('ExportsService');

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly sites: SitesService,
    private readonly pseudonyms: PseudonymKey,
    private readonly settings: ProgrammeSettingsService,
  ) {}

  /** Validates the filters, logs the run (audited `export.run`) and returns the handle that streams it. */
  async startExport(
    caller: Caller,
    name: ExportName,
    input: ExportFilterInput,
    options: ExportOptions = {},
  ): Promise<StartedExport> {
    if (!EXPORTING_ROLES.includes(caller.actor.role)) throw ExportErrors.notAllowed();
    const filters = resolveExportFilters(input);
    if (filters.siteId !== null && !(await this.sites.siteExists(filters.siteId)))
      throw CommonErrors.notFound('Site');
    const registered = EXPORTS[name];
    const bom = options.bom ?? false;
    const at = new Date();
    const run = await this.recordStart(caller, registered.kind, filters, { bom }, at);
    return {
      runId: run.id,
      fileName: `family-link-${name}-${compactTimestamp(at)}.csv`,
      writeTo: async (sink) => {
        try {
          const result = await registered.stream({
            dataSource: this.dataSource,
            filters,
            at,
            pseudonym: (kind, id) => this.pseudonyms.pseudonymOf(kind, id),
            sink,
            bom,
          });
          await this.recordEnd(caller, run, { status: 'finished', ...result, failureCode: null });
          return {
            runId: run.id,
            status: 'finished',
            rowCount: result.rowCount,
            sha256: result.sha256,
            failureCode: null,
          };
        } catch (error) {
          const aborted = (error as { code?: unknown }).code === 'ERR_STREAM_PREMATURE_CLOSE';
          const failureCode = aborted ? 'client_aborted' : 'export_error';
          if (!aborted) this.logger.error({ runId: run.id, err: describeSafely(error) }, 'Export failed');
          await this.recordEnd(caller, run, {
            status: 'failed',
            rowCount: null,
            byteCount: null,
            sha256: null,
            failureCode,
          });
          if (aborted) return { runId: run.id, status: 'failed', rowCount: null, sha256: null, failureCode };
          throw error;
        }
      },
    };
  }

  /** Every column of every export, from the same definitions the CSV files are written from. */
  async dataDictionary(): Promise<DataDictionary> {
    const settings = await this.settings.currentSettings();
    return {
      version: 1,
      conventions: {
        encoding:
          'UTF-8 CSV (RFC 4180): comma-separated, CRLF line ends, a header line, fields quoted when they hold a comma, a quote or a line break. Add bom=true for Excel.',
        empty: 'An empty field means the value is unknown or does not apply (see emptyMeans).',
        consent:
          'Only families whose evaluation_use consent is in force at the time of the export appear. A link-up appears only when its Seeking family consents; when its Sharing family does not, the Sharing family’s columns are empty.',
        pseudonyms:
          'Ids are keyed hashes (HMAC-SHA-256 under the programme key) of internal ids, with a prefix for what they identify: F family, L link-up, G goal, M outcome measure. The same record has the same id in every export; they cannot be turned back into internal ids.',
        dates:
          'No calendar dates: a month (YYYY-MM, UTC) and whole days from the start of the link-up (day 0).',
        never:
          'Never exported: names, contacts, addresses, exact birth dates, internal ids and free text (notes, goal and small-win wording, reasons written by staff).',
      },
      files: EXPORT_NAMES.map((name) => EXPORTS[name].dictionary(settings)),
    };
  }

  /** Logs a summary report (what it covered and the SHA-256 of its JSON), audited, in one transaction. */
  async recordReport(
    caller: Caller,
    filters: ExportFilters,
    result: { rowCount: number; json: string },
    manager?: EntityManager,
  ): Promise<void> {
    const work = async (m: EntityManager): Promise<void> => {
      const at = new Date();
      const run = await this.recordStart(caller, 'summary_report', filters, {}, at, m);
      await this.recordEnd(
        caller,
        run,
        {
          status: 'finished',
          rowCount: result.rowCount,
          byteCount: Buffer.byteLength(result.json, 'utf8'),
          sha256: sha256Hex(result.json),
          failureCode: null,
        },
        m,
      );
    };
    if (manager !== undefined) return work(manager);
    return this.dataSource.transaction(work);
  }

  private async recordStart(
    caller: Caller,
    kind: ExportRunKind,
    filters: ExportFilters,
    extra: { bom?: boolean },
    at: Date,
    manager?: EntityManager,
  ): Promise<ExportRun> {
    const recorded: ExportRunFilters = {
      siteId: filters.siteId,
      from: filters.from,
      to: filters.to,
      ...extra,
    };
    const work = async (m: EntityManager): Promise<ExportRun> => {
      const runs = m.getRepository(ExportRun);
      const run = await runs.save(
        runs.create({
          kind,
          actorId: caller.actor.id,
          actorRole: caller.actor.role,
          requestId: caller.requestId,
          filters: recorded,
          status: 'running',
          rowCount: null,
          byteCount: null,
          sha256: null,
          failureCode: null,
          startedAt: at,
          finishedAt: null,
        }),
      );
      await this.audit.record(
        {
          actor: caller.actor,
          requestId: caller.requestId,
          action: 'export.run',
          entityType: 'export_run',
          entityId: run.id,
          details: {
            kind,
            siteId: recorded.siteId,
            from: recorded.from,
            to: recorded.to,
            ...(extra.bom === undefined ? {} : { bom: extra.bom }),
          },
        },
        m,
      );
      return run;
    };
    return manager !== undefined ? work(manager) : this.dataSource.transaction(work);
  }

  private async recordEnd(
    caller: Caller,
    run: ExportRun,
    end: {
      status: 'finished' | 'failed';
      rowCount: number | null;
      byteCount: number | null;
      sha256: string | null;
      failureCode: string | null;
    },
    manager?: EntityManager,
  ): Promise<void> {
    const work = async (m: EntityManager): Promise<void> => {
      await m.getRepository(ExportRun).update(
        { id: run.id, status: 'running' },
        {
          status: end.status,
          rowCount: end.rowCount,
          byteCount: end.byteCount === null ? null : String(end.byteCount),
          sha256: end.sha256,
          failureCode: end.failureCode,
          finishedAt: new Date(),
        },
      );
      await this.audit.record(
        {
          actor: caller.actor,
          requestId: caller.requestId,
          action: end.status === 'finished' ? 'export.finished' : 'export.failed',
          entityType: 'export_run',
          entityId: run.id,
          details: {
            kind: run.kind,
            rowCount: end.rowCount,
            sha256: end.sha256,
            failureCode: end.failureCode,
          },
        },
        m,
      );
    };
    return manager !== undefined ? work(manager) : this.dataSource.transaction(work);
  }
}

function compactTimestamp(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
