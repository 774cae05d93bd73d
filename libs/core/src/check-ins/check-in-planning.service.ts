import { planCheckIns, type CheckInCancelReason, type PlannedCheckIn } from '@app/domain';
import { afterCommitQueueWork, JobProducer } from '@app/queue';
import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit';
import { Clock } from '../clock';
import { LinkUpChangesBus, type LinkUpChanged, LinkUpsService } from '../link-ups';
import { ProgrammeSettingsService } from '../settings';
import { TransactionContext } from '../transaction';
import { CheckIn, PENDING_CHECK_IN_STATUSES } from './check-in.entity';
import { CheckInSweepJobsService } from './check-in-sweep-jobs.service';

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
    private readonly dataSource: DataSource,
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
   * closed). Serialised per link-up (an advisory lock) and idempotent. Jobs follow after commit.
   */
  async planLinkUp(linkUpId: string, now = this.clock.now()): Promise<PlanOutcome> {
    const settings = (await this.settings.currentSettings()).checkIns;
    const result = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`check-ins:${linkUpId}`]);
      const view = await this.transactions.within(manager, () => this.linkUps.timelineFor(linkUpId));
      if (view === null) return null;
      const repository = manager.getRepository(CheckIn);
      const existing = await repository.find({
        select: { id: true, planKey: true, dueAt: true, overdueAt: true, status: true, kind: true },
        where: { linkUpId },
      });
      const plan = planCheckIns({ timeline: view.timeline, status: view.status, existing, now }, settings);
      const created = await this.insertPlanned(manager, linkUpId, plan.create);
      for (const { checkIn, planned } of plan.reschedule) {
        await repository.update(
          { id: checkIn.id, status: In(PENDING_CHECK_IN_STATUSES) },
          {
            dueAt: planned.dueAt,
            overdueAt: planned.overdueAt,
            // Moved into the future: due again later (it is notified again when it falls due).
            ...(planned.dueAt.getTime() > now.getTime() ? { status: 'scheduled' as const } : {}),
          },
        );
      }
      const cancelled: Pick<CheckIn, 'id' | 'dueAt' | 'overdueAt'>[] = [];
      for (const { checkIn, reason } of plan.cancel) {
        if (await this.cancelPending(manager, checkIn.id, reason)) cancelled.push(checkIn);
      }
      const changes = created.length + plan.reschedule.length + cancelled.length;
      if (changes > 0) {
        await this.audit.record(
          {
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
          },
          manager,
        );
      }
      return {
        state: plan.state,
        created,
        rescheduled: plan.reschedule.map(({ checkIn, planned }) => ({
          id: checkIn.id,
          ...planned,
          was: { dueAt: checkIn.dueAt, overdueAt: checkIn.overdueAt },
        })),
        cancelled,
      };
    });
    if (result === null) return { state: 'unknown', created: 0, rescheduled: 0, cancelled: 0 };

    // After commit: the queue follows the rows (best effort: the reconciler re-derives what is lost;
    // a sweep that runs with nothing to do finds nothing).
    await afterCommitQueueWork(
      this.logger,
      { linkUpId },
      () =>
        this.sweepJobs.followPlan(
          [
            ...result.cancelled.flatMap((row) => [row.dueAt, row.overdueAt]),
            ...result.rescheduled.flatMap((row) => [row.was.dueAt, row.was.overdueAt]),
          ],
          [...result.created, ...result.rescheduled].flatMap((row) => [row.dueAt, row.overdueAt]),
        ),
      this.producer.waitBudgetMs(),
    );
    return {
      state: result.state,
      created: result.created.length,
      rescheduled: result.rescheduled.length,
      cancelled: result.cancelled.length,
    };
  }

  private async insertPlanned(
    manager: EntityManager,
    linkUpId: string,
    planned: readonly PlannedCheckIn[],
  ): Promise<{ id: string; dueAt: Date; overdueAt: Date }[]> {
    if (planned.length === 0) return [];
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(CheckIn)
      .values(
        planned.map((item) => ({
          linkUpId,
          party: item.party,
          kind: item.kind,
          planKey: item.planKey,
          status: 'scheduled' as const,
          dueAt: item.dueAt,
          overdueAt: item.overdueAt,
        })),
      )
      .orIgnore()
      .returning('id')
      .execute();
    const ids = (result.raw as { id: string }[]).map((row) => row.id);
    if (ids.length === 0) return [];
    return manager.getRepository(CheckIn).find({
      select: { id: true, dueAt: true, overdueAt: true },
      where: { id: In(ids) },
    });
  }

  private async cancelPending(
    manager: EntityManager,
    id: string,
    reason: CheckInCancelReason,
  ): Promise<boolean> {
    const result = await manager
      .getRepository(CheckIn)
      .update(
        { id, status: In(PENDING_CHECK_IN_STATUSES) },
        { status: 'cancelled', cancelledReason: reason },
      );
    return (result.affected ?? 0) > 0;
  }
}
