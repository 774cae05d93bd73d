import { planCheckIns, type CheckInCancelReason, type PlannedCheckIn } from '@app/domain';
import { afterCommitQueueWork, JobProducer, RunLaterError, sweepAt } from '@app/queue';
import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, MoreThanOrEqual, Repository } from 'typeorm';
import type { Caller } from '../access/actor';
import { assertInCaseload, whereInCaseload } from '../access/scope';
import { AuditService } from '../audit/audit.service';
import { CommonErrors, isConnectionFailure } from '../errors';
import type { ReconcilePass } from '../platform/reconcile-pass';
import { LinkUpChangesBus, type LinkUpChanged } from '../link-ups/link-up-changes.bus';
import { LinkUp } from '../link-ups/link-up.entity';
import { LinkUpsService } from '../link-ups/link-ups.service';
import { NotificationsService, type NewNotice } from '../notifications/notifications.service';
import type { NotificationFacts } from '../notifications/notification.entity';
import {
  SafeguardingService,
  type RaiseConcernInput,
  type RaisedConcern,
} from '../safeguarding/safeguarding.service';
import { ProgrammeSettingsService } from '../settings/programme-settings.service';
import {
  CheckIn,
  type CheckInKind,
  type CheckInMode,
  type CheckInParty,
  type CheckInStatus,
} from './check-in.entity';
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

/** What one sweep did (`sweep`, the `check-ins.sweep` job, the reconciler's sweep phase). */
export interface SweepReport {
  readonly markedDue: number;
  readonly markedMissed: number;
  /**
   * Check-ins that failed on their own (a batch that fails is taken again one check-in at a time, so
   * one bad row holds up no other); they stay pending and the next sweep tries them again.
   */
  readonly errors: number;
}

/** What the check-ins' part of a reconciler pass did (see ReconcileReport for the whole pass). */
export interface CheckInsReconcileReport {
  readonly linkUpsPlanned: number;
  readonly markedDue: number;
  readonly markedMissed: number;
  readonly jobsRestored: number;
  /** Failed check-in jobs removed because their work was done since (by the reconciler or a rerun). */
  readonly failedJobsCleared: number;
}

type SweepPhase = 'due' | 'missed';

/** A check-in a sweep batch changed, as its `UPDATE … RETURNING` gives it. */
interface SweptRow {
  readonly id: string;
  readonly link_up_id: string;
  readonly kind: CheckInKind;
  readonly party: CheckInParty;
  readonly due_at: Date;
  readonly overdue_at: Date;
}

/** One committed sweep batch and what it leaves to do after commit. */
interface SweepBatch {
  /** Rows picked (locked); fewer than asked means nothing more is waiting for this sweep. */
  readonly picked: number;
  readonly marked: readonly SweptRow[];
  readonly noticeIds: readonly string[];
  /** Link-ups found paused or closed under their lock: the planner cancels what they have pending. */
  readonly inactiveLinkUpIds: readonly string[];
}

interface PhaseOutcome {
  readonly marked: number;
  readonly errors: number;
  readonly inactiveLinkUpIds: readonly string[];
}

const PENDING: CheckInStatus[] = ['scheduled', 'due'];
/** Job names of the design before the sweep (issue 17), still found in queues upgraded from it. */
const LEGACY_CHECK_IN_JOBS: ReadonlySet<string> = new Set(['check-ins.due', 'check-ins.overdue']);
/** A job may fire a little early (clock skew between processes); this much early still counts. */
const EARLY_TOLERANCE_MS = 1_000;
/** How many link-ups or check-ins the reconciler handles at once. */
const RECONCILE_CONCURRENCY = 4;
/**
 * A sweep's batches: the first is small, so the first notices are written at once and a worker that
 * dies mid-sweep has committed some of its work; each next one doubles, up to the largest.
 */
const SWEEP_FIRST_BATCH = 100;
const SWEEP_MAX_BATCH = 1_000;
/** Batches a sweep runs side by side (each on its own connection; `SKIP LOCKED` keeps them apart). */
const SWEEP_LANES = 2;

/** The distinct instants among `times` (a sweep job per distinct due or overdue time). */
function distinctTimes(times: readonly Date[]): Date[] {
  return [...new Map(times.map((time) => [time.getTime(), time])).values()];
}

