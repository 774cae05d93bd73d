import { stringify } from 'csv-stringify';
import { createHash } from 'node:crypto';
import { Readable, Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DataSource, QueryRunner } from 'typeorm';
import { exportRecord, type ExportTable } from './export-columns';
import { pinSnapshotTime, type ExportQuery } from './export-context';

export interface CsvStreamOptions<Source, Row> {
  /** Where the rows are read: a pooled connection of this data source, unless `connect` is given. */
  readonly dataSource?: DataSource;
  /** Opens the connection the rows are read on (instead of the data source's pool). */
  readonly connect?: () => Promise<CursorConnection>;
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
  /** Stops the export, as a reader going away does: rejects with the signal's reason. */
  readonly signal?: AbortSignal;
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

/** Where an export reads its rows: a pooled connection of the app's data source, or one of its own. */
export interface CursorConnection {
  /** Runs one statement and returns its rows. */
  query(sql: string, parameters?: readonly unknown[]): Promise<unknown[]>;
  /** Starts the export's transaction: REPEATABLE READ, read only. */
  begin(): Promise<void>;
  commit(): Promise<void>;
  /** Rolls the transaction back if one is open; never rejects. */
  rollback(): Promise<void>;
  /** Gives the connection back (or closes it). */
  release(): Promise<void>;
  /**
   * Cancels the statement running on the connection, if any, from another connection (PostgreSQL
   * would otherwise go on with it: a ROLLBACK sent behind it waits for it). Never rejects.
   */
  cancel?(): Promise<void>;
}

/** A pooled connection of `dataSource`, through a TypeORM query runner (errors are `QueryFailedError`s). */
export function queryRunnerConnection(dataSource: DataSource): () => Promise<CursorConnection> {
  return async () => {
    const runner: QueryRunner = dataSource.createQueryRunner();
    await runner.connect();
    return {
      query: async (sql, parameters) => (await runner.query(sql, parameters && [...parameters])) as unknown[],
      async begin() {
        await runner.startTransaction('REPEATABLE READ');
        await runner.query('SET TRANSACTION READ ONLY');
      },
      commit: () => runner.commitTransaction(),
      async rollback() {
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      },
      release: () => runner.release(),
    };
  };
}

/** What the bytes handed to a sink add up to, counted as they pass. */
export interface SentCounter {
  /** Put between the CSV writer and the sink: counts and hashes every chunk it passes on. */
  readonly transform: Transform;
  /** What has passed so far (the hash of the bytes so far). */
  sent(): CsvStreamResult;
}

/**
 * Counts bytes, their SHA-256 and the records they complete (a record ends at a line feed outside
 * quotes; quotes inside a quoted field are doubled, so toggling on every quote keeps track).
 */
export function sentCounter(): SentCounter {
  let byteCount = 0;
  let lineEnds = 0;
  let quoted = false;
  const hash = createHash('sha256');
  return {
    transform: new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        byteCount += chunk.length;
        for (const byte of chunk) {
          if (byte === 0x22) quoted = !quoted;
          else if (byte === 0x0a && !quoted) lineEnds += 1;
        }
        callback(null, chunk);
      },
    }),
    sent: () => ({ rowCount: Math.max(0, lineEnds - 1), byteCount, sha256: hash.copy().digest('hex') }),
  };
}

export interface CsvWriteOptions<Source, Row> {
  /** Where the rows are read (a new connection, or one taken from the pool, per export). */
  readonly connect: () => Promise<CursorConnection>;
  readonly query: ExportQuery;
  readonly prepare: (source: Source) => Row;
  readonly table: ExportTable<Row>;
  /** Streams between the CSV writer and the sink (the byte counter). */
  readonly through: readonly Transform[];
  readonly sink: Writable;
  readonly at: Date;
  readonly bom: boolean;
  readonly batchSize?: number;
  readonly maxDurationMs?: number;
  /** Stops the export (the reader went away): the pipeline rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Called once the cursor is open, just before the first row is read and the sink first written. */
  readonly onCursorOpen?: () => void;
}

/**
 * The CSV engine without the bookkeeping: cursor → rows prepared → CSV → `through` → `sink`, under
 * the time limit and `signal`. Rejects with the cause itself (`ExportTimedOutError` at the limit, the
 * signal's reason when it aborts), after the transaction is rolled back and the connection released.
 */
