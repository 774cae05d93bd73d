import { Injectable } from '@nestjs/common';
import { Clock } from '../clock';
import { LinkUpsService } from '../link-ups';
import type { ReconcilePass } from '../platform';
import { CheckInPlanningService } from './check-in-planning.service';
import { CheckInSweepJobsService } from './check-in-sweep-jobs.service';
import { CheckInSweepsService } from './check-in-sweeps.service';
import { CheckInsRepository } from './check-ins.repository';
import { runLimited } from './run-limited';

/** What the check-ins' part of a reconciler pass did (see ReconcileReport for the whole pass). */
export interface CheckInsReconcileReport {
  readonly linkUpsPlanned: number;
  readonly markedDue: number;
  readonly markedMissed: number;
  readonly jobsRestored: number;
  /** Failed check-in jobs removed because their work was done since (by the reconciler or a rerun). */
  readonly failedJobsCleared: number;
}

/** How many link-ups the reconciler re-plans at once. */
const RECONCILE_CONCURRENCY = 4;
/** How many sweep times the reconciler checks on the queue at once. */
const JOBS_CONCURRENCY = 16;

/**
 * What check-ins own, reconciled (the reconciliation module asks each feature in one pass): the
 * plans, the sweeps a stopped worker missed, and the sweep jobs the queue lost or failed.
 */
@Injectable()
export class CheckInsReconciliationService {
  constructor(
    private readonly checkIns: CheckInsRepository,
    private readonly linkUps: LinkUpsService,
    private readonly planning: CheckInPlanningService,
    private readonly sweeps: CheckInSweepsService,
    private readonly sweepJobs: CheckInSweepJobsService,
    private readonly clock: Clock,
  ) {}

  /**
   * The check-ins' part of a reconciler pass (the reconciliation module runs it with the other
   * features'): re-plans every live link-up (and any closed one with something pending), sweeps the
   * check-ins whose due or overdue time passed while no worker ran, re-creates the sweep jobs the
   * queue lost, and clears failed ones whose work is done. Safe to run concurrently with the jobs and
   * with itself.
   */
  async reconcileCheckIns(pass: ReconcilePass, now = this.clock.now()): Promise<CheckInsReconcileReport> {
    const failed = (phase: string) => pass.failed(phase);
    const stopped = pass.stopped;
    const phase = <T>(name: string, empty: T, work: () => Promise<T>): Promise<T> =>
      pass.phase(name, empty, work);

    const linkUpIds = await phase('plan', [] as string[], async () => {
      const live = await this.linkUps.liveLinkUpIds();
      const withPending = await this.checkIns.linkUpIdsWithPending();
      const ids = [...new Set([...live, ...withPending])];
      await runLimited(
        ids,
        RECONCILE_CONCURRENCY,
        (id) => this.planning.planLinkUp(id, now),
        failed('plan'),
        stopped,
      );
      return ids;
    });

    const swept = await phase('sweep', { markedDue: 0, markedMissed: 0, errors: 0 }, () =>
      this.sweeps.sweep(now),
    );
    pass.countErrors(swept.errors);

    // Every due or overdue time still ahead of a pending check-in has its sweep job (a flushed queue
    // lost it, or it failed): derived again from the rows. A time already past whose check-in is
    // still pending (it failed on its own above) gets one too, which runs at once.
    let jobsRestored = 0;
    await phase('jobs', null, async () => {
      await runLimited(
        await this.sweepJobs.pendingTimes(),
        JOBS_CONCURRENCY,
        async (at) => {
          if (await this.sweepJobs.restore(at)) jobsRestored += 1;
        },
        (at, error) => failed('jobs')(at.toISOString(), error),
        stopped,
      );
      return null;
    });

    let failedJobsCleared = 0;
    await phase('failed', null, async () => {
      failedJobsCleared = await this.sweepJobs.clearSettledFailed();
      return null;
    });

    return {
      linkUpsPlanned: linkUpIds.length,
      markedDue: swept.markedDue,
      markedMissed: swept.markedMissed,
      jobsRestored,
      failedJobsCleared,
    };
  }
}
