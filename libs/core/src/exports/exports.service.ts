import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import type { Caller } from '../access';
import { AuditService } from '../audit';
import { CommonErrors, describeSafely } from '../errors';
import { processMetrics } from '../metrics';
import { ProgrammeSettingsService } from '../settings';
import { SitesService } from '../sites';
import { TransactionContext } from '../transaction';
import { CsvStreamFailure, ExportTimedOutError, type CsvStreamResult } from './csv-export.stream';
import { exportConnectionConfig, streamExportInWorker, type PostgresSettings } from './export-in-worker';
import type { DataDictionaryTable } from './export-columns';
import {
  MATCHING_CALIBRATION_DICTIONARY,
  type DataDictionaryReport,
} from './matching-calibration.dictionary';
import { ExportLimits } from './export-limits';
import { ExportErrors } from './export.errors';
import { resolveExportFilters, type ExportFilterInput, type ExportFilters } from './export-filters';
import { EXPORT_NAMES, EXPORTS, type ExportName } from './export-registry';
import type { ExportRun, ExportRunFilters, ExportRunKind } from './export-run.entity';
import { ExportRunsRepository } from './export-runs.repository';
import { PseudonymKey } from './pseudonym-key';
import { Clock } from '../clock';

export interface ExportOptions {
  /** Start the file with a UTF-8 byte order mark (for Excel). */
  readonly bom?: boolean;
}

/** How an export ended, as recorded in its export run. */
export interface ExportOutcome {
  readonly runId: string;
  readonly status: 'finished' | 'failed';
  /** Data rows sent (complete ones, for a failed run). */
  readonly rowCount: number | null;
  /** SHA-256 of the bytes sent (the partial file, for a failed run). */
  readonly sha256: string | null;
  readonly failureCode: ExportFailureCode | null;
}

/**
 * Why a run failed: the reader went away, the run passed its time limit, anything else went
 * wrong, or the process died with the run open (found by the sweeper).
 */
export type ExportFailureCode = 'client_aborted' | 'timed_out' | 'export_error' | 'interrupted';

/** A started export: logged, not yet streamed. */
export interface StartedExport {
  readonly runId: string;
  /** A file name with no personal data: the export's name and the time of the export (UTC). */
  readonly fileName: string;
  /**
   * Streams the CSV into `sink` and records the outcome: rows, bytes and SHA-256 of what was sent
   * (of the partial file, for a failure) and the failure's code. Resolves with the outcome when the
   * reader went away or the time limit passed (the sink is destroyed then); rejects on any other
   * failure, after recording it. Frees the export's slot either way.
   */
  writeTo(sink: Writable): Promise<ExportOutcome>;
}

export interface DataDictionary {
  readonly version: 1;
  readonly conventions: Readonly<Record<string, string>>;
  readonly files: readonly DataDictionaryTable[];
  /** The aggregate reports' own terms (how a figure is computed), where a column's meaning is not enough. */
  readonly reports: readonly DataDictionaryReport[];
}

const EXPORTING_ROLES = ['evaluator', 'admin'];

/**
 * The app is shutting down: the export's sink is destroyed with this error and its run recorded as
 * `interrupted` (an HTTP response destroyed with it closes instead: the shutdown flag tells that case).
 */
class ExportInterruptedError extends Error {
  readonly code = 'EXPORT_INTERRUPTED';
  constructor() {
    super('The export was stopped: the app is shutting down.');
    this.name = 'ExportInterruptedError';
  }
}

/**
 * De-identified record-level exports for evaluators (DESIGN §4.5). Each export is one SELECT read
 * through a database cursor and streamed as CSV; every one is logged in `export_runs` and audited
 * when it starts and when it ends.
 *
 * Each export runs in a worker thread (`streamExportInWorker`) on a database connection of its own,
 * held while it streams, so this process runs at most
 * `ExportLimits.maxConcurrent` at once and `maxPerUser` per user (more: `EXPORT.TOO_MANY_AT_ONCE`,
 * 429 with `Retry-After`), each for at most `maxDurationMs`. Runs left `running` by a process that
 * died are marked failed (`interrupted`) at start-up and before each export; exports still running
 * when the app shuts down are stopped and recorded failed (`interrupted`) before the database goes.
 */
