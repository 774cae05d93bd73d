import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable, type Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { QueryFailedError } from 'typeorm';
import {
  CsvStreamFailure,
  ExportTimedOutError,
  sentCounter,
  type CsvStreamResult,
} from './csv-export.stream';
import type {
  ExportConnectionConfig,
  ExportWorkerData,
  FromWorker,
  ToWorker,
  WorkerError,
} from './export-worker.protocol';

/**
 * The worker's heap, capped. With Node's defaults V8 lets node-postgres's short-lived row objects
 * be promoted to the old generation and collects them only at ~126 MiB (BENCHMARKS.md, "exports'
 * memory"); in a thread whose old generation is capped they are collected early, and what the
 * export holds (a batch or two and the stream buffers) fits well within it.
 */
export const EXPORT_WORKER_RESOURCE_LIMITS: ResourceLimits = {
  maxOldGenerationSizeMb: 24,
  maxYoungGenerationSizeMb: 4,
};

/** How long an aborted worker gets to roll back and close its connection before it is terminated. */
const WORKER_STOP_GRACE_MS = 10_000;
/** The main thread's own stop, should the worker miss its time limit (it holds the same limit). */
const TIME_LIMIT_BACKSTOP_MS = 5_000;

export interface WorkerExportRequest {
  readonly data: ExportWorkerData;
  readonly sink: Writable;
  /** Heap limits of the thread; the default `EXPORT_WORKER_RESOURCE_LIMITS`. */
  readonly resourceLimits?: ResourceLimits;
  /**
   * Where the worker run from TypeScript sources keeps its compiled files; the default
   * `exportWorkerCompileCacheDir()`. For tests (the built worker compiles nothing).
   */
  readonly compileCacheDir?: string;
}

/**
 * Runs one export in a worker thread and streams its CSV into `sink`, with the same contract as
 * `streamCsv`: resolves with the rows, bytes and SHA-256 of what `sink` took; rejects with a
 * `CsvStreamFailure` telling what was sent, its cause being what the in-process export would have
 * thrown (`ExportTimedOutError`, a TypeORM `QueryFailedError` for a database error, the sink's own
 * error when the reader went away). The bytes are counted here, as they are handed to `sink`.
 *
 * The worker opens its own connection (one snapshot transaction, as in-process) and sends the CSV in
 * chunks, with backpressure: it stops reading rows while the main thread has not taken its last
 * chunks. The time limit holds until `sink` has taken the last byte, as in-process: the worker keeps
 * it while it runs, and a worker that has sent the whole file leaves the main thread what is left of
 * it (a stalled reader would otherwise hold the export, and its slot, for ever); at the limit `sink`
 * is destroyed. When the reader goes away the worker is told to stop; this resolves or rejects only once
 * the worker has ended (its transaction rolled back and its connection closed) or, failing that
 * within a grace period, has been terminated.
 */
