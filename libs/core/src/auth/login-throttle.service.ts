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

  /** Seconds until the first blocked key may try again; null when none is blocked. */
  async retryAfterSeconds(keys: readonly ThrottleKey[]): Promise<number | null> {
    const rows = await this.dataSource.query<{ key: string; failures: number; retry_after: number }[]>(
      `SELECT key, failures,
              GREATEST(1, ceil(extract(epoch FROM window_started_at + make_interval(secs => $2) - now())))::int AS retry_after
         FROM login_throttle_counters
        WHERE key = ANY($1) AND window_started_at > now() - make_interval(secs => $2)`,
      [keys.map((k) => k.key), this.windowSeconds],
    );
    const blocked = rows.filter(
      (row) => row.failures >= (keys.find((k) => k.key === row.key)?.maxFailures ?? Infinity),
    );
    return blocked.length === 0 ? null : Math.max(...blocked.map((row) => row.retry_after));
  }

  async recordFailure(keys: readonly ThrottleKey[]): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO login_throttle_counters (key, window_started_at, failures)
       SELECT k, now(), 1 FROM unnest($1::varchar[]) AS k
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN login_throttle_counters.window_started_at <= now() - make_interval(secs => $2)
                         THEN 1 ELSE login_throttle_counters.failures + 1 END,
         window_started_at = CASE WHEN login_throttle_counters.window_started_at <= now() - make_interval(secs => $2)
                                  THEN now() ELSE login_throttle_counters.window_started_at END`,
      [keys.map((k) => k.key), this.windowSeconds],
    );
  }

  /** A successful sign-in clears its account's count and sweeps windows long over. */
  async clear(key: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM login_throttle_counters
        WHERE key = $1 OR window_started_at < now() - make_interval(secs => $2 * 2)`,
      [key, this.windowSeconds],
    );
  }
}
