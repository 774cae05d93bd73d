import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Failed sign-ins counted per key (a keyed hash of an account's email or of a client address, never
 * the value itself) within a window that starts at the first failure. In PostgreSQL so that every
 * API instance counts together.
 */
@Entity({ name: 'login_throttle_counters' })
export class LoginThrottleCounter {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  key: string;

  @Index('IDX_login_throttle_counters_window')
  @Column({ name: 'window_started_at', type: 'timestamptz' })
  windowStartedAt: Date;

  @Column({ type: 'integer' })
  failures: number;
}
