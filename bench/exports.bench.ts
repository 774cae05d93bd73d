import {
  EXPORTS,
  ExportsService,
  pinSnapshotTime,
  resolveExportFilters,
  type Caller,
  type ExportName,
  type ExportQuery,
} from '@app/core';
import { pseudonymise } from '@app/domain';
import { migrateDatabase } from '@app/database';
import { createHttpAdapter } from '@app/http';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Writable } from 'node:stream';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ApiModule } from '../apps/api/src/api.module';
import { LINK_UP_RECORDS_SQL } from '../libs/testing/src/export-seed';
import { benchApiConfig, benchDatabase, round, type Benchmark } from './bench-kit';

const LINK_UPS = 100_000;
/** Link-ups in the second site: the 10k run, to show memory does not grow with the row count. */
const SMALL_SITE_LINK_UPS = 10_000;
const SHARING_FAMILIES = 20_000;
const SECRET = 'bench-pseudonym-secret-0123456789abcdef';
const EVALUATOR_ID = '00000000-0000-4000-8000-0000000000e0';
const SMALL_SITE_ID = '00000000-0000-4000-8000-00000000000b';

/**
 * 100,000 link-ups (10,000 of them in a second site) with their families, consents, people, history
 * (created, two stage changes, most closed), three check-ins, two goals with two ratings each, two
 * small wins, a get-together, and two outcome measures of each Seeking family: inserted in bulk.
 */
async function seed(client: Client): Promise<void> {
  const statements = [
    `INSERT INTO sites (id, name) VALUES ('00000000-0000-4000-8000-00000000000a', 'Bench A'), ('00000000-0000-4000-8000-00000000000b', 'Bench B')`,
    `INSERT INTO users (id, email, display_name, role, password_hash, site_id)
     VALUES ('00000000-0000-4000-8000-0000000000c0', 'bench-coach@example.org', 'Bench coach', 'coach', 'x', '00000000-0000-4000-8000-00000000000a'),
            ('${EVALUATOR_ID}', 'bench-evaluator@example.org', 'Bench evaluator', 'evaluator', 'x', NULL)`,
    `CREATE TEMP TABLE seq AS SELECT g AS i, gen_random_uuid() AS seeking_id, gen_random_uuid() AS link_up_id FROM generate_series(1, ${LINK_UPS}) g`,
    `CREATE TEMP TABLE sharing AS SELECT g AS i, gen_random_uuid() AS id FROM generate_series(0, ${SHARING_FAMILIES - 1}) g`,
    `INSERT INTO families (id, kind, status, display_name, site_id)
     SELECT seeking_id, 'seeking', 'linked', 'Family ' || i,
            CASE WHEN i <= ${SMALL_SITE_LINK_UPS} THEN '00000000-0000-4000-8000-00000000000b'::uuid ELSE '00000000-0000-4000-8000-00000000000a'::uuid END
       FROM seq`,
    `INSERT INTO families (id, kind, status, display_name, site_id)
     SELECT id, 'sharing', 'approved', 'Sharing ' || i, '00000000-0000-4000-8000-00000000000a' FROM sharing`,
    `INSERT INTO consents (family_id, kind, granted_at, granted_by)
     SELECT id, 'evaluation_use', '2023-01-01', '00000000-0000-4000-8000-0000000000c0'
       FROM (SELECT seeking_id AS id FROM seq UNION ALL SELECT id FROM sharing) f`,
    `INSERT INTO people (family_id, role, preferred_name, birth_year)
     SELECT seeking_id, 'adult', 'Adult ' || i, 1970 + i % 30 FROM seq
     UNION ALL SELECT seeking_id, 'child', 'Child ' || i, 2010 + i % 12 FROM seq
     UNION ALL SELECT id, 'adult', 'Sharer ' || i, 1960 + i % 30 FROM sharing`,
    `INSERT INTO link_ups (id, site_id, seeking_family_id, sharing_family_id, coach_id, stage, status, started_at, planned_weeks, ended_at, closure_reason)
     SELECT link_up_id, f.site_id, seeking_id, s.id, '00000000-0000-4000-8000-0000000000c0',
            CASE WHEN seq.i % 5 = 0 THEN 'doing_with' ELSE 'doing_without' END,
            CASE WHEN seq.i % 5 = 0 THEN 'active' WHEN seq.i % 5 = 1 THEN 'ended_early' ELSE 'completed' END,
            timestamptz '2023-01-02' + (seq.i % 700) * interval '1 day', 20,
            CASE WHEN seq.i % 5 = 0 THEN NULL ELSE timestamptz '2023-01-02' + (seq.i % 700 + 140) * interval '1 day' END,
            CASE WHEN seq.i % 5 = 1 THEN 'moved_away' WHEN seq.i % 5 > 1 THEN 'Closure notes ' || seq.i END
       FROM seq JOIN families f ON f.id = seq.seeking_id JOIN sharing s ON s.i = seq.i % ${SHARING_FAMILIES}`,
    `INSERT INTO link_up_events (link_up_id, kind, from_stage, to_stage, at, actor_id)
     SELECT lu.id, e.kind, e.from_stage, e.to_stage, lu.started_at + e.days * interval '1 day', '00000000-0000-4000-8000-0000000000c0'
       FROM link_ups lu
       CROSS JOIN (VALUES ('created', NULL, 'relationship_building', 0),
                          ('stage_advanced', 'relationship_building', 'doing_with', 28),
                          ('stage_advanced', 'doing_with', 'doing_without', 98)) AS e(kind, from_stage, to_stage, days)
      WHERE e.days < 98 OR lu.status <> 'active'`,
    `INSERT INTO link_up_events (link_up_id, kind, at, actor_id)
     SELECT id, CASE status WHEN 'completed' THEN 'completed' ELSE 'ended_early' END, ended_at, coach_id FROM link_ups WHERE ended_at IS NOT NULL`,
    ...LINK_UP_RECORDS_SQL,
    'ANALYZE',
  ];
  for (const sql of statements) await client.query(sql);
}

