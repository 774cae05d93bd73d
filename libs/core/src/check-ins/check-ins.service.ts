import {
  isPendingCheckInStatus,
  mayRemindAboutCheckIn,
  planCheckIns,
  type CheckInCancelReason,
  type PlannedCheckIn,
} from '@app/domain';
import { afterCommitQueueWork, JobProducer, RunLaterError, type JobRequest } from '@app/queue';
import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, LessThanOrEqual, MoreThanOrEqual, Not, Repository } from 'typeorm';
import type { Caller } from '../access/actor';
import { assertInCaseload, whereInCaseload } from '../access/scope';
import { AuditService } from '../audit/audit.service';
import { CommonErrors, isConnectionFailure } from '../errors';
import { LinkUpChangesBus, type LinkUpChanged } from '../link-ups/link-up-changes.bus';
import { recordReconcilerPass } from '../metrics/process-metrics';
import { LinkUp } from '../link-ups/link-up.entity';
import { LinkUpsService, type LinkUpTimelineView } from '../link-ups/link-ups.service';
import { NotificationsService } from '../notifications/notifications.service';
import type { NotificationFacts } from '../notifications/notification.entity';
import {
  SafeguardingService,
  type RaiseConcernInput,
  type RaisedConcern,
} from '../safeguarding/safeguarding.service';
import { ProgrammeSettingsService } from '../settings/programme-settings.service';
import { CheckIn, type CheckInMode, type CheckInParty, type CheckInStatus } from './check-in.entity';
import { CheckInErrors } from './check-in.errors';
import { runLimited } from './run-limited';
import { Clock } from '../clock/clock';

export interface HeldCheckIn {
  readonly linkUpId: string;
  readonly party: CheckInParty;
  /** `ad_hoc` for an unplanned check-in; `closure` for the link-up's closing one. */
  readonly kind: 'ad_hoc' | 'closure';
  readonly heldAt: Date;
  readonly mode: CheckInMode;
  readonly completedBy: string;
  readonly notes?: string | null;
  readonly relationshipRating?: number | null;
  readonly wellbeingRating?: number | null;
}

export interface CompleteCheckInInput {
  readonly heldAt: Date;
  readonly mode: CheckInMode;
  /** Staff-only; never logged. */
  readonly notes?: string | null;
  readonly relationshipRating: number;
  readonly wellbeingRating: number;
  readonly version: number;
  /** A worry raised at the check-in: becomes a safeguarding concern about the link-up. */
  readonly concern?: Pick<RaiseConcernInput, 'severity' | 'description' | 'source' | 'familyId'> | null;
}

export const CHECK_IN_VIEWS = ['due', 'missed', 'upcoming', 'completed', 'cancelled', 'open', 'all'] as const;
export type CheckInView = (typeof CHECK_IN_VIEWS)[number];

const VIEW_STATUSES: Readonly<Record<CheckInView, readonly CheckInStatus[]>> = {
  due: ['due'],
  missed: ['missed'],
  upcoming: ['scheduled'],
  completed: ['completed'],
  cancelled: ['cancelled'],
  open: ['scheduled', 'due', 'missed'],
  all: ['scheduled', 'due', 'missed', 'completed', 'cancelled'],
};

export interface CheckInFilter {
  readonly view: CheckInView;
  readonly linkUpId?: string;
  readonly party?: CheckInParty;
  readonly coachId?: string;
  /** Due at or after / before. */
  readonly dueFrom?: Date;
  readonly dueTo?: Date;
  readonly limit: number;
  readonly offset: number;
}

