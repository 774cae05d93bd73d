import { Injectable } from '@nestjs/common';
import { Clock } from '../clock';

/** How long a token holder read by the access guard is served from memory. */
export const TOKEN_HOLDER_CACHE_LIFE_MS = 5_000;
/** At most this many accounts are held; the oldest entry makes room for a new one. */
export const TOKEN_HOLDER_CACHE_SIZE = 10_000;

interface Entry<T> {
  readonly value: T;
  readonly storedAt: number;
}

/**
 * The access guard's per-request user read (active, token version, role, site, family, supervisor),
 * served from this process's memory for a few seconds (issue 17: one statement fewer per request).
 *
 * Every write in this process to a column the guard reads (deactivation, reactivation, password change
 * or reset: each bumps or reads `token_version`/`active`) calls `forget` once committed, so this
 * process refuses a revoked token on the very next request. **Trade-off:** another API process (a
 * deployment with several) does not hear of it and may honour a revoked token, or serve the old role
 * or site, for up to `TOKEN_HOLDER_CACHE_LIFE_MS`. A write made outside the services (raw SQL by an
 * operator) is likewise seen only once the entry expires. A token the cached row would refuse makes
 * the guard read the row again first when the token is newer than the entry (`get`'s `stale`), so a
 * stale entry never refuses a token another process issued after a change. A replayed revoked token
 * (older than the row) is still refused from the cache, without a read.
 *
 * A read that was in flight while an account changed is not stored (the generation moved on), so a
 * row read before a commit cannot be cached after that commit's `forget`. Entries age by the project
 * clock; one stamped in the clock's future (a test moved it back) counts as expired.
 */
@Injectable()
export class TokenHolderCache<T = unknown> {
  private readonly entries = new Map<string, Entry<T>>();
  private generation = 0;

  constructor(private readonly clock: Clock) {}

  /**
   * The cached value for `id`, or `load`'s answer (stored unless null or an account changed meanwhile).
   * A cached value the caller knows to be out of date (`stale`: a token newer than the cached row,
   * handed out by another process after a change) is read again, once. Only that entry is replaced;
   * reads in flight for other accounts are still stored.
   */
  async get(
    id: string,
    load: () => Promise<T | null>,
    stale: (value: T) => boolean = () => false,
  ): Promise<T | null> {
    const now = this.clock.now().getTime();
    const entry = this.entries.get(id);
    if (entry !== undefined) {
      const live = entry.storedAt <= now && now - entry.storedAt < TOKEN_HOLDER_CACHE_LIFE_MS;
      if (live && !stale(entry.value)) return entry.value;
      this.entries.delete(id);
    }
    const generation = this.generation;
    const value = await load();
    if (value !== null && generation === this.generation) this.store(id, value, now);
    return value;
  }

  /** Drops `id` (after a committed change to the account) and refuses to store reads already in flight. */
  forget(id: string): void {
    this.generation += 1;
    this.entries.delete(id);
  }

  private store(id: string, value: T, storedAt: number): void {
    this.entries.delete(id);
    if (this.entries.size >= TOKEN_HOLDER_CACHE_SIZE) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
    this.entries.set(id, { value, storedAt });
  }
}
