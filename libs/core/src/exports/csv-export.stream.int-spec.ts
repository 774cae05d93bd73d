import { hasEvaluationConsent } from '@app/domain';
import { createTestDatabase, type TestDatabase } from '@app/testing';
import fc from 'fast-check';
import { Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import { streamCsv } from './csv-export.stream';
import type { ExportTable } from './export-columns';
import { evaluationConsentAt } from './export-context';

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
        batchSize: 100,
      }),
    ).rejects.toThrow('reader went away');
    const open = await dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
    );
    expect(open[0].n).toBe(0);
  });

  it('filters consent in SQL exactly as the domain rule does', async () => {
    await dataSource.query(
      'CREATE TEMP TABLE consents (family_id text, kind text, granted_at timestamptz, withdrawn_at timestamptz)',
    );
    const instant = fc.integer({ min: 0, max: 20 }).map((day) => new Date(Date.UTC(2025, 0, 1 + day)));
    const consent = fc.record({
      kind: fc.constantFrom('evaluation_use', 'participation'),
      grantedAt: instant,
      withdrawnAt: fc.option(instant, { nil: null }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(consent, { maxLength: 4 }), instant, async (consents, at) => {
        const runner = dataSource.createQueryRunner();
        try {
          await runner.query('DELETE FROM consents');
          for (const c of consents)
            await runner.query('INSERT INTO consents VALUES ($1, $2, $3, $4)', [
              'f1',
              c.kind,
              c.grantedAt,
              c.withdrawnAt,
            ]);
          const rows: { ok: boolean }[] = await runner.query(`SELECT ${evaluationConsentAt("'f1'")} AS ok`, [
            at,
          ]);
          const [row] = rows;
          expect(row.ok).toBe(hasEvaluationConsent(consents, at));
        } finally {
          await runner.release();
        }
      }),
      { numRuns: 60 },
    );
  });
});