export async function writeCsv<Source, Row>(options: CsvWriteOptions<Source, Row>): Promise<void> {
  const batchSize = options.batchSize ?? 1_000;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError('batchSize must be a positive integer');
  const maxDurationMs = options.maxDurationMs ?? DEFAULT_EXPORT_MAX_DURATION_MS;
  if (!Number.isInteger(maxDurationMs) || maxDurationMs < 1)
    throw new RangeError('maxDurationMs must be a positive integer');
  const { columns } = options.table;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(new ExportTimedOutError(maxDurationMs)), maxDurationMs);
  const stop = (): void => abort.abort(options.signal?.reason);
  if (options.signal?.aborted) stop();
  options.signal?.addEventListener('abort', stop, { once: true });
  try {
    await withReadOnlyCursor(
      options.connect,
      options.query,
      batchSize,
      async (batches) => {
        async function* records(): AsyncGenerator<string[]> {
          for await (const rows of batches) {
            for (const row of rows as Source[]) yield exportRecord(columns, options.prepare(row));
          }
        }
        options.onCursorOpen?.();
        await pipeline(
          [
            Readable.from(records()),
            stringify({
              header: true,
              columns: columns.map((column) => column.name),
              bom: options.bom,
              record_delimiter: '\r\n',
              // Quote a field holding a bare CR or LF too (the writer would otherwise leave it unquoted).
              quoted_match: /[\r\n]/,
            }),
            ...options.through,
            options.sink,
          ],
          { signal: abort.signal },
        );
      },
      { statementTimeoutMs: maxDurationMs, at: options.at, signal: abort.signal },
    );
  } catch (error) {
    throw abort.signal.aborted ? (abort.signal.reason as unknown) : error;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', stop);
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
  const counter = sentCounter();
  try {
    await writeCsv({
      ...options,
      connect: options.connect ?? queryRunnerConnection(requireDataSource(options.dataSource)),
      through: [counter.transform],
    });
  } catch (error) {
    throw new CsvStreamFailure(error, counter.sent());
  }
  return counter.sent();
}

function requireDataSource(dataSource: DataSource | undefined): DataSource {
  if (dataSource === undefined) throw new TypeError('streamCsv needs a dataSource or connect');
  return dataSource;
}

/**
 * Runs `query` as a server-side cursor in a read-only REPEATABLE READ transaction on one connection
 * and hands `consume` its rows in batches of `batchSize`; the next batch is fetched only when
 * `consume` asks for it, so memory holds one batch whatever the row count. The transaction is
 * committed when `consume` resolves and rolled back when anything fails. When `signal` aborts, the
 * statement running (a FETCH can take long: the first one of a sorted query does the whole sort; a
 * DECLARE may wait for a table's lock) is cancelled if the connection can (`cancel`), so the rollback
 * does not wait for it; stopped before the transaction or the cursor is opened (while connecting,
 * between two statements), it sends neither.
 */
export async function withReadOnlyCursor<T>(
  connect: DataSource | (() => Promise<CursorConnection>),
  query: ExportQuery,
  batchSize: number,
  consume: (batches: AsyncIterable<readonly unknown[]>) => Promise<T>,
  limits: { readonly statementTimeoutMs?: number; readonly at: Date; readonly signal?: AbortSignal },
): Promise<T> {
  const connection = await (typeof connect === 'function' ? connect : queryRunnerConnection(connect))();
  let cancelled: Promise<void> | undefined;
  const cancel = (): void => {
    cancelled ??= connection.cancel?.();
  };
  const { signal } = limits;
  // A cancel reaches only the statement running when it lands: none is sent once stopped.
  const going = (): void => {
    if (signal?.aborted) throw signal.reason as unknown;
  };
  signal?.addEventListener('abort', cancel, { once: true });
  try {
    going();
    await connection.begin();
    await pinSnapshotTime((sql, parameters) => connection.query(sql, parameters), limits.at);
    await connection.query(
      `SET LOCAL idle_in_transaction_session_timeout = '${IDLE_IN_TRANSACTION_TIMEOUT}'`,
    );
    if (limits.statementTimeoutMs !== undefined)
      await connection.query(`SET LOCAL statement_timeout = ${Math.trunc(limits.statementTimeoutMs)}`);
    going();
    await connection.query(`DECLARE ${CURSOR} NO SCROLL CURSOR FOR ${query.sql}`, [...query.parameters]);
    // One FETCH runs ahead: PostgreSQL computes the next batch while this one is turned into CSV,
    // so at most two batches are held, and none more until the consumer takes the next.
    async function* batches(): AsyncGenerator<readonly unknown[]> {
      let next = connection.query(`FETCH ${batchSize} FROM ${CURSOR}`);
      for (;;) {
        const rows = await next;
        if (rows.length === 0) return;
        next =
          rows.length < batchSize
            ? Promise.resolve([])
            : connection.query(`FETCH ${batchSize} FROM ${CURSOR}`);
        // A consumer that stops early leaves `next` running: its failure is not this loop's to
        // report (the rollback that follows is queued behind it on the same connection).
        next.catch(() => undefined);
        yield rows;
      }
    }
    const result = await consume(batches());
    await connection.commit();
    return result;
  } catch (error) {
    // The cancel reaches the server before the rollback is sent.
    await cancelled;
    await connection.rollback();
    throw error;
  } finally {
    signal?.removeEventListener('abort', cancel);
    await cancelled;
    await connection.release();
  }
}
