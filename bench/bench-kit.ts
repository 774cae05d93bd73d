import { loadConfig, readTestServers, type AppConfig } from '@app/config';
import { startEmbeddedDatabase } from '@app/database';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

export interface BenchResult {
  /** One line a reader can compare across runs, e.g. "p50 14.2 ms, p99 21.0 ms". */
  readonly summary: string;
  /** The numbers behind the summary, for JSON output. */
  readonly metrics: Record<string, number | string>;
}

export interface Benchmark {
  readonly name: string;
  /** Which issue's figure this is (for BENCHMARKS.md). */
  readonly issue: number;
  run(): Promise<BenchResult>;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export function timeMs<T>(work: () => T): { ms: number; value: T } {
  const start = process.hrtime.bigint();
  const value = work();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

export const round = (n: number, digits = 1): number => Number(n.toFixed(digits));

export function machineDescription(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`;
}

/**
 * The configuration of an API booted by an HTTP benchmark: `databaseUrl`, the test Redis when there is
 * one (else the queue on PostgreSQL), a queue prefix of its own, silent logs, a pool of ten.
 */
export function benchApiConfig(databaseUrl: string, overrides: Record<string, string> = {}): AppConfig {
  const redisUrl = readTestServers().redisUrl;
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: databaseUrl,
    ...(redisUrl !== null ? { REDIS_URL: redisUrl } : {}),
    QUEUE_PREFIX: `fl-bench-${randomBytes(4).toString('hex')}`,
    DATABASE_POOL_SIZE: '10',
    ...overrides,
  });
}

/** Peak resident memory of this process so far, in MiB. */
export function peakRssMiB(): number {
  return round(process.resourceUsage().maxRSS / 1024);
}

export interface BenchDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database on TEST_DATABASE_URL's server, or an embedded PostgreSQL in a temp folder. */
export async function benchDatabase(prefix = 'fl_bench'): Promise<BenchDatabase> {
  const server = readTestServers().databaseUrl;
  if (server !== null) {
    const name = `${prefix}_${randomBytes(4).toString('hex')}`;
    const admin = new Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(server);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      async drop() {
        const client = new Client({ connectionString: server });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await client.end();
      },
    };
  }
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'fl-bench-'));
  // mkdtemp makes a private folder; the server may run as the `postgres` user.
  await chmod(dataDir, 0o755);
  const embedded = await startEmbeddedDatabase(
    loadConfig({
      DATA_DIR: dataDir,
      EMBEDDED_POSTGRES_PORT: String(20_000 + Math.floor(Math.random() * 20_000)),
    }),
    { notice: () => undefined },
  );
  return {
    url: embedded.url,
    async drop() {
      await embedded.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** CPU time of PostgreSQL's processes, in ms: the database's backends, and the server's own writers. */
export interface PostgresCpu {
  /** The backends connected to the measured database (the API's pool, and the queue's on its PostgreSQL backend). */
  readonly backendsMs: number;
  /** walwriter, background writer, checkpointer: server-wide, so other databases' work counts too. */
  readonly serverMs: number;
}

/** Clock ticks per second of /proc's utime and stime (USER_HZ: 100 on Linux). */
const PROC_TICKS_PER_SECOND = 100;

/** The process's CPU time; 'gone' once it has ended; null when it is not a postgres process here. */
async function procCpuMs(pid: number): Promise<number | 'gone' | null> {
  let stat: string;
  try {
    stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return 'gone';
  }
  // The server's pid here only if it runs on this machine, not in a container's namespace.
  if (!stat.slice(0, stat.lastIndexOf(')')).includes('(postgres')) return null;
  // Fields after the command's closing parenthesis: state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / PROC_TICKS_PER_SECOND;
}

/**
 * Samples the CPU time PostgreSQL spent, from /proc: the server must run on this machine (as with
 * TEST_DATABASE_URL on localhost); null otherwise (a pid that is not a postgres process here: the server
 * in a container). A backend that started since `before` counts from zero; one that ended between the
 * read of pg_stat_activity and of /proc is left out (the API's pool keeps its connections while busy).
 */
export async function samplePostgresCpu(
  databaseUrl: string,
): Promise<{ sample: Map<number, number>; kinds: Map<number, 'backend' | 'server'> } | null> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number; kind: 'backend' | 'server' }>(
      `SELECT pid, CASE WHEN backend_type = 'client backend' THEN 'backend' ELSE 'server' END AS kind
         FROM pg_stat_activity
        WHERE (datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid())
           OR backend_type IN ('walwriter', 'background writer', 'checkpointer')`,
    );
    const sample = new Map<number, number>();
    const kinds = new Map<number, 'backend' | 'server'>();
    for (const row of rows) {
      const ms = await procCpuMs(row.pid);
      if (ms === 'gone') continue; // ended since the read above
      if (ms === null) return null;
      sample.set(row.pid, ms);
      kinds.set(row.pid, row.kind);
    }
    // None found here: the server's processes are not this machine's.
    return sample.size === 0 ? null : { sample, kinds };
  } finally {
    await client.end();
  }
}

/** PostgreSQL's CPU between two samples of `samplePostgresCpu`, or null when either is. */
export function postgresCpuBetween(
  before: Awaited<ReturnType<typeof samplePostgresCpu>>,
  after: Awaited<ReturnType<typeof samplePostgresCpu>>,
): PostgresCpu | null {
  if (before === null || after === null) return null;
  let backendsMs = 0;
  let serverMs = 0;
  for (const [pid, ms] of after.sample) {
    const used = ms - (before.sample.get(pid) ?? 0);
    if (after.kinds.get(pid) === 'backend') backendsMs += used;
    else serverMs += used;
  }
  return { backendsMs, serverMs };
}
