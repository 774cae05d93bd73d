import type { Logger } from '@nestjs/common';
import { isConnectionFailure } from '../errors';

/**
 * One reconciler pass, shared by the features that each reconcile what they own (the reconciliation
 * module runs them). Every phase runs whatever the others did, and one bad item never stops its phase:
 * errors are counted and logged with ids only, and the next pass tries again. A lost connection
 * (database or queue) is different: every item after it would fail the same way, so the pass stops at
 * the first one, with one warning (issue 12: 1,392 warnings in one pass through an outage).
 */
export class ReconcilePass {
  private errorCount = 0;
  private unreachable = false;

  constructor(private readonly logger: Logger) {}

  /** Items that failed so far, in every phase. */
  get errors(): number {
    return this.errorCount;
  }

  /** True once the database or the queue was found unreachable: take no new item. */
  readonly stopped = (): boolean => this.unreachable;

  /** Counts failures a phase handled itself (one bad row among many, say). */
  countErrors(count: number): void {
    this.errorCount += count;
  }

  /** What to call when one item of `phase` fails. */
  failed(phase: string): (item: string | { id: string }, error: unknown) => void {
    return (item, error) => {
      if (isConnectionFailure(error)) {
        if (!this.unreachable) {
          this.unreachable = true;
          this.errorCount += 1;
          this.logger.warn(
            { phase, err: error instanceof Error ? error.name : typeof error },
            'Reconciler pass stopped: the database or the queue is unreachable',
          );
        }
        return;
      }
      this.errorCount += 1;
      this.logger.warn(
        {
          phase,
          id: typeof item === 'string' ? item : item.id,
          err: error instanceof Error ? error.name : typeof error,
        },
        'Reconciler: one item failed',
      );
    };
  }

  /** Runs one phase unless the pass has stopped; a phase that throws counts as one failure. */
  async phase<T>(name: string, empty: T, work: () => Promise<T>): Promise<T> {
    if (this.unreachable) return empty;
    try {
      return await work();
    } catch (error) {
      this.failed(name)('-', error);
      return empty;
    }
  }
}