/** The export's SELECT with its parameters written in, for `COPY (...) TO STDOUT`. */
function inline(client: Client, query: ExportQuery): string {
  return query.sql.replace(/\$(\d+)/g, (_m, index: string) => {
    const value = query.parameters[Number(index) - 1];
    if (value === null || value === undefined) return 'NULL';
    if (value instanceof Date) return client.escapeLiteral(value.toISOString());
    if (typeof value === 'string' || typeof value === 'number') return client.escapeLiteral(String(value));
    throw new Error(`cannot inline parameter $${index}`);
  });
}

/**
 * `COPY (<sql>) TO STDOUT` through node-postgres, counting the bytes and lines it receives. It settles
 * on the error itself: node-postgres forgets the active query when an error arrives, so the
 * ReadyForQuery that follows never reaches it (waiting for it hung the benchmark).
 */
function copyOut(client: Client, sql: string): Promise<{ rows: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    let rows = 0;
    let bytes = 0;
    const submittable = {
      submit(connection: { query(text: string): void }) {
        connection.query(`COPY (${sql}) TO STDOUT`);
      },
      handleCopyData(message: { chunk: Buffer }) {
        bytes += message.chunk.length;
        for (const byte of message.chunk) if (byte === 10) rows += 1;
      },
      handleCommandComplete() {},
      handleEmptyQuery() {},
      handleRowDescription() {},
      handleError(error: Error) {
        reject(error);
      },
      handleReadyForQuery() {
        resolve({ rows, bytes });
      },
    };
    void client.query(submittable as never);
  });
}

/** A sink that counts and drops the bytes, like a fast client. */
function countingSink(): Writable & { bytes: number } {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      sink.bytes += chunk.length;
      callback();
    },
  }) as Writable & { bytes: number };
  sink.bytes = 0;
  return sink;
}

interface Run {
  readonly rows: number;
  readonly seconds: number;
  readonly rowsPerSecond: number;
  /** Highest RSS seen during the run, above the RSS at its start. */
  readonly rssGrowthMiB: number;
  /** Highest V8 heap in use during the run, above the heap at its start (garbage included). */
  readonly heapGrowthMiB: number;
}

async function measure(work: () => Promise<number>): Promise<Run> {
  global.gc?.();
  const before = process.memoryUsage();
  let peak = before.rss;
  let heapPeak = before.heapUsed;
  const sample = (): void => {
    const now = process.memoryUsage();
    peak = Math.max(peak, now.rss);
    heapPeak = Math.max(heapPeak, now.heapUsed);
  };
  const sampler = setInterval(sample, 10);
  const start = performance.now();
  const rows = await work();
  const seconds = (performance.now() - start) / 1000;
  clearInterval(sampler);
  sample();
  return {
    rows,
    seconds: round(seconds, 2),
    rowsPerSecond: Math.round(rows / seconds),
    rssGrowthMiB: round((peak - before.rss) / 2 ** 20),
    heapGrowthMiB: round((heapPeak - before.heapUsed) / 2 ** 20),
  };
}