@Injectable()
export class ExportsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ExportsService');
  private running = 0;
  private readonly runningByUser = new Map<string, number>();
  /** Exports streaming now: their sink, and their end recorded (settled either way). */
  private readonly streaming = new Set<{ readonly sink: Writable; readonly ended: Promise<unknown> }>();
  /** Set when the app starts shutting down: an export stopped from then on is `interrupted`. */
  private shuttingDown = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly runs: ExportRunsRepository,
    private readonly transactions: TransactionContext,
    private readonly audit: AuditService,
    private readonly sites: SitesService,
    private readonly pseudonyms: PseudonymKey,
    private readonly settings: ProgrammeSettingsService,
    private readonly limits: ExportLimits,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.sweepInterruptedRuns();
  }

  /**
   * The app is about to shut down: an export stopped from now on is `interrupted`, not the reader's
   * doing, including one the HTTP drain cuts before the modules close (`closeApiApp` calls this first).
   */
  noteShuttingDown(): void {
    this.shuttingDown = true;
  }

  /**
   * Stops the exports still streaming (their sink destroyed: the worker cancels its query and rolls
   * back) and waits for their end to be recorded (`interrupted`, or what stopped them first, such as
   * the HTTP drain cutting the response), while the database is still there: otherwise the run stayed
   * `running` without its `export.failed` audit line until the next start's sweep.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.noteShuttingDown();
    const streaming = [...this.streaming];
    for (const { sink } of streaming) if (!sink.destroyed) sink.destroy(new ExportInterruptedError());
    await Promise.allSettled(streaming.map(({ ended }) => ended));
  }

  /**
   * Marks failed (`interrupted`) every run still `running` long after any live process would have
   * stopped it: its process died mid-export. Returns how many.
   */
  async sweepInterruptedRuns(): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - this.limits.abandonedAfterMs);
    const swept = await this.runs.failRunningStartedBefore(cutoff, this.clock.now());
    if (swept > 0)
      this.logger.warn({ swept }, 'Marked export runs left running by a stopped process as failed');
    return swept;
  }

  /** Takes a slot for `userId`, or refuses with 429 when the process or the user is at the limit. */
  private takeSlot(userId: string): () => void {
    const mine = this.runningByUser.get(userId) ?? 0;
    if (mine >= this.limits.maxPerUser)
      throw ExportErrors.tooManyAtOnce(this.limits.retryAfterSeconds, 'user');
    if (this.running >= this.limits.maxConcurrent)
      throw ExportErrors.tooManyAtOnce(this.limits.retryAfterSeconds, 'server');
    this.running += 1;
    processMetrics.exportsRunning.inc();
    this.runningByUser.set(userId, mine + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running -= 1;
      processMetrics.exportsRunning.dec();
      const left = (this.runningByUser.get(userId) ?? 1) - 1;
      if (left <= 0) this.runningByUser.delete(userId);
      else this.runningByUser.set(userId, left);
    };
  }

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
    const release = this.takeSlot(caller.actor.id);
    let run: ExportRun;
    const at = this.clock.now();
    try {
      await this.sweepInterruptedRuns();
      run = await this.recordStart(caller, registered.kind, filters, { bom }, at);
    } catch (error) {
      release();
      throw error;
    }
    return {
      runId: run.id,
      fileName: `family-link-${name}-${compactTimestamp(at)}.csv`,
      writeTo: async (sink) => {
        // The slot is free once the sink has taken the last byte: a reader that got the whole file
        // may start the next export at once (recording the end takes a moment longer).
        sink.once('finish', release);
        const ended = this.streamRun(caller, run, registered, { filters, at, bom, sink });
        const entry = { sink, ended };
        this.streaming.add(entry);
        try {
          return await ended;
        } finally {
          this.streaming.delete(entry);
          release();
        }
      },
    };
  }

  private async streamRun(
    caller: Caller,
    run: ExportRun,
    registered: (typeof EXPORTS)[ExportName],
    request: { filters: ExportFilters; at: Date; bom: boolean; sink: Writable },
  ): Promise<ExportOutcome> {
    let result: CsvStreamResult;
    try {
      // In a worker thread with a capped heap, on a connection of its own (BENCHMARKS.md, "exports'
      // memory"): the rows never reach this thread's heap, and their CPU stays off its event loop.
      result = await streamExportInWorker({
        data: {
          connection: exportConnectionConfig(this.dataSource.options as PostgresSettings),
          name: registered.name,
          filters: request.filters,
          at: request.at,
          pseudonymSecret: this.pseudonyms.secretForExportWorker(),
          bom: request.bom,
          maxDurationMs: this.limits.maxDurationMs,
        },
        sink: request.sink,
      });
    } catch (error) {
      const cause = error instanceof CsvStreamFailure ? error.cause : error;
      const sent = error instanceof CsvStreamFailure ? error.sent : null;
      const closed = (cause as { code?: unknown } | null)?.code === 'ERR_STREAM_PREMATURE_CLOSE';
      const failureCode: ExportFailureCode =
        cause instanceof ExportInterruptedError || (closed && this.shuttingDown)
          ? 'interrupted'
          : closed
            ? 'client_aborted'
            : cause instanceof ExportTimedOutError
              ? 'timed_out'
              : 'export_error';
      if (failureCode === 'export_error')
        this.logger.error({ runId: run.id, err: describeSafely(cause) }, 'Export failed');
      if (failureCode === 'timed_out')
        this.logger.warn(
          { runId: run.id, limitMs: this.limits.maxDurationMs },
          'Export stopped at its time limit',
        );
      if (failureCode === 'interrupted')
        this.logger.warn({ runId: run.id }, 'Export stopped: the app is shutting down');
      await this.recordEnd(caller, run, {
        status: 'failed',
        rowCount: sent?.rowCount ?? null,
        byteCount: sent?.byteCount ?? null,
        sha256: sent?.sha256 ?? null,
        failureCode,
      });
      // The reader is gone, or the sink was destroyed at the time limit: nobody to answer.
      if (failureCode !== 'export_error' && request.sink.destroyed)
        return {
          runId: run.id,
          status: 'failed',
          rowCount: sent?.rowCount ?? null,
          sha256: sent?.sha256 ?? null,
          failureCode,
        };
      throw cause;
    }
    await this.recordEnd(caller, run, { status: 'finished', ...result, failureCode: null });
    return {
      runId: run.id,
      status: 'finished',
      rowCount: result.rowCount,
      sha256: result.sha256,
      failureCode: null,
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
      reports: [MATCHING_CALIBRATION_DICTIONARY],
    };
  }

  /** Logs a summary report (what it covered and the SHA-256 of its JSON), audited, in one transaction. */
  async recordReport(
    caller: Caller,
    filters: ExportFilters,
    result: { rowCount: number; json: string },
  ): Promise<void> {
    await this.transactions.run(async () => {
      const at = this.clock.now();
      const run = await this.recordStart(caller, 'summary_report', filters, {}, at);
      await this.recordEnd(caller, run, {
        status: 'finished',
        rowCount: result.rowCount,
        byteCount: Buffer.byteLength(result.json, 'utf8'),
        sha256: sha256Hex(result.json),
        failureCode: null,
      });
    });
  }

  /** Logs a run as started, with its audit line, in one transaction (the caller's, if one is open). */
  private async recordStart(
    caller: Caller,
    kind: ExportRunKind,
    filters: ExportFilters,
    extra: { bom?: boolean },
    at: Date,
  ): Promise<ExportRun> {
    const recorded: ExportRunFilters = {
      siteId: filters.siteId,
      from: filters.from,
      to: filters.to,
      ...extra,
    };
    return this.transactions.run(async () => {
      const run = await this.runs.save({
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
      });
      await this.audit.record({
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
      });
      return run;
    });
  }

  /** Logs a run's end, with its audit line, in one transaction (the caller's, if one is open). */
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
  ): Promise<void> {
    await this.transactions.run(async () => {
      await this.runs.end(run.id, {
        status: end.status,
        rowCount: end.rowCount,
        byteCount: end.byteCount === null ? null : String(end.byteCount),
        sha256: end.sha256,
        failureCode: end.failureCode,
        finishedAt: this.clock.now(),
      });
      await this.audit.record({
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
      });
    });
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