export interface CheckInPage {
  readonly items: CheckIn[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

export interface PlanOutcome {
  readonly state: 'active' | 'paused' | 'closed' | 'unknown';
  readonly created: number;
  readonly rescheduled: number;
  readonly cancelled: number;
}

export type DueOutcome = 'notified' | 'not_scheduled' | 'not_yet' | 'link_up_not_active';
export type OverdueOutcome = 'escalated' | 'not_open' | 'not_yet' | 'link_up_not_active';

export interface ReconcileReport {
  readonly linkUpsPlanned: number;
  readonly markedDue: number;
  readonly markedMissed: number;
  readonly jobsRestored: number;
  readonly concernsEscalated: number;
  readonly concernJobsRestored: number;
  /** Email copies whose job was lost or failed, derived again from their pending notice. */
  readonly emailJobsRestored: number;
  /** Failed check-in jobs removed because their work was done since (by the reconciler or a rerun). */
  readonly failedJobsCleared: number;
  /** Items (link-ups, check-ins, concerns, notices) that failed; each phase still ran to the end. */
  readonly errors: number;
}

/** A handler's outcome and what it leaves to do after commit. */
interface Handled<R> {
  readonly result: R;
  readonly ids: readonly string[];
  readonly checkIn: Pick<CheckIn, 'linkUpId' | 'kind' | 'dueAt' | 'overdueAt'>;
}

const PENDING: CheckInStatus[] = ['scheduled', 'due'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A job may fire a little early (clock skew between processes); this much early still counts. */
const EARLY_TOLERANCE_MS = 1_000;
/** How many link-ups or check-ins the reconciler handles at once. */
const RECONCILE_CONCURRENCY = 4;

const dueJob = (checkInId: string): JobRequest<'check-ins.due'> => ({
  name: 'check-ins.due',
  payload: { checkInId },
});
const overdueJob = (checkInId: string): JobRequest<'check-ins.overdue'> => ({
  name: 'check-ins.overdue',
  payload: { checkInId },
});

/**
 * Check-ins on the queue (DESIGN §4.4). The `check_ins` rows are the truth: planning writes them
 * (from the pure `planCheckIns`), commits, then derives delayed jobs with deterministic ids
 * (`checkin-due-<id>`, `checkin-overdue-<id>`). Handlers lock and re-read the row, skip what no
 * longer applies, and write the status change and its notice in one transaction, so a retried,
 * duplicated or replayed job never notifies twice. The planner follows the link-up through the
 * LinkUpChangesBus; the reconciler catches up whatever a lost event, job or worker left undone.
 */
@Injectable()
export class CheckInsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('CheckInsService');
  private unsubscribe: (() => void) | null = null;

  constructor(
    @InjectRepository(CheckIn) private readonly checkIns: Repository<CheckIn>,
    private readonly dataSource: DataSource,
    private readonly linkUps: LinkUpsService,
    private readonly bus: LinkUpChangesBus,
    private readonly settings: ProgrammeSettingsService,
    private readonly notifications: NotificationsService,
    private readonly safeguarding: SafeguardingService,
    private readonly audit: AuditService,
    private readonly producer: JobProducer,
    private readonly clock: Clock,
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
      const view = await this.linkUps.timelineFor(manager, linkUpId);
      if (view === null) return null;
      const repository = manager.getRepository(CheckIn);
      const existing = await repository.find({
        select: { id: true, planKey: true, dueAt: true, status: true, kind: true },
        where: { linkUpId },
      });
      const plan = planCheckIns({ timeline: view.timeline, status: view.status, existing, now }, settings);
      const created = await this.insertPlanned(manager, linkUpId, plan.create);
      for (const { checkIn, planned } of plan.reschedule) {
        await repository.update(
          { id: checkIn.id, status: In(PENDING) },
          {
            dueAt: planned.dueAt,
            overdueAt: planned.overdueAt,
            // Moved into the future: due again later (it is notified again when it falls due).
            ...(planned.dueAt.getTime() > now.getTime() ? { status: 'scheduled' as const } : {}),
          },
        );
      }
      const cancelled: string[] = [];
      for (const { checkIn, reason } of plan.cancel) {
        if (await this.cancelPending(manager, checkIn.id, reason)) cancelled.push(checkIn.id);
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
        rescheduled: plan.reschedule.map(({ checkIn, planned }) => ({ id: checkIn.id, ...planned })),
        cancelled,
      };
    });
    if (result === null) return { state: 'unknown', created: 0, rescheduled: 0, cancelled: 0 };

    // After commit: the queue follows the rows (best effort: the reconciler re-derives what is lost;
    // a handler whose job was not withdrawn re-reads its row and skips).
    await afterCommitQueueWork(
      this.logger,
      { linkUpId },
      async () => {
        for (const id of [...result.cancelled, ...result.rescheduled.map((r) => r.id)]) {
          await this.withdrawJobs(id);
        }
        const queued = [...result.created, ...result.rescheduled];
        await this.producer.enqueueMany(
          queued.flatMap((row) => [
            { ...dueJob(row.id), runAt: row.dueAt },
            { ...overdueJob(row.id), runAt: row.overdueAt },
          ]),
        );
        // A concurrent plan (the link-up paused or closed) may have cancelled these rows and withdrawn
        // their jobs before this enqueue ran. Re-read after enqueueing: either that plan's withdrawal
        // (after its commit) comes after this enqueue, or this read sees the row settled and withdraws.
        if (queued.length > 0) {
          const settled = await this.checkIns.find({
            select: { id: true },
            where: { id: In(queued.map((row) => row.id)), status: Not(In(PENDING)) },
          });
          for (const { id } of settled) await this.withdrawJobs(id);
        }
      },
      this.producer.waitBudgetMs(),
    );
    return {
      state: result.state,
      created: result.created.length,
      rescheduled: result.rescheduled.length,
      cancelled: result.cancelled.length,
    };
  }

