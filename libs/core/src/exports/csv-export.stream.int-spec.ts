import { hasEvaluationConsent } from '@app/domain';
import { createTestDatabase, type TestDatabase } from '@app/testing';
import fc from 'fast-check';
import { Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import { CsvStreamFailure, ExportTimedOutError, streamCsv } from './csv-export.stream';
import { SystemClock } from '../clock';
import type { ExportTable } from './export-columns';
import { evaluationConsentInSnapshot, pinSnapshotTime } from './export-context';

interface Row {
  n: number;
  label: string;
}

const TABLE: ExportTable<Row> = {
  file: 'test.csv',
  description: 'numbers for the engine test',
  rowIs: 'one number',
  columns: [
    { name: 'n', type: 'integer', description: 'the number itself', value: (row) => row.n },
    { name: 'label', type: 'text', description: 'a label with CSV specials', value: (row) => row.label },
  ],
};

/** A sink that takes one chunk per tick and remembers how far ahead the producer ran. */
function slowSink(onWrite: (chunk: Buffer) => void): Writable {
  return new Writable({
    highWaterMark: 1024,
    write(chunk: Buffer, _encoding, callback) {
      onWrite(chunk);
      setImmediate(callback);
    },
  });
}

/** These tests read no consent: any moment will do. */
const exportMoment = new SystemClock().now();

describe('streamCsv (a cursor into a CSV stream)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase({ queueOnPostgres: false });
    dataSource = await new DataSource({ type: 'postgres', url: database.url, poolSize: 3 }).initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('streams every row in order, reads ahead by at most about a batch, and hashes the bytes', async () => {
    let prepared = 0;
    let written = -1; // the header line
    let maxAhead = 0;
    const chunks: Buffer[] = [];
    const result = await streamCsv<{ n: number }, Row>({
      dataSource,
      query: { sql: `SELECT g AS n FROM generate_series(1, $1::int) g ORDER BY g`, parameters: [20_000] },
      prepare: (source) => {
        prepared += 1;
        return { n: source.n, label: source.n % 1000 === 0 ? 'a, "quoted"\nline' : 'plain' };
      },
      table: TABLE,
      sink: slowSink((chunk) => {
        chunks.push(chunk);
        written += chunk.toString('utf8').split('\r\n').length - 1;
        maxAhead = Math.max(maxAhead, prepared - written);
      }),
      bom: false,
      at: exportMoment,
      batchSize: 500,
    });
    const text = Buffer.concat(chunks).toString('utf8');
    expect(result.rowCount).toBe(20_000);
    expect(result.byteCount).toBe(Buffer.byteLength(text));
    expect(text.startsWith('n,label\r\n1,plain\r\n')).toBe(true);
    expect(text).toContain('\r\n1000,"a, ""quoted""\nline"\r\n1001,plain');
    expect(text.endsWith('\r\n19999,plain\r\n20000,"a, ""quoted""\nline"\r\n')).toBe(true);
    // Backpressure: the cursor is read ahead of the sink only by what the stream buffers hold (a
    // batch, 16 objects and about 48 KiB of CSV at ~10 bytes a row), not by the 20,000 rows.
    expect(maxAhead).toBeLessThan(6_000);
  });

  it('rolls back and frees its connection when the sink fails mid-way', async () => {
    let writes = 0;
    const failing = new Writable({
      write(_chunk, _encoding, callback) {
        writes += 1;
        callback(writes > 3 ? new Error('reader went away') : null);
      },
    });
    await expect(
      streamCsv<{ n: number }, Row>({
        dataSource,
        query: { sql: 'SELECT g AS n FROM generate_series(1, 100000) g', parameters: [] },
        prepare: (source) => ({ n: source.n, label: 'x' }),
        table: TABLE,
        sink: failing,
        bom: false,
        at: exportMoment,
        batchSize: 100,
      }),
    ).rejects.toThrow('reader went away');
    const open = await dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
    );
    expect(open[0].n).toBe(0);
  });

  it('stops at its time limit: rejects, rolls back, frees its connection, and tells what was sent', async () => {
    // A reader that takes the first chunks and then stalls for good.
    let writes = 0;
    const stalled = new Writable({
      highWaterMark: 64,
      write(_chunk, _encoding, callback) {
        writes += 1;
        if (writes <= 2) callback();
      },
    });
    const failure = await streamCsv<{ n: number }, Row>({
      dataSource,
      query: { sql: 'SELECT g AS n FROM generate_series(1, 100000) g', parameters: [] },
      prepare: (source) => ({ n: source.n, label: 'x' }),
      table: TABLE,
      sink: stalled,
      bom: false,
      at: exportMoment,
      batchSize: 100,
      maxDurationMs: 300,
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CsvStreamFailure);
    const { cause, sent } = failure as CsvStreamFailure;
    expect(cause).toBeInstanceOf(ExportTimedOutError);
    expect(stalled.destroyed).toBe(true);
    expect(sent.byteCount).toBeGreaterThan(0);
    expect(sent.sha256).toMatch(/^[0-9a-f]{64}$/);
    const open = await dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
    );
    expect(open[0].n).toBe(0);
  });

  it('holds every statement of the cursor to the time limit too', async () => {
    const failure = await streamCsv<{ n: number }, Row>({
      dataSource,
      query: { sql: 'SELECT 1 AS n FROM pg_sleep(5)', parameters: [] },
      prepare: (source) => ({ n: source.n, label: 'x' }),
      table: TABLE,
      sink: new Writable({ write: (_chunk, _encoding, callback) => callback() }),
      bom: false,
      at: exportMoment,
      maxDurationMs: 200,
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CsvStreamFailure);
    const { cause, sent } = failure as CsvStreamFailure;
    // The wall clock or PostgreSQL's statement_timeout (57014), whichever noticed first.
    expect(
      cause instanceof ExportTimedOutError ||
        (cause as { driverError?: { code?: string } }).driverError?.code === '57014',
    ).toBe(true);
    expect(sent).toEqual({
      rowCount: 0,
      byteCount: 0,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
    });
  });

  it('counts the complete rows sent before the reader went away, and hashes exactly those bytes', async () => {
    const chunks: Buffer[] = [];
    const failing = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        if (chunks.length >= 5) return callback(new Error('reader went away'));
        chunks.push(chunk);
        callback();
      },
    });
    const failure = await streamCsv<{ n: number }, Row>({
      dataSource,
      query: { sql: 'SELECT g AS n FROM generate_series(1, 100000) g', parameters: [] },
      prepare: (source) => ({ n: source.n, label: source.n % 7 === 0 ? 'two\nlines' : 'x' }),
      table: TABLE,
      sink: failing,
      bom: false,
      at: exportMoment,
      batchSize: 100,
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CsvStreamFailure);
    const { sent } = failure as CsvStreamFailure;
    // Bytes counted are those handed to the sink (the refused chunk included).
    expect(sent.byteCount).toBeGreaterThanOrEqual(Buffer.concat(chunks).length);
    const accepted = Buffer.concat(chunks).toString('utf8');
    const acceptedRows = accepted.split('\r\n').length - 2; // the header, and the partial last line
    expect(sent.rowCount).toBeGreaterThanOrEqual(acceptedRows);
    expect(sent.rowCount).toBeGreaterThan(0);
  });

  it('reads consent exactly as the domain rule does at the pinned moment, whatever PostgreSQL’s own time', async () => {
    // One connection for the whole test: the temporary table lives in its session.
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(
        'CREATE TEMP TABLE consents (family_id text, kind text, granted_at timestamptz, withdrawn_at timestamptz)',
      );
      const offset = fc.integer({ min: -20, max: 3 }).filter((day) => day !== 0);
      const consent = fc.record({
        kind: fc.constantFrom('evaluation_use', 'participation'),
        grantedDay: offset,
        // Withdrawals are recorded when they happen: always before the snapshot.
        withdrawnDay: fc.option(fc.integer({ min: -20, max: -1 }), { nil: null }),
      });
      await fc.assert(
        // The export's moment is the application clock's, up to 500 days from the database's own.
        fc.asyncProperty(
          fc.array(consent, { maxLength: 4 }),
          fc.integer({ min: -500, max: 500 }),
          async (generated, shift) => {
            await runner.startTransaction();
            try {
              const [{ databaseNow }] = (await runner.query(
                'SELECT transaction_timestamp() AS "databaseNow"',
              )) as {
                databaseNow: Date;
              }[];
              const now = new Date(databaseNow.getTime() + shift * 86_400_000);
              await pinSnapshotTime((sql, parameters) => runner.query(sql, parameters), now);
              const day = (n: number): Date => new Date(now.getTime() + n * 86_400_000);
              const consents = generated.map((c) => ({
                kind: c.kind,
                grantedAt: day(c.grantedDay),
                withdrawnAt: c.withdrawnDay === null ? null : day(c.withdrawnDay),
              }));
              for (const c of consents)
                await runner.query('INSERT INTO consents VALUES ($1, $2, $3, $4)', [
                  'f1',
                  c.kind,
                  c.grantedAt,
                  c.withdrawnAt,
                ]);
              const [row] = (await runner.query(`SELECT ${evaluationConsentInSnapshot("'f1'")} AS ok`)) as {
                ok: boolean;
              }[];
              expect(row.ok).toBe(hasEvaluationConsent(consents, now));
            } finally {
              await runner.rollbackTransaction();
            }
          },
        ),
        { numRuns: 60 },
      );
    } finally {
      await runner.release();
    }
  });
});
