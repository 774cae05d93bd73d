import { Injectable } from '@nestjs/common';
import type { LinkUpFacts } from './link-ups.repository';

/** At most this many link-ups' facts are kept (a few hundred bytes each); the oldest makes room. */
export const RECENT_LINK_UP_FACTS_SIZE = 10_000;

/**
 * The committed `LinkUpFacts` this process read last, by link-up (issue 17: a family's next small win
 * skips the link-up read and is one statement). Safe to serve however old, because nothing is decided
 * on them alone: a write checked against them is made only while the link-up's version is still theirs
 * (every committed change of a link-up bumps it, in this process or another; facts read inside a
 * transaction are not kept, as a rollback would hand their version to other facts), and a check they
 * fail is made again on a fresh read before anyone is refused (today every refusal a fresh read could
 * lift rests on a column that needs a version bump, so this is a second line, not the first). So no lifetime and no invalidation on change: an entry a
 * change made stale costs one wasted try, then the fresh read replaces it. They hold ids, a status,
 * a date and a version: no names.
 */
@Injectable()
export class RecentLinkUpFacts {
  private readonly byId = new Map<string, LinkUpFacts>();

  get(id: string): LinkUpFacts | undefined {
    return this.byId.get(id);
  }

  /** Keeps `facts` as the latest read of its link-up. */
  remember(facts: LinkUpFacts): void {
    this.byId.delete(facts.id);
    if (this.byId.size >= RECENT_LINK_UP_FACTS_SIZE) {
      const oldest = this.byId.keys().next();
      if (oldest.done !== true) this.byId.delete(oldest.value);
    }
    this.byId.set(facts.id, facts);
  }
}
