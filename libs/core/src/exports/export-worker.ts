/*
 * The export worker thread's entry (started by `streamExportInWorker`). It imports only the export
 * engine, the export definitions, the domain rules and node-postgres: no Nest, no TypeORM, so the
 * thread starts small and stays within its `resourceLimits`.
 */
import { pseudonymise } from '@app/domain';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { Client } from 'pg';
import type { CursorConnection } from './csv-export.stream';
import { EXPORTS } from './export-registry';
import {
  serializeWorkerError,
  type ExportConnectionConfig,
  type ExportWorkerData,
  type FromWorker,
  type ToWorker,
} from './export-worker.protocol';

/** CSV is sent to the main thread in chunks of about this size… */
const CHUNK_BYTES = 64 * 1024;
/** …with at most this many sent and not yet taken by the main thread (backpressure). */
const CHUNKS_IN_FLIGHT = 4;

/**
 * One connection of its own (not a pool): opened for the export, closed when it ends. Statements are
 * plain text, so `begin` says the whole transaction mode in one `BEGIN`.
 */
export function pgConnection(config: ExportConnectionConfig): () => Promise<CursorConnection> {
  return async () => {
    const client = new Client({ ...config });
    // A connection that dies mid-export fails the statement in flight; without a listener the
    // 'error' event would end the thread instead.
    // Whether the server still holds this connection's backend: once it has ended it (an idle timeout,
    // a restart), its pid may be another session's, so the cancel below must not name it.
    let alive = true;
    client.on('error', () => {
      alive = false;
    });
    client.on('end', () => {
      alive = false;
    });
    await client.connect().catch((error: unknown) => {
      // node-postgres says only 'timeout expired' when `connectionTimeoutMillis` passes: told as
      // what it is, a connection failure (the error filter answers 503).
      if (error instanceof Error && error.message === 'timeout expired')
        throw Object.assign(
          new Error(
            `Connection terminated: the database did not answer within ${config.connectionTimeoutMillis} ms`,
            { cause: error },
          ),
          { code: 'ETIMEDOUT' },
        );
      throw error;
    });
    // For a cancel from another connection (`cancel`).
    const [{ pid }] = (
      await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid').catch(async (error: unknown) => {
        await client.end().catch(() => undefined);
        throw error;
      })
    ).rows;
    let inTransaction = false;
    return {
      query: async (sql, parameters) =>
        (await client.query(sql, parameters && [...parameters])).rows as unknown[],
      async begin() {
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        inTransaction = true;
      },
      async commit() {
        await client.query('COMMIT');
        inTransaction = false;
      },
      async rollback() {
        if (inTransaction) await client.query('ROLLBACK').catch(() => undefined);
        inTransaction = false;
      },
      release: () => client.end().catch(() => undefined),
      async cancel() {
        if (!alive) return;
        // A short-lived connection of the same settings (same role: allowed to cancel its own).
        const canceller = new Client({
          ...config,
          application_name: `${config.application_name ?? 'family-link:export'}-cancel`,
        });
        canceller.on('error', () => undefined);
        try {
          await canceller.connect();
          await canceller.query('SELECT pg_cancel_backend($1)', [pid]);
        } catch {
          // The statement then runs until it ends or statement_timeout; the rollback waits for it.
        } finally {
          await canceller.end().catch(() => undefined);
        }
      },
    };
  };
}

/**
 * The worker's sink: gathers the CSV into chunks of `CHUNK_BYTES` and transfers each one to the
 * main thread (no copy), holding the pipeline back while `CHUNKS_IN_FLIGHT` are not yet taken.
 */
class PortSink extends Writable {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private inFlight = 0;
  private waiting: (() => void) | null = null;

  constructor(private readonly port: MessagePort) {
    super();
  }

  taken(): void {
    this.inFlight -= 1;
    const waiting = this.waiting;
    if (waiting !== null && this.inFlight < CHUNKS_IN_FLIGHT) {
      this.waiting = null;
      waiting();
    }
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes >= CHUNK_BYTES) this.send(callback);
    else callback();
  }

  override _final(callback: (error?: Error | null) => void): void {
    if (this.pendingBytes > 0) this.send(callback);
    else callback();
  }

  private send(callback: () => void): void {
    // A buffer of its own (not a slice of Node's pool), so it can be transferred.
    const bytes = new Uint8Array(this.pendingBytes);
    let offset = 0;
    for (const piece of this.pending) {
      bytes.set(piece, offset);
      offset += piece.length;
    }
    this.pending = [];
    this.pendingBytes = 0;
    this.inFlight += 1;
    const message: FromWorker = { type: 'chunk', bytes };
    this.port.postMessage(message, [bytes.buffer]);
    if (this.inFlight < CHUNKS_IN_FLIGHT) callback();
    else this.waiting = callback;
  }
}

/** Runs the export described by `data`, sending its CSV to `port`; ends with `done` or `failed`. */
export async function runExportWorker(port: MessagePort, data: ExportWorkerData): Promise<void> {
  const sink = new PortSink(port);
  const abort = new AbortController();
  const onMessage = (message: ToWorker): void => {
    if (message.type === 'ack') sink.taken();
    else abort.abort(new Error('The reader went away.'));
  };
  port.on('message', onMessage);
  let final: FromWorker;
  // The time limit runs from here, as `writeCsv`'s does.
  const started = performance.now();
  try {
    await EXPORTS[data.name].write({
      connect: pgConnection(data.connection),
      filters: data.filters,
      at: data.at,
      pseudonym: (kind, id) => pseudonymise(data.pseudonymSecret, kind, id),
      sink,
      bom: data.bom,
      batchSize: data.batchSize,
      maxDurationMs: data.maxDurationMs,
      signal: abort.signal,
      onCursorOpen: () => port.postMessage({ type: 'open' } satisfies FromWorker),
    });
    final = { type: 'done', remainingMs: Math.floor(data.maxDurationMs - (performance.now() - started)) };
  } catch (error) {
    final = { type: 'failed', error: serializeWorkerError(error) };
  }
  // Sent once the transaction has ended and the connection is closed.
  port.postMessage(final);
  port.off('message', onMessage);
  // Nothing else keeps the thread alive: it exits once the message is out.
  port.unref();
}

if (!isMainThread && parentPort !== null && (workerData as { exportWorker?: unknown })?.exportWorker === true)
  void runExportWorker(parentPort, (workerData as { data: ExportWorkerData }).data);
