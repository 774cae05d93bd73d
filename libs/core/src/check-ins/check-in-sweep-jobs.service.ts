import { JobProducer, sweepAt } from '@app/queue';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Job names of the design before the sweep (issue 17), still found in queues upgraded from it. */
const LEGACY_CHECK_IN_JOBS: ReadonlySet<string> = new Set(['check-ins.due', 'check-ins.overdue']);

/** The distinct instants among `times` (a sweep job per distinct due or overdue time). */
function distinctTimes(times: readonly Date[]): Date[] {
  return [...new Map(times.map((time) => [time.getTime(), time])).values()];
}

/**
 * The `check-ins.sweep` jobs, derived from the `check_ins` rows: one delayed job per distinct due or
 * overdue time of a pending check-in (`checkin-sweep-<epoch ms>`: check-ins due at the same moment
 * share it). Enqueued when planning commits, withdrawn when no pending check-in needs its moment any
 * more, and restored or cleared by the reconciler. The rows stay the truth: a job too many finds
 * nothing to do, and a job lost is derived again.
 */
@Injectable()
export class CheckInSweepJobsService {
  private readonly logger = new Logger('CheckInSweepJobsService');

  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: JobProducer,
  ) {}

  /**
   * The queue follows a committed plan: the sweeps at `left` (the times of check-ins cancelled or
   * re-dated) that nothing needs any more are withdrawn, and one is enqueued at each time of
   * `planned` (check-ins created or re-dated).
   */
  async followPlan(left: readonly Date[], planned: readonly Date[]): Promise<void> {
    await this.withdrawIdle(left);
    const times = distinctTimes(planned);
    await this.producer.enqueueMany(
      times.map((at) => ({ name: 'check-ins.sweep' as const, payload: sweepAt(at), runAt: at })),
    );
    // A concurrent plan (the link-up paused or closed) may have cancelled these rows and withdrawn
    // their sweeps before this enqueue ran. Re-read after enqueueing: either that plan's withdrawal
    // (after its commit) comes after this enqueue, or this read sees the rows settled and withdraws.
    await this.withdrawIdle(times);
  }

  /**
   * Withdraws the waiting sweep job at each of `times` that no pending check-in needs any more (all
   * of that moment's check-ins held, cancelled or re-dated). A running one is left to finish.
   */
  async withdrawIdle(times: readonly Date[]): Promise<void> {
    const distinct = distinctTimes(times);
    if (distinct.length === 0) return;
    const needed = await this.timesStillNeeded(distinct);
    const withdrawn: Date[] = [];
    for (const time of distinct) {
      if (needed.has(time.getTime())) continue;
      if (await this.producer.withdraw('check-ins.sweep', sweepAt(time))) withdrawn.push(time);
    }
    if (withdrawn.length === 0) return;
    // A sweep job is shared by every check-in due at its moment. Another link-up may have planned one
    // at that moment between the read above and the withdrawal (its enqueue found the job still there
    // and did nothing): read again after withdrawing, and put back what is needed after all.
    const neededNow = await this.timesStillNeeded(withdrawn);
    const back = withdrawn.filter((time) => neededNow.has(time.getTime()));
    if (back.length > 0) {
      await this.producer.enqueueMany(
        back.map((at) => ({ name: 'check-ins.sweep' as const, payload: sweepAt(at), runAt: at })),
      );
    }
  }

  /** Every time a pending check-in waits for: its due time if scheduled, its overdue time. */
  async pendingTimes(): Promise<Date[]> {
    const rows = await this.dataSource.query<{ at: Date }[]>(
      `SELECT due_at AS at FROM check_ins WHERE status = 'scheduled'
       UNION SELECT overdue_at FROM check_ins WHERE status IN ('scheduled', 'due')`,
    );
    return rows.map((row) => row.at);
  }

  /**
   * Derives the sweep job at `at` again if the queue lost it (a flushed queue) or it finished without
   * effect (failed); a waiting or running one is left. Returns whether it was enqueued.
   */
  async restore(at: Date): Promise<boolean> {
    const payload = sweepAt(at);
    const job = await this.producer.findJob('check-ins.sweep', payload);
    if (job !== undefined && job.finishedOn === undefined) return false;
    if (job !== undefined) await this.producer.withdraw('check-ins.sweep', payload);
    await this.producer.enqueueMany([{ name: 'check-ins.sweep', payload, runAt: at }]);
    return true;
  }

  /**
   * Failed `check-ins.sweep` jobs whose work is done since — no pending check-in is due or overdue at
   * their time any more (this pass's sweep did it, or a rerun), or they had no time (a sweep as of
   * then, which this pass's sweep covers) — are removed from the failed set (issue 12: they stayed
   * 14 days, noise for anyone alerting on failures). One whose time a pending check-in still needs
   * stays: the reconciler derives it again (`restore`). Returns how many were removed.
   */
  async clearSettledFailed(): Promise<number> {
    // A check-in's own due or overdue job (from before the sweep) that failed: the sweeps do its work.
    const failedJobs = (await this.producer.queue('check-ins').getFailed(0, 999)).filter(
      (job) => job.name === 'check-ins.sweep' || LEGACY_CHECK_IN_JOBS.has(job.name),
    );
    if (failedJobs.length === 0) return 0;
    const timeOf = (job: { data: unknown }): Date | null => {
      const at = (job.data as { at?: unknown } | null)?.at;
      if (typeof at !== 'string') return null;
      const time = new Date(at);
      return Number.isNaN(time.getTime()) ? null : time;
    };
    const needed = await this.timesStillNeeded(
      failedJobs.map(timeOf).filter((time): time is Date => time !== null),
    );
    let cleared = 0;
    for (const job of failedJobs) {
      const time = job.name === 'check-ins.sweep' ? timeOf(job) : null;
      if (time !== null && needed.has(time.getTime())) continue;
      await job.remove();
      cleared += 1;
    }
    if (cleared > 0)
      this.logger.log({ cleared }, 'Reconciler: failed check-in sweeps whose work is done removed');
    return cleared;
  }

  /** Which of `times` a pending check-in still waits for (its due time if scheduled, its overdue time). */
  private async timesStillNeeded(times: readonly Date[]): Promise<Set<number>> {
    if (times.length === 0) return new Set();
    const rows = await this.dataSource.query<{ at: Date }[]>(
      `SELECT due_at AS at FROM check_ins WHERE status = 'scheduled' AND due_at = ANY($1::timestamptz[])
       UNION SELECT overdue_at FROM check_ins
        WHERE status IN ('scheduled', 'due') AND overdue_at = ANY($1::timestamptz[])`,
      [distinctTimes(times)],
    );
    return new Set(rows.map((row) => row.at.getTime()));
  }
}
