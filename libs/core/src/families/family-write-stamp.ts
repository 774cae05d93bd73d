import { Injectable } from '@nestjs/common';
import { TransactionContext } from '../transaction';

/**
 * A counter of this process's family writes: readers that cache family rows (matching's candidate
 * cache) compare it to know their copy may be stale. Every family write moves it when it ends
 * (committed or not) and, joined to a caller's run, again once that run commits, so no cache keeps
 * a copy read before the commit under the new stamp.
 */
@Injectable()
export class FamilyWriteStamp {
  private stamp = 0;

  constructor(private readonly transactions: TransactionContext) {}

  /** The stamp now: a cache filled under an older one may be stale. */
  current(): number {
    return this.stamp;
  }

  /** Families changed outside the families feature (link-ups created by a choice, closed): caches reload. */
  noteFamiliesChanged(): void {
    this.stamp++;
  }

  /** A family write: a run that joins its caller's, moving the stamp as above. */
  write<T>(work: () => Promise<T>): Promise<T> {
    return this.transactions
      .run(async () => {
        const result = await work();
        await this.transactions.afterCommit(() => Promise.resolve(this.noteFamiliesChanged()));
        return result;
      })
      .finally(() => this.noteFamiliesChanged());
  }
}
