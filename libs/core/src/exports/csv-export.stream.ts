import { stringify } from 'csv-stringify';
import { createHash } from 'node:crypto';
import { Readable, Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DataSource, QueryRunner } from 'typeorm';
import { exportRecord, type ExportTable } from './export-columns';
import { pinSnapshotTime, type ExportQuery } from './export-context';

export interface CsvStreamOptions<Source, Row> {
  readonly dataSource: DataSource;
  readonly query: ExportQuery;
  readonly prepare: (source: Source) => Row;
  readonly table: ExportTable<Row>;
  readonly sink: Writable;
  /** The moment of the export (the clock's): consent in force then (`pinSnapshotTime`). */
  readonly at: Date;
  /** Start with a UTF-8 byte order mark, so Excel reads the file as UTF-8. */
  readonly bom: boolean;
  /** Rows per FETCH (default 1,000). */
  readonly batchSize?: number;
  /**
   * Wall-clock limit for the whole export, in ms (default 10 minutes). When it passes, the stream
   * is aborted (the sink destroyed, the transaction rolled back, the connection returned) and the
   * promise rejects with `ExportTimedOutError`. Each statement of the cursor is held to the same
   * limit by `statement_timeout`, so a slow FETCH cannot outlive it either.
   */
  readonly maxDurationMs?: number;
}

export interface CsvStreamResult {
  /** Data rows written (the header line not counted). */
  readonly rowCount: number;
  readonly byteCount: number;
  /** SHA-256 of exactly the bytes written, hex. */
  readonly sha256: string;
}

/** How long a stalled reader may hold the export's transaction open before PostgreSQL ends it. */
const IDLE_IN_TRANSACTION_TIMEOUT = '5min';
const CURSOR = 'export_rows';
export const DEFAULT_EXPORT_MAX_DURATION_MS = 10 * 60_000;

/** The export ran past its wall-clock limit and was aborted. */
export class ExportTimedOutError extends Error {
  readonly code = 'EXPORT_TIMED_OUT';
  constructor(readonly limitMs: number) {
    super(`The export ran longer than ${limitMs} ms and was stopped.`);
    this.name = 'ExportTimedOutError';
  }
}

/**
 * A stream that failed part-way, with what had been handed to the sink by then: the complete data
 * rows, the bytes and their SHA-256. Its `code` and message are the cause's.
 */
export class CsvStreamFailure extends Error {
  readonly code: unknown;
  constructor(
    override readonly cause: unknown,
    readonly sent: CsvStreamResult,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'CsvStreamFailure';
    this.code = (cause as { code?: unknown } | null)?.code;
  }
}

/**
 * Streams the rows of `query` as RFC 4180 CSV (UTF-8, CRLF, a header line, fields quoted when they
 * hold a comma, a quote or a line break) into `sink`, in constant memory: a server-side cursor on
 * one pooled connection is read `batchSize` rows at a time, and the next batch is fetched only when
 * the CSV writer and the sink have taken the last one (the pipeline waits for `drain`). The cursor
 * runs in a read-only REPEATABLE READ transaction, so the file is one consistent snapshot.
 *
 * Resolves once `sink` has taken every byte; rejects with a `CsvStreamFailure` (and destroys
 * `sink`) on any failure, the reader going away and the time limit included, telling what had been
 * sent by then.
 */
