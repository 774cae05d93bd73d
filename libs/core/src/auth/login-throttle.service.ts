import { AppConfig } from '@app/config';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface ThrottleKey {
  readonly key: string;
  readonly maxFailures: number;
}

/**
 * Counts failed sign-ins per key in PostgreSQL. A key's window opens at its first failure and lasts
 * LOGIN_THROTTLE_WINDOW_SECONDS; once a key has its maximum of failures in the window, attempts are
 * refused until the window ends.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  private get windowSeconds(): number {
    return this.config.auth.loginThrottle.windowSeconds;
  }

  /**
   * Counts this attempt against every key before the password is checked, in one atomic statement,
   * and answers the seconds to wait when a key is now over its maximum (null otherwise). Counting
   * first is what stops parallel attempts: each one sees the others' counts, so no more than the
   * maximum can reach the password check within a window. A success gives its attempt back
   * (`settleSuccess`).
   */
  async reserveAttempt(keys: readonly ThrottleKey[]): Promise<number | null> {
    const rows = await this.dataSource.query<{ key: string; failures: number; retry_after: number }[]>(
      `INSERT INTO login_throttle_counters AS c (key, window_started_at, failures)
       SELECT k, now(), 1 FROM unnest($1::varchar[]) AS k
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN c.window_started_at <= now() - make_interval(secs => $2)
                         THEN 1 ELSE c.failures + 1 END,
         window_started_at = CASE WHEN c.window_started_at <= now() - make_interval(secs => $2)
                                  THEN now() ELSE c.window_started_at END
       RETURNING key, failures,
         GREATEST(1, ceil(extract(epoch FROM window_started_at + make_interval(secs => $2) - now())))::int AS retry_after`,
      [keys.map((k) => k.key), this.windowSeconds],
    );
    const blocked = rows.filter(
      (row) => row.failures > (keys.find((k) => k.key === row.key)?.maxFailures ?? Infinity),
    );
    return blocked.length === 0 ? null : Math.max(...blocked.map((row) => row.retry_after));
  }

  /** A refused attempt never reached the password check: it gives back what it counted. */
  async releaseAttempt(keys: readonly ThrottleKey[]): Promise<void> {
    await this.dataSource.query(
      `UPDATE login_throttle_counters SET failures = GREATEST(0, failures - 1) WHERE key = ANY($1)`,
      [keys.map((k) => k.key)],
    );
  }

  /**
   * A successful sign-in: its account starts afresh, and its attempt no longer counts against the
   * client address. Windows long over are swept.
   */
  async settleSuccess(accountKey: string, clientKey: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM login_throttle_counters
        WHERE key = $1 OR window_started_at < now() - make_interval(secs => $2 * 2)`,
      [accountKey, this.windowSeconds],
    );
    await this.dataSource.query(
      `UPDATE login_throttle_counters SET failures = GREATEST(0, failures - 1) WHERE key = $1`,
      [clientKey],
    );
  }
}
