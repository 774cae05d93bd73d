import { Logger } from '@nestjs/common';
import { performance } from 'node:perf_hooks';

/** Seconds a client is told to wait (`Retry-After`) when the database is unreachable. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

/**
 * One log line when the database becomes unreachable and one when it is back, however many
 * requests are refused in between (issue 12: a stack trace per request filled 14.8 MB in 10 s).
 * The error filter reports each refused request; the pool reports each new connection, and the
 * first one after an outage ends it.
 */
export class DatabaseOutageLog {
  private startedAt: number | null = null;
  private refused = 0;

  constructor(private readonly logger = new Logger('DatabaseOutage')) {}

  get active(): boolean {
    return this.startedAt !== null;
  }

  /** A request refused because the database is unreachable: logged only when it starts an outage. */
  noteRefused(error: unknown, requestId: string | null): void {
    this.refused += 1;
    if (this.startedAt !== null) return;
    this.startedAt = performance.now(); // duration
    const code = (error as { code?: unknown } | null)?.code;
    this.logger.error(
      {
        requestId,
        ...(typeof code === 'string' ? { code } : {}),
        retryAfterSeconds: OUTAGE_RETRY_AFTER_SECONDS,
      },
      'Database unreachable: answering 503 until it returns',
    );
  }

  /** A connection to the database was made: ends the outage, if there was one. */
  noteConnected(): void {
    if (this.startedAt === null) return;
    const seconds = Math.round((performance.now() - this.startedAt) / 100) / 10; // duration
    this.logger.log({ outageSeconds: seconds, requestsRefused: this.refused }, 'Database reachable again');
    this.startedAt = null;
    this.refused = 0;
  }
}

/** The process's one outage log (a process talks to one database). */
export const databaseOutage = new DatabaseOutageLog();
