import { afterCommitQueueWork, JobProducer, RunLaterError } from '@app/queue';
import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../audit';
import { Clock } from '../clock';
import { CommonErrors, isConnectionFailure } from '../errors';
import { LinkUpsService } from '../link-ups';
import { NotificationsService, type NewNotice } from '../notifications';
import type { NotificationFacts } from '../notifications';
import { TransactionContext } from '../transaction';
import { PENDING_CHECK_IN_STATUSES, type CheckInStatus } from './check-in.entity';
import { CheckInPlanningService } from './check-in-planning.service';
import { CheckInsRepository, type SweepPhase, type SweptRow } from './check-ins.repository';
import { runLimited } from './run-limited';

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

/** A job may fire a little early (clock skew between processes); this much early still counts. */
const EARLY_TOLERANCE_MS = 1_000;
/** How many link-ups a sweep re-plans at once. */
const REPLAN_CONCURRENCY = 4;
/**
 * A sweep's batches: the first is small, so the first notices are written at once and a worker that
 * dies mid-sweep has committed some of its work; each next one doubles, up to the largest.
 */
const SWEEP_FIRST_BATCH = 100;
const SWEEP_MAX_BATCH = 1_000;
/** Batches a sweep runs side by side (each on its own connection; `SKIP LOCKED` keeps them apart). */
const SWEEP_LANES = 2;

/**
 * The sweep: what the worker's `check-ins.sweep` job (and its minute sweeper) runs. It marks every
 * check-in whose time has come due (the coach told) or missed (the supervisor told) in a few
 * set-based statements per batch: rows picked `FOR UPDATE SKIP LOCKED`, their link-ups held `FOR
 * SHARE`, one `UPDATE … RETURNING`, one `INSERT … SELECT` of the notices (`ON CONFLICT DO NOTHING` on
 * their unique key) and one of the audit lines. So two workers sweeping at once split the rows, and a
 * retried, duplicated or replayed sweep finds nothing left to do. Only the email copies are jobs of
 * their own (they leave the database). The reconciler catches up whatever a lost job or worker left.
 */
@Injectable()
export class CheckInSweepsService {
  private readonly logger = new Logger('CheckInSweepsService');
  /** The last sweep this process started: the next one waits for it. */
  private sweeping: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly checkIns: CheckInsRepository,
    private readonly planning: CheckInPlanningService,
    private readonly linkUps: LinkUpsService,
    private readonly transactions: TransactionContext,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly producer: JobProducer,
    private readonly clock: Clock,
  ) {}

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
    const row = await this.checkIns.findDueState(checkInId);
    if (row === null) throw CommonErrors.notFound('Check-in');
    if (row.status !== 'scheduled') return 'not_scheduled';
    if (row.dueAt.getTime() > cutoff.getTime()) return 'not_yet';
    // Not picked: its link-up was already paused or closed. The planner cancels it.
    await this.planning.planLinkUp(row.linkUpId);
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
      REPLAN_CONCURRENCY,
      (id) => this.planning.planLinkUp(id),
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
  private sweepCandidates(
    phase: SweepPhase,
    cutoff: Date,
    limit: number,
    exclude: readonly string[],
  ): Promise<string[]> {
    // Outside the batches' transactions (a sweep runs in none: autocommit, as before).
    return this.checkIns.sweepCandidates(
      phase,
      cutoff,
      limit,
      exclude,
      this.linkUps.activeLinkUpSql('c.link_up_id'),
    );
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
    const from: readonly CheckInStatus[] = phase === 'due' ? ['scheduled'] : PENDING_CHECK_IN_STATUSES;
    // A transaction of its own per batch, even if a sweep were called inside a run: the lanes run
    // side by side, and each batch commits its marks, notices and audit lines on its own.
    return this.transactions.runApart(async () => {
      const picked = await this.checkIns.pickForSweep(
        phase,
        from,
        cutoff,
        limit,
        options,
        this.linkUps.activeLinkUpSql('c.link_up_id'),
      );
      if (picked.length === 0) return { picked: 0, marked: [], noticeIds: [], inactiveLinkUpIds: [] };
      const linkUps = await this.linkUps.shareLockLinkUps(picked.map((row) => row.link_up_id));
      const active = new Map(linkUps.filter((l) => l.status === 'active').map((l) => [l.id, l]));
      const live = picked.filter((row) => active.has(row.link_up_id));
      const inactiveLinkUpIds = linkUps.filter((l) => l.status !== 'active').map((l) => l.id);
      if (live.length === 0) return { picked: picked.length, marked: [], noticeIds: [], inactiveLinkUpIds };
      const marked = await this.checkIns.markSwept(
        live.map((row) => row.id),
        phase === 'due' ? 'due' : 'missed',
        from,
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
        recipientIds: [(active.get(row.link_up_id) as { coachId: string }).coachId],
      }));
      const audits = dueNow.map((row) => auditOf('check_in.due', row));
      if (phase === 'missed') {
        const supervisors = new Map<string, string[]>();
        for (const row of marked) {
          const linkUp = active.get(row.link_up_id) as { coachId: string; siteId: string };
          const key = `${linkUp.siteId}/${linkUp.coachId}`;
          if (!supervisors.has(key)) {
            supervisors.set(key, await this.notifications.supervisorIdsFor(linkUp.siteId, linkUp.coachId));
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
      const noticeIds = await this.notifications.notifyMany(notices);
      await this.audit.recordSystemEvents(audits);
      return { picked: picked.length, marked, noticeIds, inactiveLinkUpIds };
    });
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
