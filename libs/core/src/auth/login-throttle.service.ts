import { AppConfig } from '@app/config';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../clock';

export interface ThrottleKey {
  readonly key: string;
  readonly maxFailures: number;
}

/** PostgreSQL's "deadlock detected" and "could not serialize": safe to run the statement again. */
const RETRYABLE_CODES = new Set(['40P01', '40001']);
const MAX_ATTEMPTS = 4;

function isRetryable(error: unknown): boolean {
  const code =
    (error as { driverError?: { code?: unknown } }).driverError?.code ?? (error as { code?: unknown }).code;
  return typeof code === 'string' && RETRYABLE_CODES.has(code);
}

/**
 * Counts failed sign-ins per key in PostgreSQL. A key's window opens at its first failure and lasts
 * LOGIN_THROTTLE_WINDOW_SECONDS; once a key has its maximum of failures in the window, attempts are
 * refused until the window ends.
 *
 * Deadlock-free by construction: a statement that touches several counters locks them in key
 * order (the same order in every statement), other statements touch one counter each, and the
 * sweep of old windows skips locked rows. A deadlock or serialization failure that still happens
 * (another writer we do not know of) is retried.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  private get windowSeconds(): number {
    return this.config.auth.loginThrottle.windowSeconds;
  }

  private async withRetry<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await work();
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !isRetryable(error)) throw error;
      }
    }
  }

  /**
   * Counts this attempt against every key before the password is checked, in one atomic statement,
   * and answers the seconds to wait when a key is now over its maximum (null otherwise). Counting
   * first is what stops parallel attempts: each one sees the others' counts, so no more than the
   * maximum can reach the password check within a window. A success gives its attempt back
   * (`settleSuccess`).
   */
  async reserveAttempt(keys: readonly ThrottleKey[]): Promise<number | null> {
    const sorted = [...new Set(keys.map((k) => k.key))].sort();
    const rows = await this.withRetry(() =>
      this.dataSource.query<{ key: string; failures: number; retry_after: number }[]>(
        `INSERT INTO login_throttle_counters AS c (key, window_started_at, failures)
         SELECT k, $3::timestamptz, 1 FROM unnest($1::varchar[]) AS k ORDER BY k COLLATE "C"
         ON CONFLICT (key) DO UPDATE SET
           failures = CASE WHEN c.window_started_at <= $3::timestamptz - make_interval(secs => $2)
                           THEN 1 ELSE c.failures + 1 END,
           window_started_at = CASE WHEN c.window_started_at <= $3::timestamptz - make_interval(secs => $2)
                                    THEN $3::timestamptz ELSE c.window_started_at END
         RETURNING key, failures,
           GREATEST(1, ceil(extract(epoch FROM window_started_at + make_interval(secs => $2) - $3::timestamptz)))::int AS retry_after`,
        [sorted, this.windowSeconds, this.clock.now()],
      ),
    );
    const blocked = rows.filter(
      (row) => row.failures > (keys.find((k) => k.key === row.key)?.maxFailures ?? Infinity),
    );
    return blocked.length === 0 ? null : Math.max(...blocked.map((row) => row.retry_after));
  }

  /** A refused attempt never reached the password check: it gives back what it counted. */
  async releaseAttempt(keys: readonly ThrottleKey[]): Promise<void> {
    const sorted = [...new Set(keys.map((k) => k.key))].sort();
    await this.withRetry(() =>
      this.dataSource.query(
        `WITH locked AS (
           SELECT key FROM login_throttle_counters WHERE key = ANY($1::varchar[])
            ORDER BY key COLLATE "C" FOR UPDATE
         )
         UPDATE login_throttle_counters c SET failures = GREATEST(0, c.failures - 1)
           FROM locked WHERE c.key = locked.key`,
        [sorted],
      ),
    );
  }

  /**
   * A successful sign-in: `resetKey` (the account from this client) starts afresh, and the attempt
   * no longer counts against `giveBackKey` (the account from anywhere). Windows long over are
   * swept. One counter per statement, and the sweep skips locked rows: none of them can deadlock.
   */
  async settleSuccess(resetKey: string, giveBackKey: string): Promise<void> {
    await this.withRetry(() =>
      this.dataSource.query(`DELETE FROM login_throttle_counters WHERE key = $1`, [resetKey]),
    );
    await this.withRetry(() =>
      this.dataSource.query(
        `UPDATE login_throttle_counters SET failures = GREATEST(0, failures - 1) WHERE key = $1`,
        [giveBackKey],
      ),
    );
    await this.withRetry(() =>
      this.dataSource.query(
        `DELETE FROM login_throttle_counters WHERE key IN (
           SELECT key FROM login_throttle_counters
            WHERE window_started_at < $2::timestamptz - make_interval(secs => $1 * 2)
            FOR UPDATE SKIP LOCKED)`,
        [this.windowSeconds, this.clock.now()],
      ),
    );
  }
}
