import type { ExportFilters } from './export-filters';
import type { ExportName } from './export-registry';

/**
 * What crosses the thread boundary of an export run in a worker thread (`export-worker.ts`). Only
 * what the export needs: where to connect, the export's name, filters and moment, the pseudonym key
 * and the limits. Never a name, a contact or a note: the worker reads the database itself and sends
 * back CSV bytes, which hold none.
 */
export interface ExportWorkerData {
  readonly connection: ExportConnectionConfig;
  readonly name: ExportName;
  readonly filters: ExportFilters;
  readonly at: Date;
  /** The programme key behind the pseudonyms (never logged). */
  readonly pseudonymSecret: string;
  readonly bom: boolean;
  readonly maxDurationMs: number;
  readonly batchSize?: number;
}

/** node-postgres connection settings (a subset of `pg.ClientConfig` that survives structured clone). */
export interface ExportConnectionConfig {
  readonly connectionString?: string;
  readonly host?: string;
  readonly port?: number;
  readonly user?: string;
  readonly password?: string;
  readonly database?: string;
  readonly ssl?: boolean | Record<string, unknown>;
  readonly application_name?: string;
  readonly connectionTimeoutMillis?: number;
}

/** Main thread → worker. */
export type ToWorker =
  /** The main thread has taken one chunk: the worker may send another. */
  | { readonly type: 'ack' }
  /** The reader went away: stop, roll back, close the connection, exit. */
  | { readonly type: 'abort' };

/**
 * Worker → main thread, in this order: `open` once the cursor is declared (a failure before it leaves
 * the response untouched, so the error filter can answer), chunks, then `done` or `failed` once the
 * connection is closed.
 */
export type FromWorker =
  | { readonly type: 'open' }
  | { readonly type: 'chunk'; readonly bytes: Uint8Array }
  /**
   * Every chunk sent, the transaction committed and the connection closed. `remainingMs`: what was
   * left of the time limit then, for the main thread's sink to take what it still holds.
   */
  | { readonly type: 'done'; readonly remainingMs: number }
  | { readonly type: 'failed'; readonly error: WorkerError };

/**
 * An error as it crosses the boundary: enough to rebuild the error the in-process export would have
 * thrown (the HTTP error filter reads `code`, the message and a database error's `driverError`).
 */
export interface WorkerError {
  readonly kind: 'timed_out' | 'database' | 'other';
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly limitMs?: number;
  /** A PostgreSQL error's fields (`severity`, `detail`, `constraint`, `table`…), strings only. */
  readonly fields?: Readonly<Record<string, string>>;
}

/** The fields of a node-postgres `DatabaseError` kept across the boundary. */
const DATABASE_FIELDS = [
  'severity',
  'code',
  'detail',
  'hint',
  'position',
  'schema',
  'table',
  'column',
  'dataType',
  'constraint',
  'routine',
] as const;

/** An error thrown in the worker, as it is sent to the main thread. */
export function serializeWorkerError(error: unknown): WorkerError {
  const object = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const name = typeof object.name === 'string' ? object.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  const code = typeof object.code === 'string' ? object.code : undefined;
  if (code === 'EXPORT_TIMED_OUT')
    return { kind: 'timed_out', name, message, code, limitMs: Number(object.limitMs) };
  // node-postgres's DatabaseError: a SQLSTATE code and a severity.
  if (code !== undefined && /^[0-9A-Z]{5}$/.test(code) && typeof object.severity === 'string') {
    const fields: Record<string, string> = {};
    for (const field of DATABASE_FIELDS) if (typeof object[field] === 'string') fields[field] = object[field];
    return { kind: 'database', name, message, code, fields };
  }
  return { kind: 'other', name, message, ...(code === undefined ? {} : { code }) };
}