export async function streamExportInWorker(request: WorkerExportRequest): Promise<CsvStreamResult> {
  const counter = sentCounter();
  const limitMs = request.data.maxDurationMs;
  const worker = startWorker(
    request.data,
    request.resourceLimits ?? EXPORT_WORKER_RESOURCE_LIMITS,
    request.compileCacheDir ?? exportWorkerCompileCacheDir(),
  );
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  let ended = false;
  let owed = 0;
  const send = (message: ToWorker): void => worker.postMessage(message);
  // Aborted at the time limit: stops this thread's pipeline (destroying the sink) whatever the
  // worker's state. The worker may have written the whole file into this side's buffers and ended
  // while the sink has not taken it (a stalled reader); the limit must still hold then.
  const timeLimit = new AbortController();
  const timedOut = (): void => timeLimit.abort(new ExportTimedOutError(limitMs));
  // Set when the worker ends with the whole file sent: what is left of the limit for the sink.
  let drainTimer: NodeJS.Timeout | undefined;
  const source = new Readable({
    read() {
      for (; owed > 0; owed -= 1) send({ type: 'ack' });
    },
    destroy(error, callback) {
      // Stopped from this side (the reader went away, the time limit): the worker stops too.
      if (!ended) send({ type: 'abort' });
      callback(error);
    },
  });
  // A failure before the cursor is open destroys `source` before the pipeline takes it.
  source.on('error', () => undefined);
  // Settles when the cursor is open, or rejects when the export fails before (as in-process, the
  // sink is then left untouched: nothing was sent, and the error filter can still answer).
  let opened: (() => void) | undefined;
  let failedFirst: ((error: Error) => void) | undefined;
  const open = new Promise<void>((resolve, reject) => {
    opened = resolve;
    failedFirst = reject;
  });
  open.catch(() => undefined);
  const end = (error: Error | null): void => {
    if (ended) return;
    ended = true;
    failedFirst?.(error ?? new Error('The export worker ended before opening its cursor.'));
    if (error === null) source.push(null);
    else source.destroy(error);
  };
  worker.on('message', (message: FromWorker) => {
    if (message.type === 'open') opened?.();
    else if (message.type === 'chunk') {
      const { bytes } = message;
      if (source.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))) send({ type: 'ack' });
      else owed += 1;
    } else if (message.type === 'done') {
      if (ended) return;
      end(null);
      // The sink has what is left of the worker's own limit to take the rest of the file.
      drainTimer = setTimeout(timedOut, Math.max(0, message.remainingMs));
    } else end(reviveWorkerError(message.error));
  });
  // Thrown in the worker outside the export (it could not start, or ran out of its heap).
  worker.on('error', (error) => end(error));
  worker.on('exit', (code) => end(new Error(`The export worker stopped (exit code ${code}).`)));
  // The main thread's own stop, should the worker miss its limit (or never start).
  const backstop = setTimeout(() => {
    if (!ended) send({ type: 'abort' });
    timedOut();
    // Before the cursor is open this rejects `open`; after, the pipeline has already been stopped.
    end(timeLimit.signal.reason as Error);
  }, limitMs + TIME_LIMIT_BACKSTOP_MS);
  // The sink destroyed before the cursor is open (the app shutting down, the reader gone): the worker
  // is told at once, so it cancels its DECLARE or sends it not at all, instead of the pipeline finding
  // the sink gone once the cursor is open. The connect itself is not cut short (its timeout bounds it).
  const watching = new AbortController();
  const sinkGone = (error: unknown): void => {
    if (watching.signal.aborted) return;
    if (!ended) send({ type: 'abort' });
    end(error instanceof Error ? error : new Error('The sink ended before the cursor was open.'));
  };
  finished(request.sink, { signal: watching.signal }).then(() => sinkGone(undefined), sinkGone);
  try {
    try {
      await open;
    } finally {
      watching.abort();
    }
    await pipeline(source, counter.transform, request.sink, { signal: timeLimit.signal });
  } catch (error) {
    throw new CsvStreamFailure(timeLimit.signal.aborted ? timeLimit.signal.reason : error, counter.sent());
  } finally {
    clearTimeout(backstop);
    clearTimeout(drainTimer);
    await stopped(worker, exited);
  }
  return counter.sent();
}

async function stopped(worker: Worker, exited: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), WORKER_STOP_GRACE_MS);
  });
  try {
    if ((await Promise.race([exited, late])) === 'late') await worker.terminate();
  } finally {
    clearTimeout(timer);
  }
}

/** The error the in-process export would have thrown, from what the worker sent. */
export function reviveWorkerError(error: WorkerError): Error {
  if (error.kind === 'timed_out') return new ExportTimedOutError(error.limitMs ?? 0);
  if (error.kind === 'database') {
    // As node-postgres's DatabaseError reaches TypeORM: `QueryFailedError` copies its fields.
    const driverError = Object.assign(new Error(error.message), { ...error.fields });
    driverError.name = error.name;
    return new QueryFailedError('export cursor', undefined, driverError);
  }
  const revived = new Error(error.message);
  revived.name = error.name;
  if (error.code !== undefined) Object.assign(revived, { code: error.code });
  return revived;
}

/**
 * Starts the worker. From the build (`dist/…/export-worker.js` beside this file) the script runs as
 * it is, under `resourceLimits`. From the TypeScript sources (ts-jest) there is no `.js`: a small
 * bootstrap, run as the worker's code, compiles each `.ts` file it requires with the TypeScript
 * compiler already installed for the build (no ts-node; output kept in `cacheDir` by the hash of
 * each file's path and source, the bootstrap and the TypeScript version), maps the
 * `@app/*` paths to `libs/*\/src`, and requires the `.ts` entry. The compiler's own heap would not
 * fit the limits, so they are not applied there: tests check behaviour, the benchmark (built) checks
 * memory.
 */
function startWorker(data: ExportWorkerData, resourceLimits: ResourceLimits, cacheDir: string): Worker {
  const workerData = { exportWorker: true, data };
  const compiled = path.join(__dirname, 'export-worker.js');
  if (existsSync(compiled)) return new Worker(compiled, { workerData, resourceLimits });
  const source = path.join(__dirname, 'export-worker.ts');
  return new Worker(TYPESCRIPT_BOOTSTRAP, {
    eval: true,
    workerData: {
      ...workerData,
      bootstrap: {
        entry: source,
        libs: path.resolve(__dirname, '../../..'),
        typescript: require.resolve('typescript'),
        cacheSalt: bootstrapCacheSalt(),
        cacheDir,
      },
    },
  });
}

/**
 * The worker's compile cache: in the project, beside the installed TypeScript
 * (`node_modules/.cache/family-link-export-worker`), not in a shared temporary directory where
 * another user could create the folder first and plant compiled files in it.
 */
export function exportWorkerCompileCacheDir(): string {
  const nodeModules = path.dirname(path.dirname(require.resolve('typescript/package.json')));
  return path.join(nodeModules, '.cache', 'family-link-export-worker');
}