/**
 * The export as the route runs it: `ExportsService.startExport` (logged and audited) and `writeTo`,
 * which streams from a worker thread with a capped heap, into a sink that drops the bytes.
 */
async function serviceRun(app: INestApplication, name: ExportName, siteId: string | null): Promise<Run> {
  const caller: Caller = {
    actor: { id: EVALUATOR_ID, role: 'evaluator', siteId: null, familyId: null, supervisorId: null },
    requestId: 'bench-exports',
  };
  return measure(async () => {
    const started = await app.get(ExportsService).startExport(caller, name, { siteId });
    const outcome = await started.writeTo(countingSink());
    if (outcome.status !== 'finished') throw new Error(`export ${name} ${outcome.failureCode}`);
    return outcome.rowCount ?? 0;
  });
}

/** The export in this process (before issue 17's worker): the engine straight into the sink. */
async function inProcessRun(dataSource: DataSource, name: ExportName, siteId: string | null): Promise<Run> {
  return measure(async () => {
    const result = await EXPORTS[name].stream({
      dataSource,
      filters: resolveExportFilters({ siteId }),
      at: EXPORT_AT,
      pseudonym: (kind, id) => pseudonymise(SECRET, kind, id),
      sink: countingSink(),
      bom: false,
    });
    return result.rowCount;
  });
}

/** The moment every export of this benchmark is taken at. */
const EXPORT_AT = new Date('2025-06-01T00:00:00Z');

/**
 * `read` in the export's kind of transaction on `client`: read-only REPEATABLE READ, with the export's
 * moment pinned (its consent conditions read it, and fail without it).
 */
async function inExportSnapshot(client: Client, read: () => Promise<number>): Promise<number> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    await pinSnapshotTime((sql, parameters) => client.query(sql, parameters), EXPORT_AT);
    const rows = await read();
    await client.query('COMMIT');
    return rows;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** The same SELECT through `COPY`, in the export's kind of transaction. */
async function copyRun(client: Client, name: ExportName): Promise<Run> {
  const query = EXPORT_QUERIES[name](EXPORT_AT);
  return measure(() =>
    inExportSnapshot(client, async () => (await copyOut(client, inline(client, query))).rows),
  );
}

/**
 * The floor under the export's memory: node-postgres alone reading the same SELECT through a cursor,
 * 1,000 rows a FETCH, in the export's kind of transaction, each row dropped as soon as it is counted
 * (no CSV, no row preparation). Its heap growth is V8 promoting node-postgres's row objects to the old
 * generation before a full collection, which the export cannot go below while it reads rows as
 * JavaScript objects.
 */
async function plainReadRun(client: Client, name: ExportName): Promise<Run> {
  const query = EXPORT_QUERIES[name](EXPORT_AT);
  return measure(() =>
    inExportSnapshot(client, async () => {
      await client.query(`DECLARE plain_read NO SCROLL CURSOR FOR ${query.sql}`, [...query.parameters]);
      let rows = 0;
      for (;;) {
        const batch = await client.query('FETCH 1000 FROM plain_read');
        if (batch.rows.length === 0) break;
        rows += batch.rows.length;
      }
      return rows;
    }),
  );
}

const EXPORT_QUERIES: Record<ExportName, (at: Date) => ExportQuery> = {
  'link-ups': (at) => exportQuery('link-ups', at),
  goals: (at) => exportQuery('goals', at),
  'outcome-measures': (at) => exportQuery('outcome-measures', at),
};

function exportQuery(name: ExportName, at: Date): ExportQuery {
  return EXPORTS[name].query(resolveExportFilters({}), at);
}

/**
 * Issue 7: the evaluator exports of 100,000 link-ups (and their goals and measures) beside COPY; issue
 * 17: the memory of the route's path (a worker thread) beside the in-process export it replaced.
 */