export async function streamCsv<Source, Row>(
  options: CsvStreamOptions<Source, Row>,
): Promise<CsvStreamResult> {
  const batchSize = options.batchSize ?? 1_000;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError('batchSize must be a positive integer');
  const maxDurationMs = options.maxDurationMs ?? DEFAULT_EXPORT_MAX_DURATION_MS;
  if (!Number.isInteger(maxDurationMs) || maxDurationMs < 1)
    throw new RangeError('maxDurationMs must be a positive integer');
  const { columns } = options.table;
  // What has been handed to the sink: bytes, their hash, and the records they complete (a record
  // ends at a line feed outside quotes; quotes inside a quoted field are doubled, so toggling on
  // every quote keeps track).
  let byteCount = 0;
  let lineEnds = 0;
  let quoted = false;
  const hash = createHash('sha256');
  const sent = (): CsvStreamResult => ({
    rowCount: Math.max(0, lineEnds - 1),
    byteCount,
    sha256: hash.copy().digest('hex'),
  });
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(new ExportTimedOutError(maxDurationMs)), maxDurationMs);
  try {
    await withReadOnlyCursor(
      options.dataSource,
      options.query,
      batchSize,
      async (batches) => {
        async function* records(): AsyncGenerator<string[]> {
          for await (const rows of batches) {
            for (const row of rows as Source[]) yield exportRecord(columns, options.prepare(row));
          }
        }
        const checksum = new Transform({
          transform(chunk: Buffer, _encoding, callback) {
            hash.update(chunk);
            byteCount += chunk.length;
            for (const byte of chunk) {
              if (byte === 0x22) quoted = !quoted;
              else if (byte === 0x0a && !quoted) lineEnds += 1;
            }
            callback(null, chunk);
          },
        });
        await pipeline(
          Readable.from(records()),
          stringify({
            header: true,
            columns: columns.map((column) => column.name),
            bom: options.bom,
            record_delimiter: '\r\n',
            // Quote a field holding a bare CR or LF too (the writer would otherwise leave it unquoted).
            quoted_match: /[\r\n]/,
          }),
          checksum,
          options.sink,
          { signal: abort.signal },
        );
      },
      { statementTimeoutMs: maxDurationMs, at: options.at },
    );
  } catch (error) {
    const cause = abort.signal.aborted ? (abort.signal.reason as unknown) : error;
    throw new CsvStreamFailure(cause, sent());
  } finally {
    clearTimeout(timer);
  }
  return { rowCount: Math.max(0, lineEnds - 1), byteCount, sha256: hash.digest('hex') };
}

/**
 * Runs `query` as a server-side cursor in a read-only REPEATABLE READ transaction on one pooled
 * connection and hands `consume` its rows in batches of `batchSize`; the next batch is fetched only
 * when `consume` asks for it, so memory holds one batch whatever the row count. The transaction is
 * committed when `consume` resolves and rolled back when anything fails.
 */
export async function withReadOnlyCursor<T>(
  dataSource: DataSource,
  query: ExportQuery,
  batchSize: number,
  consume: (batches: AsyncIterable<readonly unknown[]>) => Promise<T>,
  limits: { readonly statementTimeoutMs?: number; readonly at: Date },
): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction('REPEATABLE READ');
    await runner.query('SET TRANSACTION READ ONLY');
    await pinSnapshotTime((sql, parameters) => runner.query(sql, parameters), limits.at);
    await runner.query(`SET LOCAL idle_in_transaction_session_timeout = '${IDLE_IN_TRANSACTION_TIMEOUT}'`);
    if (limits.statementTimeoutMs !== undefined)
      await runner.query(`SET LOCAL statement_timeout = ${Math.trunc(limits.statementTimeoutMs)}`);
    await runner.query(`DECLARE ${CURSOR} NO SCROLL CURSOR FOR ${query.sql}`, [...query.parameters]);
    // One FETCH runs ahead: PostgreSQL computes the next batch while this one is turned into CSV,
    // so at most two batches are held, and none more until the consumer takes the next.
    async function* batches(): AsyncGenerator<readonly unknown[]> {
      let next = fetchBatch(runner, batchSize);
      for (;;) {
        const rows = await next;
        if (rows.length === 0) return;
        next = rows.length < batchSize ? Promise.resolve([]) : fetchBatch(runner, batchSize);
        // A consumer that stops early leaves `next` running: its failure is not this loop's to
        // report (the rollback that follows is queued behind it on the same connection).
        next.catch(() => undefined);
        yield rows;
      }
    }
    const result = await consume(batches());
    await runner.commitTransaction();
    return result;
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
}

async function fetchBatch(runner: QueryRunner, batchSize: number): Promise<unknown[]> {
  return (await runner.query(`FETCH ${batchSize} FROM ${CURSOR}`)) as unknown[];
}