/**
 * Check-ins on the queue (DESIGN §4.4). The `check_ins` rows are the truth: planning writes them
 * (from the pure `planCheckIns`), commits, then derives one delayed sweep job per distinct due or
 * overdue time (`checkin-sweep-<epoch ms>`: check-ins due at the same moment share it). A sweep
 * marks every check-in whose time has come due (the coach told) or missed (the supervisor told) in
 * a few set-based statements per batch: rows picked `FOR UPDATE SKIP LOCKED`, their link-ups held
 * `FOR SHARE`, one `UPDATE … RETURNING`, one `INSERT … SELECT` of the notices (`ON CONFLICT DO
 * NOTHING` on their unique key) and one of the audit lines. So two workers sweeping at once split
 * the rows, and a retried, duplicated or replayed sweep finds nothing left to do. Only the email
 * copies are jobs of their own (they leave the database). A sweeper job scheduler (every minute)
 * and the reconciler catch up whatever a lost event, job or worker left undone.
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
        select: { id: true, planKey: true, dueAt: true, overdueAt: true, status: true, kind: true },
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
      async () => {
        await this.withdrawIdleSweeps([
          ...result.cancelled.flatMap((row) => [row.dueAt, row.overdueAt]),
          ...result.rescheduled.flatMap((row) => [row.was.dueAt, row.was.overdueAt]),
        ]);
        const queued = [...result.created, ...result.rescheduled];
        const times = distinctTimes(queued.flatMap((row) => [row.dueAt, row.overdueAt]));
        await this.producer.enqueueMany(
          times.map((at) => ({ name: 'check-ins.sweep' as const, payload: sweepAt(at), runAt: at })),
        );
        // A concurrent plan (the link-up paused or closed) may have cancelled these rows and withdrawn
        // their sweeps before this enqueue ran. Re-read after enqueueing: either that plan's withdrawal
        // (after its commit) comes after this enqueue, or this read sees the rows settled and withdraws.
        await this.withdrawIdleSweeps(times);
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
   * Sweeps now, or as of `now`: every pending check-in of an active link-up whose overdue time has
   * come is marked missed (the supervisor told; the coach too if it never got its due notice), then
   * every scheduled one whose due time has come is marked due (the coach told). Idempotent and safe
   * with other sweeps, here or in another worker. Sweeps of this process run one after the other.
   */
  sweep(now = this.clock.now()): Promise<SweepReport> {
    const run = this.sweeping.then(async () => {
      const missed = await this.sweepPhase('missed', now);
      const due = await this.sweepPhase('due', now);
      return { markedDue: due.marked, markedMissed: missed.marked, errors: due.errors + missed.errors };
    });
    this.sweeping = run.catch(() => undefined);
    return run;
  }

  private sweeping: Promise<unknown> = Promise.resolve();

  /**
   * The `check-ins.sweep` job. With `at` (a timed sweep), a job that fired before its time (clock
   * skew) is moved back to wait until then (`RunLaterError`); one that fired a little early sweeps as
   * of `at`. Without it (the sweeper's job scheduler), sweeps as of now.
   */
  async runSweepJob(at: string | undefined): Promise<SweepReport> {
    const now = this.clock.now();
    const time = at === undefined ? null : new Date(at);
    if (time === null || Number.isNaN(time.getTime())) return this.sweep(now);
    if (time.getTime() > now.getTime() + EARLY_TOLERANCE_MS) throw new RunLaterError(time);
    return this.sweep(time.getTime() > now.getTime() ? time : now);
  }

  /**
   * One check-in's turn, as a sweep would take it: a scheduled check-in on an active link-up whose
   * due time has come (a second early still counts) becomes due and its coach is told, once.
   * Anything else (held, cancelled, not yet due, link-up paused or closed) is left as it is. Waits
   * for the row's lock rather than skipping it.
   */
  async markDue(checkInId: string, now = this.clock.now()): Promise<DueOutcome> {
    const cutoff = new Date(now.getTime() + EARLY_TOLERANCE_MS);
    const outcome = await this.sweepPhase('due', cutoff, [checkInId]);
    if (outcome.marked > 0) return 'notified';
    if (outcome.inactiveLinkUpIds.length > 0) return 'link_up_not_active';
    const row = await this.checkIns.findOne({
      select: { id: true, status: true, dueAt: true, linkUpId: true },
      where: { id: checkInId },
    });
    if (row === null) throw CommonErrors.notFound('Check-in');
    if (row.status !== 'scheduled') return 'not_scheduled';
    if (row.dueAt.getTime() > cutoff.getTime()) return 'not_yet';
    // Not picked: its link-up was already paused or closed. The planner cancels it.
    await this.planLinkUp(row.linkUpId);
    return 'link_up_not_active';
  }

  /**
   * One phase of a sweep, in batches until nothing is left (`only`: just these check-ins, waiting
   * for their locks). After each commit: the email jobs of the notices written. At the end: the
   * link-ups to re-plan (a regular check-in due or missed plans the next; a paused or closed one
   * cancels what it has pending).
   */
  private async sweepPhase(phase: SweepPhase, cutoff: Date, only?: readonly string[]): Promise<PhaseOutcome> {
    let marked = 0;
    let errors = 0;
    const failedIds = new Set<string>();
    const replan = new Set<string>();
    const inactive = new Set<string>();
    const settle = async (batch: SweepBatch): Promise<void> => {
      marked += batch.marked.length;
      for (const row of batch.marked) if (row.kind === 'cadence') replan.add(row.link_up_id);
      for (const id of batch.inactiveLinkUpIds) {
        replan.add(id);
        inactive.add(id);
      }
      if (batch.noticeIds.length > 0) {
        await afterCommitQueueWork(
          this.logger,
          { phase, notices: batch.noticeIds.length },
          () => this.notifications.dispatchEmails(batch.noticeIds),
          this.producer.waitBudgetMs(),
        );
      }
    };
    const lane = async (): Promise<void> => {
      let size = only === undefined ? SWEEP_FIRST_BATCH : only.length;
      for (;;) {
        let batch: SweepBatch;
        try {
          batch = await this.sweepBatch(phase, cutoff, size, { only, exclude: [...failedIds] });
        } catch (error) {
          if (isConnectionFailure(error) || only !== undefined) throw error;
          // One bad row fails its whole batch: take the rows one at a time, so only it is held up.
          const ids = await this.sweepCandidates(phase, cutoff, size, [...failedIds]);
          let progressed = false;
          for (const id of ids) {
            try {
              const one = await this.sweepBatch(phase, cutoff, 1, { only: [id], exclude: [] });
              progressed ||= one.marked.length > 0;
              await settle(one);
            } catch (rowError) {
              if (isConnectionFailure(rowError)) throw rowError;
              progressed = true;
              failedIds.add(id);
              errors += 1;
              this.logger.warn(
                { phase, checkInId: id, err: rowError instanceof Error ? rowError.name : typeof rowError },
                'Check-ins sweep: one check-in failed; the next sweep tries it again',
              );
            }
          }
          if (!progressed || ids.length < size) return;
          continue;
        }
        await settle(batch);
        if (only !== undefined || batch.picked < size) return;
        size = Math.min(size * 2, SWEEP_MAX_BATCH);
      }
    };
    const lanes = await Promise.allSettled(
      Array.from({ length: only === undefined ? SWEEP_LANES : 1 }, () => lane()),
    );
    const laneFailure = lanes.find((result) => result.status === 'rejected');
    if (laneFailure !== undefined) throw laneFailure.reason;
    await runLimited(
      [...replan],
      RECONCILE_CONCURRENCY,
      (id) => this.planLinkUp(id),
      (id, error) => {
        if (isConnectionFailure(error)) throw error;
        errors += 1;
        this.logger.warn(
          { phase, linkUpId: id, err: error instanceof Error ? error.name : typeof error },
          'Check-ins sweep: re-planning a link-up failed; the reconciler tries it again',
        );
      },
    );
    return { marked, errors, inactiveLinkUpIds: [...inactive] };
  }

  /**
   * The check-ins a sweep batch would take (no lock): for taking a failed batch one row at a time.
   */
  private async sweepCandidates(
    phase: SweepPhase,
    cutoff: Date,
    limit: number,
    exclude: readonly string[],
  ): Promise<string[]> {
    const column = phase === 'due' ? 'due_at' : 'overdue_at';
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT c.id FROM check_ins c
        WHERE c.status = ANY($1::varchar[]) AND c.${column} <= $2
          AND EXISTS (SELECT 1 FROM link_ups l WHERE l.id = c.link_up_id AND l.status = 'active')
          AND NOT (c.id = ANY($4::uuid[]))
        ORDER BY c.${column}, c.id
        LIMIT $3`,
      [phase === 'due' ? ['scheduled'] : PENDING, cutoff, limit, exclude],
    );
    return rows.map((row) => row.id);
  }

  /**
   * One batch of a sweep phase, in one transaction: up to `limit` check-ins whose time has come are
   * picked `FOR UPDATE SKIP LOCKED` (another sweep's rows are left to it; with `only`, the lock is
   * waited for), their link-ups held `FOR SHARE` (lock order check-in → link-up: a pause or an end
   * waits for these notices to commit and then cancels, or this waits and sees it paused), the rows
   * on active link-ups marked (`UPDATE … RETURNING`), and their notices and audit lines written in
   * one `INSERT … SELECT` each. Time is the clock's, passed in; never the database's `now()`.
   */
  private sweepBatch(
    phase: SweepPhase,
    cutoff: Date,
    limit: number,
    options: { only: readonly string[] | undefined; exclude: readonly string[] },
  ): Promise<SweepBatch> {
    const column = phase === 'due' ? 'due_at' : 'overdue_at';
    const from: CheckInStatus[] = phase === 'due' ? ['scheduled'] : PENDING;
    return this.dataSource.transaction(async (manager) => {
      const picked = await manager.query<{ id: string; link_up_id: string; status: CheckInStatus }[]>(
        `SELECT c.id, c.link_up_id, c.status FROM check_ins c
          WHERE c.status = ANY($1::varchar[]) AND c.${column} <= $2
            AND EXISTS (SELECT 1 FROM link_ups l WHERE l.id = c.link_up_id AND l.status = 'active')
            AND ($4::uuid[] IS NULL OR c.id = ANY($4::uuid[]))
            AND NOT (c.id = ANY($5::uuid[]))
          ORDER BY c.${column}, c.id
          LIMIT $3
          FOR UPDATE OF c${options.only === undefined ? ' SKIP LOCKED' : ''}`,
        [from, cutoff, limit, options.only ?? null, options.exclude],
      );
      if (picked.length === 0) return { picked: 0, marked: [], noticeIds: [], inactiveLinkUpIds: [] };
      const linkUps = await manager.query<
        { id: string; status: string; coach_id: string; site_id: string }[]
      >(
        `SELECT id, status, coach_id, site_id FROM link_ups
          WHERE id = ANY($1::uuid[]) ORDER BY id FOR SHARE`,
        [[...new Set(picked.map((row) => row.link_up_id))]],
      );
      const active = new Map(linkUps.filter((l) => l.status === 'active').map((l) => [l.id, l]));
      const live = picked.filter((row) => active.has(row.link_up_id));
      const inactiveLinkUpIds = linkUps.filter((l) => l.status !== 'active').map((l) => l.id);
      if (live.length === 0) return { picked: picked.length, marked: [], noticeIds: [], inactiveLinkUpIds };
      // `updated_at` as TypeORM writes it on every update (the row's bookkeeping, not programme time).
      const marked = await manager.query<SweptRow[]>(
        `WITH marked AS (
           UPDATE check_ins SET status = $2, version = version + 1, updated_at = CURRENT_TIMESTAMP
            WHERE id = ANY($1::uuid[]) AND status = ANY($3::varchar[])
            RETURNING id, link_up_id, kind, party, due_at, overdue_at)
         SELECT * FROM marked ORDER BY overdue_at, id`,
        [live.map((row) => row.id), phase === 'due' ? 'due' : 'missed', from],
      );
      const wasScheduled = new Set(picked.filter((row) => row.status === 'scheduled').map((row) => row.id));
      // Told it is due: every one marked due, and every one missed that never got its due notice (its
      // due sweep was late or lost), so the trail has no gap.
      const dueNow = phase === 'due' ? marked : marked.filter((row) => wasScheduled.has(row.id));
      const notices: NewNotice[] = dueNow.map((row) => ({
        kind: 'check_in_due',
        subjectType: 'check_in',
        subjectId: row.id,
        linkUpId: row.link_up_id,
        facts: factsOf(row),
        recipientIds: [(active.get(row.link_up_id) as { coach_id: string }).coach_id],
      }));
      const audits = dueNow.map((row) => auditOf('check_in.due', row));
      if (phase === 'missed') {
        const supervisors = new Map<string, string[]>();
        for (const row of marked) {
          const linkUp = active.get(row.link_up_id) as { coach_id: string; site_id: string };
          const key = `${linkUp.site_id}/${linkUp.coach_id}`;
          if (!supervisors.has(key)) {
            supervisors.set(
              key,
              await this.notifications.supervisorIdsFor(manager, linkUp.site_id, linkUp.coach_id),
            );
          }
          notices.push({
            kind: 'check_in_missed',
            subjectType: 'check_in',
            subjectId: row.id,
            linkUpId: row.link_up_id,
            facts: factsOf(row),
            recipientIds: supervisors.get(key) ?? [],
          });
          audits.push(auditOf('check_in.missed', row));
        }
      }
      const noticeIds = await this.notifications.notifyMany(manager, notices);
      await this.audit.recordSystemEvents(manager, audits);
      return { picked: picked.length, marked, noticeIds, inactiveLinkUpIds };
    });
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
    // Best effort: the check-in is held (a sweep at its times finds nothing to do); the reconciler
    // repairs the queue. A failure here must not make the client record it again.
    await afterCommitQueueWork(
      this.logger,
      { checkInId: id },
      () => this.withdrawIdleSweeps([checkIn.dueAt, checkIn.overdueAt]),
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

    const swept = await phase('sweep', { markedDue: 0, markedMissed: 0, errors: 0 }, () => this.sweep(now));
    pass.countErrors(swept.errors);

    // Every due or overdue time still ahead of a pending check-in has its sweep job (a flushed queue
    // lost it, or it failed): derived again from the rows. A time already past whose check-in is
    // still pending (it failed on its own above) gets one too, which runs at once.
    let jobsRestored = 0;
    await phase('jobs', null, async () => {
      const times = await this.dataSource.query<{ at: Date }[]>(
        `SELECT due_at AS at FROM check_ins WHERE status = 'scheduled'
         UNION SELECT overdue_at FROM check_ins WHERE status IN ('scheduled', 'due')`,
      );
      await runLimited(
        times.map((row) => row.at),
        16,
        async (at) => {
          const payload = sweepAt(at);
          const job = await this.producer.findJob('check-ins.sweep', payload);
          if (job !== undefined && job.finishedOn === undefined) return;
          // Lost (a flushed queue), or finished without effect (failed): derive it again.
          if (job !== undefined) await this.producer.withdraw('check-ins.sweep', payload);
          await this.producer.enqueueMany([{ name: 'check-ins.sweep', payload, runAt: at }]);
          jobsRestored += 1;
        },
        (at, error) => failed('jobs')(at.toISOString(), error),
        stopped,
      );
      return null;
    });

    let failedJobsCleared = 0;
    await phase('failed', null, async () => {
      failedJobsCleared = await this.clearSettledFailedJobs();
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

  /**
   * Failed `check-ins.sweep` jobs whose work is done since — no pending check-in is due or overdue at
   * their time any more (this pass's sweep did it, or a rerun), or they had no time (a sweep as of
   * then, which this pass's sweep covers) — are removed from the failed set (issue 12: they stayed
   * 14 days, noise for anyone alerting on failures). One whose time a pending check-in still needs
   * stays: the `jobs` phase derives it again. Returns how many were removed.
   */
  private async clearSettledFailedJobs(): Promise<number> {
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

  /**
   * Withdraws the waiting sweep job at each of `times` that no pending check-in needs any more (all
   * of that moment's check-ins held, cancelled or re-dated). A running one is left to finish.
   */
  private async withdrawIdleSweeps(times: readonly Date[]): Promise<void> {
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
function factsOf(row: SweptRow): NotificationFacts {
  return {
    checkInKind: row.kind,
    party: row.party,
    dueAt: row.due_at.toISOString(),
    overdueAt: row.overdue_at.toISOString(),
  };
}

/** A sweep's audit line about one check-in (ids and codes only). */
function auditOf(action: 'check_in.due' | 'check_in.missed', row: SweptRow) {
  return {
    action,
    entityType: 'check_in',
    entityId: row.id,
    details: { linkUpId: row.link_up_id, kind: row.kind, party: row.party },
  };
}
