import { stringify } from 'csv-stringify';
import { createHash } from 'node:crypto';
import { Readable, Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DataSource, QueryRunner } from 'typeorm';
import { exportRecord, type ExportTable } from './export-columns';
import type { ExportQuery } from './export-context';

export interface CsvStreamOptions<Source, Row> {
  readonly dataSource: DataSource;
  readonly query: ExportQuery;
  readonly prepare: (source: Source) => Row;
  readonly table: ExportTable<Row>;
  readonly sink: Writable;
  /** Start with a UTF-8 byte order mark, so Excel reads the file as UTF-8. */
  readonly bom: boolean;
  /** Rows per FETCH (default 1,000). */
  readonly batchSize?: number;
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

/**
 * Streams the rows of `query` as RFC 4180 CSV (UTF-8, CRLF, a header line, fields quoted when they
 * hold a comma, a quote or a line break) into `sink`, in constant memory: a server-side cursor on
 * one pooled connection is read `batchSize` rows at a time, and the next batch is fetched only when
 * the CSV writer and the sink have taken the last one (the pipeline waits for `drain`). The cursor
 * runs in a read-only REPEATABLE READ transaction, so the file is one consistent snapshot.
 *
 * Resolves once `sink` has taken every byte; rejects (and destroys `sink`) on any failure, the
 * reader going away included.
 */
export async function streamCsv<Source, Row>(
  options: CsvStreamOptions<Source, Row>,
): Promise<CsvStreamResult> {
  const batchSize = options.batchSize ?? 1_000;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError('batchSize must be a positive integer');
  const { columns } = options.table;
  let rowCount = 0;
  let byteCount = 0;
  const hash = createHash('sha256');
  await withReadOnlyCursor(options.dataSource, options.query, batchSize, async (batches) => {
    async function* records(): AsyncGenerator<string[]> {
      for await (const rows of batches) {
        for (const row of rows as Source[]) {
          rowCount += 1;
          yield exportRecord(columns, options.prepare(row));
        }
      }
    }
    const checksum = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        byteCount += chunk.length;
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
    );
  });
  return { rowCount, byteCount, sha256: hash.digest('hex') };
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
): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction('REPEATABLE READ');
    await runner.query('SET TRANSACTION READ ONLY');
    await runner.query(`SET LOCAL idle_in_transaction_session_timeout = '${IDLE_IN_TRANSACTION_TIMEOUT}'`);
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
