import { SystemClock } from '../clock';
import { isConnectionFailure } from '../errors';
import { createTestDatabase, LINK_UP_RECORDS_SQL, waitFor, type TestDatabase } from '@app/testing';
import { pseudonymise } from '@app/domain';
import {
  chmodSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { DataSource, QueryFailedError } from 'typeorm';
import { CsvStreamFailure, ExportTimedOutError, type CsvStreamResult } from './csv-export.stream';
import { resolveExportFilters } from './export-filters';
import {
  EXPORT_CONNECT_TIMEOUT_MS,
  exportConnectionConfig,
  exportWorkerCompileCacheDir,
  streamExportInWorker,
  type PostgresSettings,
} from './export-in-worker';
import { EXPORT_NAMES, EXPORTS, type ExportName } from './export-registry';
import type { ExportWorkerData } from './export-worker.protocol';

const SECRET = 'worker-test-pseudonym-secret-0123456789';
/** The export's moment: the project's clock, now. The seeded rows are dated back from it. */
const AT = new SystemClock().now();
/** `days` before the export's moment, as an SQL timestamp literal. */
const daysBefore = (days: number): string =>
  `timestamptz '${new Date(AT.getTime() - days * 86_400_000).toISOString()}'`;
const SITE_B = '00000000-0000-4000-8000-00000000000b';
const LINK_UPS = 600;

/** Link-ups with families, consents (some withdrawn), people, history, check-ins, goals, wins, measures. */
async function seed(dataSource: DataSource): Promise<void> {
  const statements = [
    `INSERT INTO sites (id, name) VALUES ('00000000-0000-4000-8000-00000000000a', 'North, "the hub"'), ('${SITE_B}', E'South\\nQuay')`,
    `INSERT INTO users (id, email, display_name, role, password_hash, site_id)
     VALUES ('00000000-0000-4000-8000-0000000000c0', 'worker-coach@example.org', 'Coach', 'coach', 'x', '00000000-0000-4000-8000-00000000000a')`,
    `CREATE TABLE seq AS SELECT g AS i, gen_random_uuid() AS seeking_id, gen_random_uuid() AS sharing_id, gen_random_uuid() AS link_up_id FROM generate_series(1, ${LINK_UPS}) g`,
    `INSERT INTO families (id, kind, status, display_name, site_id)
     SELECT seeking_id, 'seeking', 'linked', 'Family ' || i,
            CASE WHEN i % 3 = 0 THEN '${SITE_B}'::uuid ELSE '00000000-0000-4000-8000-00000000000a'::uuid END FROM seq`,
    `INSERT INTO families (id, kind, status, display_name, site_id)
     SELECT sharing_id, 'sharing', 'approved', 'Sharing ' || i, '00000000-0000-4000-8000-00000000000a' FROM seq`,
    // Every 7th Sharing family never consented, every 11th Seeking family withdrew.
    `INSERT INTO consents (family_id, kind, granted_at, withdrawn_at, granted_by)
     SELECT seeking_id, 'evaluation_use', ${daysBefore(882)}, CASE WHEN i % 11 = 0 THEN ${daysBefore(517)} END, '00000000-0000-4000-8000-0000000000c0'::uuid FROM seq
     UNION ALL SELECT sharing_id, 'evaluation_use', ${daysBefore(882)}, NULL::timestamptz, '00000000-0000-4000-8000-0000000000c0'::uuid FROM seq WHERE i % 7 <> 0`,
    `INSERT INTO people (family_id, role, preferred_name, birth_year)
     SELECT seeking_id, 'adult', 'Adult ' || i, 1970 + i % 30 FROM seq
     UNION ALL SELECT seeking_id, 'child', 'Child ' || i, 2010 + i % 12 FROM seq
     UNION ALL SELECT sharing_id, 'adult', 'Sharer ' || i, 1960 + i % 30 FROM seq`,
    `INSERT INTO link_ups (id, site_id, seeking_family_id, sharing_family_id, coach_id, stage, status, started_at, planned_weeks, ended_at, closure_reason)
     SELECT link_up_id, f.site_id, seeking_id, sharing_id, '00000000-0000-4000-8000-0000000000c0',
            CASE WHEN i % 5 = 0 THEN 'doing_with' ELSE 'doing_without' END,
            CASE WHEN i % 5 = 0 THEN 'active' WHEN i % 5 = 1 THEN 'ended_early' ELSE 'completed' END,
            ${daysBefore(881)} + (i % 700) * interval '1 day' + (i % 13) * interval '1 hour', 10 + i % 21,
            CASE WHEN i % 5 = 0 THEN NULL ELSE ${daysBefore(881)} + (i % 700 + 140) * interval '1 day' END,
            CASE WHEN i % 5 = 1 THEN 'moved_away' WHEN i % 5 > 1 THEN 'Closure notes, "private" ' || i END
       FROM seq JOIN families f ON f.id = seq.seeking_id`,
    `INSERT INTO link_up_events (link_up_id, kind, from_stage, to_stage, at, actor_id)
     SELECT lu.id, e.kind, e.from_stage, e.to_stage, lu.started_at + e.days * interval '1 day', '00000000-0000-4000-8000-0000000000c0'
       FROM link_ups lu
       CROSS JOIN (VALUES ('created', NULL, 'relationship_building', 0),
                          ('stage_advanced', 'relationship_building', 'doing_with', 28),
                          ('paused', NULL, NULL, 40), ('resumed', NULL, NULL, 47),
                          ('stage_advanced', 'doing_with', 'doing_without', 98)) AS e(kind, from_stage, to_stage, days)
      WHERE e.days < 98 OR lu.status <> 'active'`,
    ...LINK_UP_RECORDS_SQL,
    'DROP TABLE seq',
  ];
  for (const sql of statements) await dataSource.query(sql);
}

/** A sink that keeps every byte. */
function collectingSink(): Writable & { bytes(): Buffer } {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  }) as Writable & { bytes(): Buffer };
  sink.bytes = () => Buffer.concat(chunks);
  return sink;
}