export const exportsStreaming: Benchmark = {
  name: 'exports: 100,000 link-ups (and goals, outcome measures) streamed as CSV, beside COPY of the same SELECT',
  issue: 7,
  async run() {
    const database = await benchDatabase('fl_bench_exports');
    const client = new Client({ connectionString: database.url });
    let app: INestApplication | null = null;
    try {
      await migrateDatabase(database.url, { queueOnPostgres: false });
      await client.connect();
      const seeded = performance.now();
      await seed(client);
      const seedSeconds = round((performance.now() - seeded) / 1000, 1);
      const config = benchApiConfig(database.url, { EXPORT_PSEUDONYM_SECRET: SECRET });
      app = await NestFactory.create(ApiModule.forRoot(config), createHttpAdapter(), {
        logger: false,
        bufferLogs: true,
      });
      await app.init();
      const dataSource = app.get(DataSource);

      await copyRun(client, 'link-ups'); // warm the cache
      // The route's path first, while the heap is as the API left it after start-up.
      const small = await serviceRun(app, 'link-ups', SMALL_SITE_ID);
      const linkUps = await serviceRun(app, 'link-ups', null);
      const oldSmall = await inProcessRun(dataSource, 'link-ups', SMALL_SITE_ID);
      const oldLinkUps = await inProcessRun(dataSource, 'link-ups', null);
      const linkUpsCopy = await copyRun(client, 'link-ups');
      const linkUpsPlainRead = await plainReadRun(client, 'link-ups');
      const goals = await serviceRun(app, 'goals', null);
      const goalsCopy = await copyRun(client, 'goals');
      const measures = await serviceRun(app, 'outcome-measures', null);
      const measuresCopy = await copyRun(client, 'outcome-measures');
      const ratio = (a: Run, b: Run): number => round(a.rowsPerSecond / b.rowsPerSecond, 2);
      const peakRss = round(process.resourceUsage().maxRSS / 1024);
      const memory = (run: Run): string =>
        `RSS +${run.rssGrowthMiB} MiB / heap +${run.heapGrowthMiB} MiB at ${run.rows.toLocaleString('en')} rows`;
      return {
        summary:
          `link-ups (route's path, worker thread): ${linkUps.rowsPerSecond.toLocaleString('en')} rows/s (${linkUps.rows.toLocaleString('en')} rows in ${linkUps.seconds} s) vs COPY ${linkUpsCopy.rowsPerSecond.toLocaleString('en')} rows/s = ${ratio(linkUps, linkUpsCopy)}× COPY (in-process before: ${oldLinkUps.rowsPerSecond.toLocaleString('en')} rows/s = ${ratio(oldLinkUps, linkUpsCopy)}× COPY); ` +
          `goals: ${goals.rowsPerSecond.toLocaleString('en')} rows/s (${goals.rows.toLocaleString('en')}) vs COPY ${goalsCopy.rowsPerSecond.toLocaleString('en')} = ${ratio(goals, goalsCopy)}× COPY; ` +
          `outcome measures: ${measures.rowsPerSecond.toLocaleString('en')} rows/s (${measures.rows.toLocaleString('en')}) vs COPY ${measuresCopy.rowsPerSecond.toLocaleString('en')} = ${ratio(measures, measuresCopy)}× COPY; ` +
          `memory of the link-ups export, route's path (worker thread): ${memory(small)}, ${memory(linkUps)}; ` +
          `in-process (before): ${memory(oldSmall)}, ${memory(oldLinkUps)}; ` +
          `node-postgres alone reading the same rows in-process (no CSV): ${memory(linkUpsPlainRead)} (peak RSS of the process ${peakRss} MiB; seeding ${seedSeconds} s)`,
        metrics: {
          linkUpsRowsPerSecond: linkUps.rowsPerSecond,
          linkUpsCopyRowsPerSecond: linkUpsCopy.rowsPerSecond,
          linkUpsRatio: ratio(linkUps, linkUpsCopy),
          inProcessLinkUpsRowsPerSecond: oldLinkUps.rowsPerSecond,
          goalsRowsPerSecond: goals.rowsPerSecond,
          goalsRatio: ratio(goals, goalsCopy),
          measuresRowsPerSecond: measures.rowsPerSecond,
          measuresRatio: ratio(measures, measuresCopy),
          rssGrowth10kMiB: small.rssGrowthMiB,
          rssGrowth100kMiB: linkUps.rssGrowthMiB,
          heapGrowth10kMiB: small.heapGrowthMiB,
          heapGrowth100kMiB: linkUps.heapGrowthMiB,
          inProcessRssGrowth10kMiB: oldSmall.rssGrowthMiB,
          inProcessRssGrowth100kMiB: oldLinkUps.rssGrowthMiB,
          inProcessHeapGrowth100kMiB: oldLinkUps.heapGrowthMiB,
          plainReadRssGrowth100kMiB: linkUpsPlainRead.rssGrowthMiB,
          plainReadHeapGrowth100kMiB: linkUpsPlainRead.heapGrowthMiB,
          peakRssMiB: peakRss,
        },
      };
    } finally {
      await app?.close();
      await client.end().catch(() => undefined);
      await database.drop();
    }
  },
};
