import { planCheckIns } from '@app/domain';
import { afterCommitQueueWork, JobProducer } from '@app/queue';
import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { AuditService } from '../audit';
import { Clock } from '../clock';
import { LinkUpChangesBus, type LinkUpChanged, LinkUpsService } from '../link-ups';
import { ProgrammeSettingsService } from '../settings';
import { TransactionContext } from '../transaction';
import type { CheckIn } from './check-in.entity';
import { CheckInSweepJobsService } from './check-in-sweep-jobs.service';
import { CheckInsRepository } from './check-ins.repository';

export interface PlanOutcome {
  readonly state: 'active' | 'paused' | 'closed' | 'unknown';
  readonly created: number;
  readonly rescheduled: number;
  readonly cancelled: number;
}

/**
 * The cadence plan of each link-up's check-ins (DESIGN §4.4): every link-up change (created, stage
 * change, pause, resume, end) re-plans its check-ins from the pure `planCheckIns`. The rows are
 * written and committed first; then the queue follows them (one sweep job per planned moment,
 * `CheckInSweepJobsService`).
 */
@Injectable()
export class CheckInPlanningService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('CheckInPlanningService');
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly checkIns: CheckInsRepository,
    private readonly linkUps: LinkUpsService,
    private readonly bus: LinkUpChangesBus,
    private readonly settings: ProgrammeSettingsService,
    private readonly audit: AuditService,
    private readonly sweepJobs: CheckInSweepJobsService,
    private readonly producer: JobProducer,
    private readonly clock: Clock,
    private readonly transactions: TransactionContext,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.bus.subscribe((event) => this.followLinkUp(event));
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  /** Every link-up change (created, stage change, pause, resume, end) re-plans its check-ins. */
  async followLinkUp(event: LinkUpChanged): Promise<void> {
    await this.planLinkUp(event.linkUpId);
  }

  /**
   * Reconciles the link-up's check-ins with the plan (DESIGN §4.4): creates what is planned and not
   * on file, re-dates what moved, cancels what no longer applies (every pending one when paused or
   * closed). Serialised per link-up (an advisory lock) and idempotent: a run that joins its caller's.
   * Jobs follow once the outermost run has committed.
   *
   * The plan lock is a transaction lock (`lockPlanOf`): joined to a caller's run, it is held until that
   * run's outermost commit, not only while this plans. That is on purpose: the lock makes "read the
   * timeline and the rows, then write the plan" one step per link-up, and the writes are seen by
   * another planner only once they commit. Released at the end of this method, a second planner
   * (READ COMMITTED) would read the rows and the timeline from before the caller's uncommitted work,
   * wait on their row locks, and then re-date or cancel them again from that stale plan, with an audit
   * line to match. So another planner of the link-up (the sweep's re-plan, the reconciler, the bus
   * after a commit) waits for the caller's run to end; every production caller plans outside any run,
   * after the change it follows has committed. A caller planning inside its run takes the plan lock
   * before it locks the link-up or its check-ins in that run (or plans after its commit, as the bus
   * does): a planner holding the lock waits for the check-ins' row locks (and a sweep batch holding
   * those waits for the link-up's), so the other order can deadlock; PostgreSQL detects it and fails
   * one of them with 40P01. Two link-ups planned in one run may deadlock the same way with a run
   * planning them in the other order.
   */
  async planLinkUp(linkUpId: string, now = this.clock.now()): Promise<PlanOutcome> {
    const settings = (await this.settings.currentSettings()).checkIns;
    return this.transactions.run(async () => {
      await this.checkIns.lockPlanOf(linkUpId);
      const view = await this.linkUps.timelineFor(linkUpId);
      if (view === null) return { state: 'unknown', created: 0, rescheduled: 0, cancelled: 0 };
      const existing = await this.checkIns.planned(linkUpId);
      const plan = planCheckIns({ timeline: view.timeline, status: view.status, existing, now }, settings);
      const created = await this.checkIns.insertPlanned(linkUpId, plan.create);
      for (const { checkIn, planned } of plan.reschedule) {
        await this.checkIns.movePending(checkIn.id, {
          dueAt: planned.dueAt,
          overdueAt: planned.overdueAt,
          // Moved into the future: due again later (it is notified again when it falls due).
          ...(planned.dueAt.getTime() > now.getTime() ? { status: 'scheduled' as const } : {}),
        });
      }
      const cancelled: Pick<CheckIn, 'id' | 'dueAt' | 'overdueAt'>[] = [];
      for (const { checkIn, reason } of plan.cancel) {
        if (await this.checkIns.cancelPending(checkIn.id, reason)) cancelled.push(checkIn);
      }
      const changes = created.length + plan.reschedule.length + cancelled.length;
      if (changes > 0) {
        await this.audit.record({
          actor: null,
          requestId: null,
          action: 'check_in.planned',
          entityType: 'link_up',
          entityId: linkUpId,
          details: {
            state: plan.state,
            created: created.length,
            rescheduled: plan.reschedule.length,
            cancelled: cancelled.length,
          },
        });
      }
      const rescheduled = plan.reschedule.map(({ checkIn, planned }) => ({
        id: checkIn.id,
        ...planned,
        was: { dueAt: checkIn.dueAt, overdueAt: checkIn.overdueAt },
      }));
      // After commit: the queue follows the rows (best effort: the reconciler re-derives what is lost;
      // a sweep that runs with nothing to do finds nothing).
      await this.transactions.afterCommit(() =>
        afterCommitQueueWork(
          this.logger,
          { linkUpId },
          () =>
            this.sweepJobs.followPlan(
              [
                ...cancelled.flatMap((row) => [row.dueAt, row.overdueAt]),
                ...rescheduled.flatMap((row) => [row.was.dueAt, row.was.overdueAt]),
              ],
              [...created, ...rescheduled].flatMap((row) => [row.dueAt, row.overdueAt]),
            ),
          this.producer.waitBudgetMs(),
        ),
      );
      return {
        state: plan.state,
        created: created.length,
        rescheduled: rescheduled.length,
        cancelled: cancelled.length,
      };
    });
  }
}