let cacheSalt: string | undefined;

/**
 * What a compiled file's cache key holds beside its own path and source: the bootstrap (its compiler
 * options) and the TypeScript version, so neither can change under a cache a developer keeps.
 */
function bootstrapCacheSalt(): string {
  if (cacheSalt === undefined) {
    const manifest = readFileSync(require.resolve('typescript/package.json'), 'utf8');
    const { version } = JSON.parse(manifest) as { version: string };
    cacheSalt = createHash('sha256').update(TYPESCRIPT_BOOTSTRAP).update('\0').update(version).digest('hex');
  }
  return cacheSalt;
}

const TYPESCRIPT_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { entry, libs, typescript, cacheSalt, cacheDir } = workerData.bootstrap;
// Compiled files are kept by the hash of their path and source (each file is compiled on its own,
// so its output depends on nothing else) with the bootstrap's and TypeScript's, so later workers skip
// the compiler. A cached file is run as code: the folder is used only if it is a directory (not a
// symbolic link) of this user's alone (owned by them, no group or other permissions); otherwise
// every file is compiled in memory and nothing is read from or written to it.
const warn = (what) => process.emitWarning('Export worker compile cache ' + cacheDir + ': ' + what + '; compiling in memory.');
function privateCache() {
  if (typeof process.getuid !== 'function') return false;
  try {
    fs.mkdirSync(path.dirname(cacheDir), { recursive: true });
    try {
      fs.mkdirSync(cacheDir, { mode: 0o700 });
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    const stat = fs.lstatSync(cacheDir);
    if (!stat.isDirectory() || stat.uid !== process.getuid() || (stat.mode & 0o077) !== 0) {
      warn("not a directory of this user's alone (owner, mode or a symbolic link)");
      return false;
    }
    return true;
  } catch (error) {
    warn('unusable (' + (error.code ?? error.name) + ')');
    return false;
  }
}
let useCache = privateCache();
let ts = null;
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const alias = /^@app\\/([a-z]+)$/.exec(request);
  return resolve.call(this, alias ? path.join(libs, alias[1], 'src') : request, ...rest);
};
Module._extensions['.ts'] = function (module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const key = crypto.createHash('sha256').update(cacheSalt).update('\\0').update(filename).update('\\0').update(source).digest('hex');
  const cached = path.join(cacheDir, key + '.js');
  let output = null;
  if (useCache) {
    try {
      output = fs.readFileSync(cached, 'utf8');
    } catch {}
  }
  if (output === null) {
    ts ??= require(typescript);
    output = ts.transpileModule(source, {
      fileName: filename,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
        experimentalDecorators: true,
        emitDecoratorMetadata: true,
      },
    }).outputText;
    if (useCache) {
      const temporary = cached + '.' + process.pid + '.' + crypto.randomBytes(4).toString('hex');
      try {
        fs.writeFileSync(temporary, output, { mode: 0o600, flag: 'wx' });
        fs.renameSync(temporary, cached);
      } catch (error) {
        try {
          fs.unlinkSync(temporary);
        } catch {}
        warn('not writable (' + (error.code ?? error.name) + ')');
        useCache = false;
      }
    }
  }
  module._compile(output, filename);
};
require(entry);
`;

/**
 * How long the export's connection may take to be established (TCP, TLS and PostgreSQL's start-up)
 * when the data source sets no `connectTimeoutMS` (the app's does not): a database that takes the TCP
 * connection and never answers fails the export as a connection failure (503) instead of holding the
 * request until a proxy gives up.
 */
export const EXPORT_CONNECT_TIMEOUT_MS = 10_000;

/** What `exportConnectionConfig` reads of a TypeORM PostgreSQL data source's options. */
export interface PostgresSettings {
  readonly url?: string;
  readonly host?: string;
  readonly port?: number;
  readonly username?: string;
  readonly password?: unknown;
  readonly database?: string;
  readonly ssl?: unknown;
  readonly applicationName?: string;
  readonly connectTimeoutMS?: number;
}

/** The node-postgres settings of a TypeORM PostgreSQL data source, for a connection of the export's own. */
export function exportConnectionConfig(options: PostgresSettings): ExportConnectionConfig {
  const config: Record<string, unknown> = {
    connectionString: options.url,
    host: options.host,
    port: options.port,
    user: options.username,
    password: typeof options.password === 'string' ? options.password : undefined,
    database: options.database,
    ssl: typeof options.ssl === 'boolean' || typeof options.ssl === 'object' ? options.ssl : undefined,
    // Told apart from the pool's connections in pg_stat_activity.
    application_name: `${options.applicationName ?? 'family-link'}:export`,
    connectionTimeoutMillis: options.connectTimeoutMS ?? EXPORT_CONNECT_TIMEOUT_MS,
  };
  for (const key of Object.keys(config)) if (config[key] === undefined) delete config[key];
  return config;
}
