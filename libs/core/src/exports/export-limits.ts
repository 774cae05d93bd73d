import { DEFAULT_EXPORT_MAX_DURATION_MS } from './csv-export.stream';

/**
 * How much of the database the record-level exports may hold at once, per process. Each running
 * export holds a worker thread and one database connection of its own (outside the pool) in an
 * open transaction for as long as its reader takes, so without a cap a few slow readers would use
 * up the server's connections and the process's memory.
 */
export class ExportLimits {
  /** Exports streaming at once in this process. */
  maxConcurrent = 2;
  /** Exports streaming at once for one user. */
  maxPerUser = 1;
  /** Wall-clock limit of one export (and `statement_timeout` of each of its statements). */
  maxDurationMs = DEFAULT_EXPORT_MAX_DURATION_MS;
  /** What a refused request is told to wait (`Retry-After`), in seconds. */
  retryAfterSeconds = 30;
  /**
   * A run still `running` this long after its start belongs to a process that died: no live
   * process streams past `maxDurationMs`, so the sweeper may mark it failed.
   */
  get abandonedAfterMs(): number {
    return this.maxDurationMs + 5 * 60_000;
  }
}