describe('exports in a worker thread', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const workerData = (name: ExportName, overrides: Partial<ExportWorkerData> = {}): ExportWorkerData => ({
    connection: exportConnectionConfig(dataSource.options as PostgresSettings),
    name,
    filters: resolveExportFilters({}),
    at: AT,
    pseudonymSecret: SECRET,
    bom: false,
    maxDurationMs: 60_000,
    ...overrides,
  });
  const exportConnections = async (): Promise<number> => {
    const [{ n }] = await dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE '%:export'`,
    );
    return n;
  };
  const inProcess = async (name: ExportName, options: { siteId?: string; bom?: boolean } = {}) => {
    const sink = collectingSink();
    const result = await EXPORTS[name].stream({
      dataSource,
      filters: resolveExportFilters({ siteId: options.siteId ?? null }),
      at: AT,
      pseudonym: (kind, id) => pseudonymise(SECRET, kind, id),
      sink,
      bom: options.bom ?? false,
    });
    return { result, bytes: sink.bytes() };
  };

  beforeAll(async () => {
    database = await createTestDatabase({ queueOnPostgres: false });
    dataSource = await new DataSource({ type: 'postgres', url: database.url, poolSize: 3 }).initialize();
    await seed(dataSource);
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it.each([
    ...EXPORT_NAMES.map((name) => ({ name, siteId: undefined, bom: false })),
    { name: 'link-ups' as const, siteId: SITE_B, bom: true },
  ])(
    'writes byte for byte the file the in-process export writes ($name, site $siteId, bom $bom)',
    async ({ name, siteId, bom }) => {
      const expected = await inProcess(name, { siteId, bom });
      expect(expected.result.rowCount).toBeGreaterThan(100);
      const sink = collectingSink();
      const result = await streamExportInWorker({
        data: workerData(name, { filters: resolveExportFilters({ siteId: siteId ?? null }), bom }),
        sink,
      });
      expect(sink.bytes().equals(expected.bytes)).toBe(true);
      expect(result).toEqual(expected.result);
      expect(await exportConnections()).toBe(0);
    },
  );

  it('stops the worker when the reader goes away: no connection left, what was sent counted', async () => {
    let received = 0;
    const leaving = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, callback) {
        received += chunk.length;
        // The reader takes the first chunk and is gone.
        leaving.destroy();
        callback();
      },
    });
    const failure = await streamExportInWorker({
      data: workerData('outcome-measures', { batchSize: 10 }),
      sink: leaving,
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CsvStreamFailure);
    const { cause, sent } = failure as CsvStreamFailure;
    expect((cause as { code?: unknown }).code).toBe('ERR_STREAM_PREMATURE_CLOSE');
    expect(sent.byteCount).toBe(received);
    // The worker has ended, its transaction rolled back and its connection closed, before it settles.
    expect(await exportConnections()).toBe(0);
  });

  it('stops at the time limit with the in-process error, the sink destroyed', async () => {
    const stalled = new Writable({ highWaterMark: 64, write: () => undefined });
    const failure = await streamExportInWorker({
      data: workerData('outcome-measures', { maxDurationMs: 300, batchSize: 10 }),
      sink: stalled,
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CsvStreamFailure);
    expect((failure as CsvStreamFailure).cause).toBeInstanceOf(ExportTimedOutError);
    expect(stalled.destroyed).toBe(true);
    expect(await exportConnections()).toBe(0);
  });

  it('stops at the time limit when the worker has sent the whole file and the reader has stalled', async () => {
    // A file that fits the buffers between the worker and the sink, and a limit the worker does not
    // reach: it sends everything and ends, and the main thread is left with a sink that takes nothing.
    // (Should a loaded machine make the worker reach the limit itself, the outcome is the same.)
    const stalled = new Writable({ highWaterMark: 64, write: () => undefined });
    const failure = await streamExportInWorker({
      data: workerData('goals', { filters: resolveExportFilters({ siteId: SITE_B }), maxDurationMs: 2_000 }),
      sink: stalled,
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CsvStreamFailure);
    expect((failure as CsvStreamFailure).cause).toBeInstanceOf(ExportTimedOutError);
    expect(stalled.destroyed).toBe(true);
    expect(await exportConnections()).toBe(0);
  });

  it('fails with the error the in-process export throws when the database refuses the query', async () => {
    await dataSource.query('ALTER TABLE get_togethers RENAME TO get_togethers_away');
    try {
      const failures: CsvStreamFailure[] = [];
      failures.push(
        (await inProcess('link-ups').catch((error: unknown) => error)) as CsvStreamFailure,
        (await streamExportInWorker({ data: workerData('link-ups'), sink: collectingSink() }).catch(
          (error: unknown) => error,
        )) as CsvStreamFailure,
      );
      const [expected, actual] = failures.map((failure) => {
        expect(failure).toBeInstanceOf(CsvStreamFailure);
        expect(failure.cause).toBeInstanceOf(QueryFailedError);
        const cause = failure.cause as QueryFailedError & { code?: unknown };
        return {
          message: cause.message,
          code: cause.code,
          driverCode: (cause.driverError as { code?: unknown }).code,
          sent: failure.sent,
        };
      });
      expect(actual).toEqual(expected);
      expect(actual.driverCode).toBe('42P01');
      expect(await exportConnections()).toBe(0);
    } finally {
      await dataSource.query('ALTER TABLE get_togethers_away RENAME TO get_togethers');
    }
  });

  it('fails as a connection failure (503 for the error filter) when the worker cannot reach the database', async () => {
    // A port nothing listens on.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const failure = await streamExportInWorker({
      data: workerData('goals', {
        connection: { host: '127.0.0.1', port, user: 'nobody', database: 'none' },
      }),
      sink: collectingSink(),
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CsvStreamFailure);
    expect(isConnectionFailure((failure as CsvStreamFailure).cause)).toBe(true);
    expect((failure as CsvStreamFailure).sent satisfies CsvStreamResult).toMatchObject({ byteCount: 0 });
  });

  it('fails as a connection failure when the database takes the connection and never answers', async () => {
    // The app's data source sets no connect timeout: the export's connection has one of its own.
    expect(exportConnectionConfig({ url: database.url }).connectionTimeoutMillis).toBe(
      EXPORT_CONNECT_TIMEOUT_MS,
    );
    // A server that accepts TCP connections and says nothing (a short timeout, for the test).
    const held = new Set<Socket>();
    const server = createServer((socket) => void held.add(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const failure = await streamExportInWorker({
        data: workerData('goals', {
          connection: {
            host: '127.0.0.1',
            port,
            user: 'nobody',
            database: 'none',
            connectionTimeoutMillis: 300,
          },
        }),
        sink: collectingSink(),
      }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(CsvStreamFailure);
      expect(isConnectionFailure((failure as CsvStreamFailure).cause)).toBe(true);
      expect((failure as CsvStreamFailure).sent).toMatchObject({ byteCount: 0 });
    } finally {
      for (const socket of held) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("runs compiled files only from a folder of this user's alone (the worker run from TypeScript)", async () => {
    // In the project's own node_modules (wherever the checkout is, /tmp included), not in a fixed folder
    // of the temporary directory that other users share.
    const projectModules = realpathSync(path.resolve(__dirname, '../../../../node_modules'));
    expect(exportWorkerCompileCacheDir()).toBe(
      path.join(projectModules, '.cache', 'family-link-export-worker'),
    );
    const root = mkdtempSync(path.join(os.tmpdir(), 'fl-export-worker-cache-'));
    const run = (compileCacheDir: string): Promise<CsvStreamResult> =>
      streamExportInWorker({
        data: workerData('goals', { filters: resolveExportFilters({ siteId: SITE_B }) }),
        sink: collectingSink(),
        compileCacheDir,
      });
    try {
      const cacheDir = path.join(root, 'cache');
      const expected = await run(cacheDir);
      const stat = lstatSync(cacheDir);
      expect({ uid: stat.uid, mode: stat.mode & 0o777 }).toEqual({ uid: process.getuid?.(), mode: 0o700 });
      const files = readdirSync(cacheDir).sort();
      expect(files.length).toBeGreaterThan(0);
      // Every compiled file replaced by code that fails the export should it be run.
      for (const file of files) writeFileSync(path.join(cacheDir, file), "throw new Error('planted');");
      // Others may write into the folder: nothing in it is run, nothing is written to it.
      chmodSync(cacheDir, 0o770);
      expect(await run(cacheDir)).toEqual(expected);
      // A symbolic link (here to the user's own folder) is not followed.
      chmodSync(cacheDir, 0o700);
      symlinkSync(cacheDir, path.join(root, 'link'));
      expect(await run(path.join(root, 'link'))).toEqual(expected);
      expect(readdirSync(cacheDir).sort()).toEqual(files);
      // The folder of the user's alone again: its files are run (the planted ones fail the export).
      const planted = await run(cacheDir).catch((error: unknown) => error);
      expect(planted).toBeInstanceOf(CsvStreamFailure);
      expect((planted as CsvStreamFailure).message).toMatch(/planted/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('cancels the statement running in PostgreSQL when the reader goes away during a slow FETCH', async () => {
    // The goals export's first FETCH made slow: in place of the table, a view that sleeps when its
    // query first runs (far longer than the test waits, and than the grace before the worker is ended).
    await dataSource.query('ALTER TABLE goals RENAME TO goals_away');
    await dataSource.query(
      'CREATE VIEW goals AS SELECT * FROM goals_away WHERE (SELECT pg_sleep(600)) IS NOT NULL',
    );
    const exportBackends = (state?: string) =>
      dataSource.query<{ pid: number; query: string }[]>(
        `SELECT pid, query FROM pg_stat_activity
          WHERE datname = current_database() AND application_name LIKE '%:export' AND ($1::text IS NULL OR state = $1)`,
        [state ?? null],
      );
    try {
      const reader = new Writable({ write: (_chunk, _encoding, callback) => callback() });
      const settled = streamExportInWorker({
        data: workerData('goals', { maxDurationMs: 900_000 }),
        sink: reader,
      }).catch((error: unknown) => error);
      await waitFor(
        async () =>
          (await exportBackends('active')).some(({ query }) => query.startsWith('FETCH')) ? true : undefined,
        { what: 'the export FETCH running' },
      );
      // The reader goes away while the FETCH runs.
      reader.destroy();
      const failure = await settled;
      expect(failure).toBeInstanceOf(CsvStreamFailure);
      expect(((failure as CsvStreamFailure).cause as { code?: unknown }).code).toBe(
        'ERR_STREAM_PREMATURE_CLOSE',
      );
      // Nothing of the export is left running in PostgreSQL (without the cancel, the FETCH sleeps on).
      await waitFor(async () => ((await exportBackends()).length === 0 ? true : undefined), {
        timeoutMs: 30_000,
        what: 'no export backend left',
      });
    } finally {
      await dataSource.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE '%:export'`,
      );
      await dataSource.query('DROP VIEW goals');
      await dataSource.query('ALTER TABLE goals_away RENAME TO goals');
    }
  });
});