  /**
   * The `check-ins.due` job: a scheduled check-in on an active link-up becomes due and its coach is
   * told, once. Anything else (held, cancelled, re-dated later, link-up paused or closed) is skipped.
   */
  async markDue(checkInId: string, now = this.clock.now()): Promise<DueOutcome> {
    return (await this.handleDue(checkInId, now)).result;
  }

  /**
   * The `check-ins.due` job's handler: `markDue`, and a job that fired before the check-in's due time
   * (clock skew) is moved back to wait until then (`RunLaterError`) instead of being dropped.
   */
  async runDueJob(checkInId: string): Promise<DueOutcome> {
    const outcome = await this.handleDue(checkInId, this.clock.now());
    if (outcome.result === 'not_yet') throw new RunLaterError(outcome.checkIn.dueAt);
    return outcome.result;
  }

  /** The `check-ins.overdue` job's handler: `markMissed`, moved back to wait when it fired early. */
  async runOverdueJob(checkInId: string): Promise<OverdueOutcome> {
    const outcome = await this.handleOverdue(checkInId, this.clock.now());
    if (outcome.result === 'not_yet') throw new RunLaterError(outcome.checkIn.overdueAt);
    return outcome.result;
  }

  private async handleDue(checkInId: string, now: Date): Promise<Handled<DueOutcome>> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const checkIn = await this.lockCheckIn(manager, checkInId);
      const skip = { ids: [], checkIn };
      if (checkIn.status !== 'scheduled') return { ...skip, result: 'not_scheduled' as const };
      if (checkIn.dueAt.getTime() > now.getTime() + EARLY_TOLERANCE_MS) {
        return { ...skip, result: 'not_yet' as const };
      }
      // FOR SHARE, after the check-in (lock order check_in → link_up): a pause or an end waits for
      // this notice to commit (and then cancels the check-in), or this waits and sees it paused.
      const view = await this.linkUps.timelineFor(manager, checkIn.linkUpId, { forShare: true });
      if (view === null || !mayRemindAboutCheckIn(view.status, checkIn.status)) {
        return { ...skip, result: 'link_up_not_active' as const };
      }
      const ids = await this.announceDue(manager, checkIn, view);
      await manager.getRepository(CheckIn).update({ id: checkIn.id, status: 'scheduled' }, { status: 'due' });
      await this.audit.record(
        {
          actor: null,
          requestId: null,
          action: 'check_in.due',
          entityType: 'check_in',
          entityId: checkIn.id,
          details: { linkUpId: checkIn.linkUpId, kind: checkIn.kind, party: checkIn.party },
        },
        manager,
      );
      return { result: 'notified' as const, ids, checkIn };
    });
    await this.afterHandling(outcome);
    return outcome;
  }

  /**
   * The `check-ins.overdue` job: a check-in still not held after its grace period is marked missed
   * and the supervisor is told, once (a check-in that never got its due notice gets it first, so
   * nothing is lost when the due job was). Skipped unless pending on an active link-up.
   */
  async markMissed(checkInId: string, now = this.clock.now()): Promise<OverdueOutcome> {
    return (await this.handleOverdue(checkInId, now)).result;
  }

  private async handleOverdue(checkInId: string, now: Date): Promise<Handled<OverdueOutcome>> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const checkIn = await this.lockCheckIn(manager, checkInId);
      const skip = { ids: [], checkIn };
      if (!isPendingCheckInStatus(checkIn.status)) return { ...skip, result: 'not_open' as const };
      if (checkIn.overdueAt.getTime() > now.getTime() + EARLY_TOLERANCE_MS) {
        return { ...skip, result: 'not_yet' as const };
      }
      // FOR SHARE, after the check-in (lock order check_in → link_up), as in `handleDue`.
      const view = await this.linkUps.timelineFor(manager, checkIn.linkUpId, { forShare: true });
      if (view === null || !mayRemindAboutCheckIn(view.status, checkIn.status)) {
        return { ...skip, result: 'link_up_not_active' as const };
      }
      // Never told it was due (its due job was late or lost): the coach's notice and the audit line
      // of its falling due come first, as `handleDue` writes them, so the trail has no gap.
      const ids: string[] = [];
      if (checkIn.status === 'scheduled') {
        ids.push(...(await this.announceDue(manager, checkIn, view)));
        await this.audit.record(
          {
            actor: null,
            requestId: null,
            action: 'check_in.due',
            entityType: 'check_in',
            entityId: checkIn.id,
            details: { linkUpId: checkIn.linkUpId, kind: checkIn.kind, party: checkIn.party },
          },
          manager,
        );
      }
      await manager
        .getRepository(CheckIn)
        .update({ id: checkIn.id, status: In(PENDING) }, { status: 'missed' });
      ids.push(
        ...(await this.notifications.notify(manager, {
          kind: 'check_in_missed',
          subjectType: 'check_in',
          subjectId: checkIn.id,
          linkUpId: checkIn.linkUpId,
          facts: factsOf(checkIn),
          recipientIds: await this.notifications.supervisorIdsFor(manager, view.siteId, view.coachId),
        })),
      );
      await this.audit.record(
        {
          actor: null,
          requestId: null,
          action: 'check_in.missed',
          entityType: 'check_in',
          entityId: checkIn.id,
          details: { linkUpId: checkIn.linkUpId, kind: checkIn.kind, party: checkIn.party },
        },
        manager,
      );
      return { result: 'escalated' as const, ids, checkIn };
    });
    await this.afterHandling(outcome);
    return outcome;
  }

  /**
   * Records a planned check-in as held (DESIGN §6 `POST /api/check-ins/:id/complete`): held at, mode,
   * staff-only notes, ratings, and optionally a concern, which becomes a safeguarding concern in the
   * same transaction. A stale `version` is a 409; a held or cancelled check-in is a 409.
   */
  async completeCheckIn(caller: Caller, id: string, input: CompleteCheckInInput): Promise<CheckIn> {
    if (input.heldAt.getTime() > this.clock.now().getTime() + 5 * 60_000) throw CheckInErrors.heldInFuture();
    const slas =
      input.concern === undefined || input.concern === null ? null : await this.safeguarding.triageSlas();
    const { checkIn, raised } = await this.dataSource.transaction(async (manager) => {
      const row = await manager
        .getRepository(CheckIn)
        .createQueryBuilder('c')
        .setLock('pessimistic_write')
        .where('c.id = :id', { id })
        .getOne();
      if (row === null) throw CommonErrors.notFound('Check-in');
      const view = await this.linkUps.timelineFor(manager, row.linkUpId);
      if (view === null) throw CommonErrors.notFound('Check-in');
      assertInCaseload(
        caller.actor,
        {
          siteId: view.siteId,
          coachId: view.coachId,
          familyIds: [view.seekingFamilyId, view.sharingFamilyId],
        },
        'Check-in',
      );
      if (row.version !== input.version) {
        throw CommonErrors.versionConflict('The check-in', input.version, row.version);
      }
      if (row.status === 'completed' || row.status === 'cancelled') throw CheckInErrors.notOpen(row.status);
      const notes = input.notes?.trim() ?? '';
      await manager.getRepository(CheckIn).update(
        { id, version: row.version },
        {
          status: 'completed',
          heldAt: input.heldAt,
          mode: input.mode,
          notes: notes === '' ? null : notes,
          relationshipRating: input.relationshipRating,
          wellbeingRating: input.wellbeingRating,
          completedBy: caller.actor.id,
          version: row.version + 1,
        },
      );
      let raisedConcern: RaisedConcern | null = null;
      if (input.concern !== undefined && input.concern !== null) {
        raisedConcern = await this.safeguarding.recordConcern(
          manager,
          caller,
          { ...input.concern, linkUpId: row.linkUpId, checkInId: row.id },
          slas ?? (await this.safeguarding.triageSlas()),
        );
      }
      await this.audit.record(
        {
          actor: caller.actor,
          requestId: caller.requestId,
          action: 'check_in.completed',
          entityType: 'check_in',
          entityId: id,
          details: {
            linkUpId: row.linkUpId,
            fromStatus: row.status,
            mode: input.mode,
            relationshipRating: input.relationshipRating,
            wellbeingRating: input.wellbeingRating,
            hasNotes: notes !== '',
            concernId: raisedConcern?.concern.id ?? null,
          },
        },
        manager,
      );
      return { checkIn: await manager.getRepository(CheckIn).findOneByOrFail({ id }), raised: raisedConcern };
    });
    // Best effort: the check-in is held (its jobs re-read the row and skip); the reconciler repairs
    // the queue. A failure here must not make the client record it again.
    await afterCommitQueueWork(
      this.logger,
      { checkInId: id },
      () => this.withdrawJobs(id),
      this.producer.waitBudgetMs(),
    );
    if (raised !== null) await this.safeguarding.afterConcernRaised(raised);
    return checkIn;
  }

  /** One check-in in the caller's caseload (404 otherwise). */
  async getCheckIn(caller: Caller, id: string): Promise<CheckIn> {
    const checkIn = await this.scopedQuery(caller).andWhere('c.id = :id', { id }).getOne();
    if (checkIn === null) throw CommonErrors.notFound('Check-in');
    return checkIn;
  }

  /** Check-ins of the caller's caseload: due, missed, upcoming... soonest first. */
  async listCheckIns(caller: Caller, filter: CheckInFilter): Promise<CheckInPage> {
    const query = this.scopedQuery(caller).andWhere('c.status IN (:...statuses)', {
      statuses: VIEW_STATUSES[filter.view],
    });
    if (filter.linkUpId !== undefined)
      query.andWhere('c.link_up_id = :linkUpId', { linkUpId: filter.linkUpId });
    if (filter.party !== undefined) query.andWhere('c.party = :party', { party: filter.party });
    if (filter.coachId !== undefined) query.andWhere('lu.coach_id = :coachId', { coachId: filter.coachId });
    if (filter.dueFrom !== undefined) query.andWhere('c.due_at >= :dueFrom', { dueFrom: filter.dueFrom });
    if (filter.dueTo !== undefined) query.andWhere('c.due_at < :dueTo', { dueTo: filter.dueTo });
    const [items, total] = await query
      .orderBy('c.due_at', filter.view === 'completed' || filter.view === 'cancelled' ? 'DESC' : 'ASC')
      .addOrderBy('c.id', 'ASC')
      .limit(filter.limit)
      .offset(filter.offset)
      .getManyAndCount();
    return { items, total, limit: filter.limit, offset: filter.offset };
  }

  /**
   * The reconciler (a job scheduler, every RECONCILE_INTERVAL_MS): re-plans every live link-up (and
   * any closed one with something pending), handles check-ins whose due or overdue time passed while
   * no worker ran, re-creates the jobs of pending check-ins that the queue lost, and does the same
   * for safeguarding triage deadlines. Safe to run concurrently with the jobs and with itself.
   */
  async reconcile(now = this.clock.now()): Promise<ReconcileReport> {
    // Every phase runs whatever the others did, and one bad item never stops its phase: errors are
    // counted and logged with ids only, and the next pass tries again. A lost connection (database
    // or queue) is different: every item after it would fail the same way, so the pass stops at the
    // first one, with one warning (issue 12: 1,392 warnings in one pass through an outage).
    let errors = 0;
    let unreachable = false;
    const stopped = (): boolean => unreachable;
    const failed =
      (phase: string) =>
      (item: string | { id: string }, error: unknown): void => {
        if (isConnectionFailure(error)) {
          if (!unreachable) {
            unreachable = true;
            errors += 1;
            this.logger.warn(
              { phase, err: error instanceof Error ? error.name : typeof error },
              'Reconciler pass stopped: the database or the queue is unreachable',
            );
          }
          return;
        }
        errors += 1;
        this.logger.warn(
          {
            phase,
            id: typeof item === 'string' ? item : item.id,
            err: error instanceof Error ? error.name : typeof error,
          },
          'Reconciler: one item failed',
        );
      };
    const phase = async <T>(name: string, empty: T, work: () => Promise<T>): Promise<T> => {
      if (unreachable) return empty;
      try {
        return await work();
      } catch (error) {
        failed(name)('-', error);
        return empty;
      }
    };

    const linkUpIds = await phase('plan', [] as string[], async () => {
      const live = await this.linkUps.liveLinkUpIds(this.dataSource.manager);
      const withPending = await this.checkIns
        .createQueryBuilder('c')
        .select('DISTINCT c.link_up_id', 'id')
        .where('c.status IN (:...pending)', { pending: PENDING })
        .getRawMany<{ id: string }>();
      const ids = [...new Set([...live, ...withPending.map((row) => row.id)])];
      await runLimited(ids, RECONCILE_CONCURRENCY, (id) => this.planLinkUp(id, now), failed('plan'), stopped);
      return ids;
    });

    let markedMissed = 0;
    await phase('missed', null, async () => {
      const overdue = await this.checkIns.find({
        select: { id: true },
        where: { status: In(PENDING), overdueAt: LessThanOrEqual(now) },
      });
      await runLimited(
        overdue,
        RECONCILE_CONCURRENCY,
        async ({ id }) => {
          if ((await this.markMissed(id, now)) === 'escalated') markedMissed += 1;
        },
        failed('missed'),
        stopped,
      );
      return null;
    });
    let markedDue = 0;
    await phase('due', null, async () => {
      const due = await this.checkIns.find({
        select: { id: true },
        where: { status: 'scheduled', dueAt: LessThanOrEqual(now) },
      });
      await runLimited(
        due,
        RECONCILE_CONCURRENCY,
        async ({ id }) => {
          if ((await this.markDue(id, now)) === 'notified') markedDue += 1;
        },
        failed('due'),
        stopped,
      );
      return null;
    });

    let jobsRestored = 0;
    await phase('jobs', null, async () => {
      const pending = await this.checkIns.find({
        select: { id: true, status: true, dueAt: true, overdueAt: true },
        where: { status: In(PENDING) },
      });
      await runLimited(
        pending,
        16,
        async (checkIn) => {
          const wanted = [
            ...(checkIn.status === 'scheduled' ? [{ ...dueJob(checkIn.id), runAt: checkIn.dueAt }] : []),
            { ...overdueJob(checkIn.id), runAt: checkIn.overdueAt },
          ];
          for (const request of wanted) {
            const job = await this.producer.findJob(request.name, request.payload);
            if (job !== undefined && job.finishedOn === undefined) continue;
            // Lost (a flushed queue), or finished without effect (failed): derive it again from the row.
            if (job !== undefined) await this.producer.withdraw(request.name, request.payload);
            await this.producer.enqueueMany([request]);
            jobsRestored += 1;
          }
        },
        failed('jobs'),
        stopped,
      );
      return null;
    });

    let failedJobsCleared = 0;
    await phase('failed', null, async () => {
      failedJobsCleared = await this.clearSettledFailedJobs();
      return null;
    });

    const concerns = await phase('concerns', { escalated: 0, requeued: 0, errors: 0 }, () =>
      this.safeguarding.reconcileTriageDeadlines(now),
    );
    const emails = await phase('emails', { restored: 0, errors: 0 }, () =>
      this.notifications.restorePendingEmails(now),
    );
    errors += concerns.errors + emails.errors;
    const report: ReconcileReport = {
      linkUpsPlanned: linkUpIds.length,
      markedDue,
      markedMissed,
      jobsRestored,
      concernsEscalated: concerns.escalated,
      concernJobsRestored: concerns.requeued,
      emailJobsRestored: emails.restored,
      failedJobsCleared,
      errors,
    };
    if (
      markedDue + markedMissed + jobsRestored + concerns.escalated + concerns.requeued + emails.restored >
      0
    ) {
      this.logger.log(report, 'Reconciler caught up');
    }
    if (errors > 0 && !unreachable) this.logger.warn(report, 'Reconciler pass finished with errors');
    recordReconcilerPass(report);
    return report;
  }

  /**
   * Failed `check-ins.due` and `check-ins.overdue` jobs whose work is done since — the check-in is no
   * longer scheduled (due) or no longer pending (overdue), or is gone — are removed from the failed
   * set (issue 12: they stayed 14 days, noise for anyone alerting on failures). A failed job whose
   * work is still to do stays: the `jobs` phase derives it again. Returns how many were removed.
   */
  private async clearSettledFailedJobs(): Promise<number> {
    const failedJobs = (await this.producer.queue('check-ins').getFailed(0, 999)).filter(
      (job) => job.name === 'check-ins.due' || job.name === 'check-ins.overdue',
    );
    const checkInIdOf = (job: { data: unknown }): string | null => {
      const id = (job.data as { checkInId?: unknown } | null)?.checkInId;
      return typeof id === 'string' && UUID.test(id) ? id : null;
    };
    const ids = [...new Set(failedJobs.map(checkInIdOf).filter((id): id is string => id !== null))];
    if (ids.length === 0) return 0;
    const rows = await this.checkIns.find({ select: { id: true, status: true }, where: { id: In(ids) } });
    const statusOf = new Map(rows.map((row) => [row.id, row.status]));
    let cleared = 0;
    for (const job of failedJobs) {
      const checkInId = checkInIdOf(job);
      if (checkInId === null) continue;
      const status = statusOf.get(checkInId);
      const settled =
        job.name === 'check-ins.due'
          ? status !== 'scheduled'
          : status === undefined || !PENDING.includes(status);
      if (!settled) continue;
      await job.remove();
      cleared += 1;
    }
    if (cleared > 0)
      this.logger.log({ cleared }, 'Reconciler: failed check-in jobs whose work is done removed');
    return cleared;
  }

  /**
   * Records a check-in that was held without being planned (the caller has checked the link-up is
   * in the actor's scope). Planned check-ins are completed through their own row instead.
   */
  async recordHeldCheckIn(input: HeldCheckIn, manager?: EntityManager): Promise<CheckIn> {
    const repository = manager?.getRepository(CheckIn) ?? this.checkIns;
    return repository.save(
      repository.create({
        linkUpId: input.linkUpId,
        party: input.party,
        kind: input.kind,
        planKey: null,
        status: 'completed',
        dueAt: input.heldAt,
        overdueAt: input.heldAt,
        heldAt: input.heldAt,
        mode: input.mode,
        notes: input.notes ?? null,
        relationshipRating: input.relationshipRating ?? null,
        wellbeingRating: input.wellbeingRating ?? null,
        completedBy: input.completedBy,
        cancelledReason: null,
      }),
    );
  }

  /** Completed check-ins of the link-up held at or after `since`. */
  countCompletedCheckInsSince(linkUpId: string, since: Date, manager?: EntityManager): Promise<number> {
    return (manager?.getRepository(CheckIn) ?? this.checkIns).countBy({
      linkUpId,
      status: 'completed',
      heldAt: MoreThanOrEqual(since),
    });
  }

  /**
   * countCompletedCheckInsSince(id, startedAt) and isClosureCheckInCompleted of each link-up, in one
   * read (the stage guards of a whole worklist).
   */
  async completedCheckInFacts(
    linkUps: readonly Pick<LinkUp, 'id' | 'startedAt'>[],
    manager?: EntityManager,
  ): Promise<{ completedSinceStart: number; closureCompleted: boolean }[]> {
    if (linkUps.length === 0) return [];
    const rows = await (manager ?? this.checkIns.manager).query<
      { id: string; completed: number; closure: boolean }[]
    >(
      `SELECT x.id,
              count(*) FILTER (WHERE c.held_at >= x.since)::int AS completed,
              bool_or(c.kind::text = 'closure') AS closure
         FROM unnest($1::uuid[], $2::timestamptz[]) AS x(id, since)
         JOIN check_ins c ON c.link_up_id = x.id AND c.status::text = 'completed'
        GROUP BY x.id`,
      [linkUps.map((linkUp) => linkUp.id), linkUps.map((linkUp) => linkUp.startedAt)],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    return linkUps.map((linkUp) => {
      const row = byId.get(linkUp.id);
      return { completedSinceStart: row?.completed ?? 0, closureCompleted: row?.closure === true };
    });
  }

  /** Whether the link-up's closure check-in has been held. */
  async isClosureCheckInCompleted(linkUpId: string, manager?: EntityManager): Promise<boolean> {
    return (manager?.getRepository(CheckIn) ?? this.checkIns).existsBy({
      linkUpId,
      kind: 'closure',
      status: 'completed',
    });
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
      .update({ id, status: In(PENDING) }, { status: 'cancelled', cancelledReason: reason });
    return (result.affected ?? 0) > 0;
  }

  private async lockCheckIn(manager: EntityManager, id: string): Promise<CheckIn> {
    const checkIn = await manager
      .getRepository(CheckIn)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.id = :id', { id })
      .getOne();
    if (checkIn === null) throw CommonErrors.notFound('Check-in');
    return checkIn;
  }

  /** The coach's "check-in due" notice (unique: written at most once per check-in). */
  private announceDue(manager: EntityManager, checkIn: CheckIn, view: LinkUpTimelineView): Promise<string[]> {
    return this.notifications.notify(manager, {
      kind: 'check_in_due',
      subjectType: 'check_in',
      subjectId: checkIn.id,
      linkUpId: checkIn.linkUpId,
      facts: factsOf(checkIn),
      recipientIds: [view.coachId],
    });
  }

  private async afterHandling(outcome: Handled<DueOutcome | OverdueOutcome>): Promise<void> {
    await this.notifications.dispatchEmails(outcome.ids);
    // Paused or closed: the planner cancels what is pending. A regular check-in due or missed: it
    // plans the next occurrence.
    if (
      outcome.result === 'link_up_not_active' ||
      ((outcome.result === 'notified' || outcome.result === 'escalated') &&
        outcome.checkIn.kind === 'cadence')
    ) {
      await this.planLinkUp(outcome.checkIn.linkUpId);
    }
  }

  private async withdrawJobs(checkInId: string): Promise<void> {
    await this.producer.withdraw('check-ins.due', { checkInId });
    await this.producer.withdraw('check-ins.overdue', { checkInId });
  }

  private scopedQuery(caller: Caller) {
    return whereInCaseload(
      this.checkIns.createQueryBuilder('c').innerJoin(LinkUp, 'lu', 'lu.id = c.link_up_id'),
      caller.actor,
      {
        siteId: 'lu.site_id',
        coachId: 'lu.coach_id',
        familyIds: ['lu.seeking_family_id', 'lu.sharing_family_id'],
      },
    );
  }
}

/** What a check-in notice may say: its kind, party and times. */
function factsOf(checkIn: CheckIn): NotificationFacts {
  return {
    checkInKind: checkIn.kind,
    party: checkIn.party,
    dueAt: checkIn.dueAt.toISOString(),
    overdueAt: checkIn.overdueAt.toISOString(),
  };
}
