import type { CheckInCancelReason, PlannedCheckIn } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { In, LessThan, MoreThanOrEqual, type Repository } from 'typeorm';
import { TransactionContext } from '../transaction';
import {
  CheckIn,
  PENDING_CHECK_IN_STATUSES,
  type CheckInKind,
  type CheckInParty,
  type CheckInStatus,
} from './check-in.entity';

/** A check-in a sweep batch changed, as its `UPDATE … RETURNING` gives it. */
export interface SweptRow {
  readonly id: string;
  readonly link_up_id: string;
  readonly kind: CheckInKind;
  readonly party: CheckInParty;
  readonly due_at: Date;
  readonly overdue_at: Date;
}

/** Which time a sweep phase compares: the due time (marking due) or the overdue time (marking missed). */
export type SweepPhase = 'due' | 'missed';

/**
 * The check-ins' rows as people, the planner, the sweep and the reconciler use them, read and written
 * in the transaction open in this async context (autocommit outside one): no method takes a
 * `manager`. The sweep's set-based statements are here too; its batches are `runApart` transactions
 * of the sweep's own (`CheckInSweepsService`).
 */
@Injectable()
export class CheckInsRepository {
  constructor(private readonly transactions: TransactionContext) {}

  /** The check-ins' TypeORM repository on the open transaction (or the data source outside one). */
  get checkIns(): Repository<CheckIn> {
    return this.transactions.repository(CheckIn);
  }

  /**
   * Holds the link-up's plan until the open transaction ends (a transaction-level advisory lock; the
   * outermost run's commit or rollback, when joined): one planner at a time, each reading what the
   * previous one committed (`CheckInPlanningService.planLinkUp` says why it is held to commit).
   */
  async lockPlanOf(linkUpId: string): Promise<void> {
    await this.transactions.manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
      `check-ins:${linkUpId}`,
    ]);
  }

  /** The check-in read `FOR UPDATE`, or null. */
  findForUpdate(id: string): Promise<CheckIn | null> {
    return this.checkIns
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.id = :id', { id })
      .getOne();
  }

  /** Applies `changes` while the version is still `version`. */
  async updateAtVersion(id: string, version: number, changes: Partial<CheckIn>): Promise<void> {
    await this.checkIns.update({ id, version }, changes);
  }

  /** The check-in (it must exist). */
  findByIdOrFail(id: string): Promise<CheckIn> {
    return this.checkIns.findOneByOrFail({ id });
  }

  /** Saves a new check-in row (its id, version and timestamps are filled in). */
  insert(row: Omit<CheckIn, 'id' | 'version' | 'createdAt' | 'updatedAt' | 'linkUp'>): Promise<CheckIn> {
    return this.checkIns.save(this.checkIns.create(row));
  }

  /** Completed check-ins of the link-up held at or after `since`. */
  countCompletedSince(linkUpId: string, since: Date): Promise<number> {
    return this.checkIns.countBy({ linkUpId, status: 'completed', heldAt: MoreThanOrEqual(since) });
  }

  /** Per link-up (id, since): completed check-ins held since then, and whether a closure one was held. */
  completedFacts(
    linkUpIds: readonly string[],
    since: readonly Date[],
  ): Promise<{ id: string; completed: number; closure: boolean }[]> {
    return this.transactions.manager.query<{ id: string; completed: number; closure: boolean }[]>(
      `SELECT x.id,
              count(*) FILTER (WHERE c.held_at >= x.since)::int AS completed,
              bool_or(c.kind::text = 'closure') AS closure
         FROM unnest($1::uuid[], $2::timestamptz[]) AS x(id, since)
         JOIN check_ins c ON c.link_up_id = x.id AND c.status::text = 'completed'
        GROUP BY x.id`,
      [linkUpIds, since],
    );
  }

  /** Whether the link-up's closure check-in has been held. */
  closureCompleted(linkUpId: string): Promise<boolean> {
    return this.checkIns.existsBy({ linkUpId, kind: 'closure', status: 'completed' });
  }

  /** The link-up's check-ins in `statuses` due before `before`, soonest first. */
  dueBefore(linkUpId: string, statuses: readonly CheckInStatus[], before: Date): Promise<CheckIn[]> {
    return this.checkIns.find({
      where: { linkUpId, status: In([...statuses]), dueAt: LessThan(before) },
      order: { dueAt: 'ASC' },
    });
  }

  /** What the planner compares with its plan: every check-in of the link-up (the plan's columns). */
  planned(linkUpId: string): Promise<CheckIn[]> {
    return this.checkIns.find({
      select: { id: true, planKey: true, dueAt: true, overdueAt: true, status: true, kind: true },
      where: { linkUpId },
    });
  }

  /** Writes the planned check-ins not yet on file (by plan key) and returns those written now. */
  async insertPlanned(
    linkUpId: string,
    planned: readonly PlannedCheckIn[],
  ): Promise<{ id: string; dueAt: Date; overdueAt: Date }[]> {
    if (planned.length === 0) return [];
    const result = await this.transactions.manager
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
    return this.checkIns.find({
      select: { id: true, dueAt: true, overdueAt: true },
      where: { id: In(ids) },
    });
  }

  /** Moves a pending check-in to new times (and back to scheduled when `rescheduled`). */
  async movePending(
    id: string,
    changes: Pick<CheckIn, 'dueAt' | 'overdueAt'> & { status?: 'scheduled' },
  ): Promise<void> {
    await this.checkIns.update({ id, status: In(PENDING_CHECK_IN_STATUSES) }, changes);
  }

  /** Cancels a pending check-in; whether it was pending. */
  async cancelPending(id: string, reason: CheckInCancelReason): Promise<boolean> {
    const result = await this.checkIns.update(
      { id, status: In(PENDING_CHECK_IN_STATUSES) },
      { status: 'cancelled', cancelledReason: reason },
    );
    return (result.affected ?? 0) > 0;
  }

  /**
   * The link-ups with a pending check-in (the reconciler re-plans them with the live ones). Read in
   * the open transaction, or autocommit outside one (the reconciler's pass runs in none).
   */
  async linkUpIdsWithPending(): Promise<string[]> {
    const rows = await this.checkIns
      .createQueryBuilder('c')
      .select('DISTINCT c.link_up_id', 'id')
      .where('c.status IN (:...pending)', { pending: PENDING_CHECK_IN_STATUSES })
      .getRawMany<{ id: string }>();
    return rows.map((row) => row.id);
  }

  /** The check-in's status, due time and link-up (what `markDue` tells apart), or null. */
  findDueState(id: string): Promise<Pick<CheckIn, 'id' | 'status' | 'dueAt' | 'linkUpId'> | null> {
    return this.checkIns.findOne({
      select: { id: true, status: true, dueAt: true, linkUpId: true },
      where: { id },
    });
  }

  /**
   * The check-ins a sweep batch would take (no lock), `activeLinkUp` the condition that the row's
   * link-up (`c.link_up_id`) is active: for taking a failed batch one row at a time.
   */
  async sweepCandidates(
    phase: SweepPhase,
    cutoff: Date,
    limit: number,
    exclude: readonly string[],
    activeLinkUp: string,
  ): Promise<string[]> {
    const column = phase === 'due' ? 'due_at' : 'overdue_at';
    const rows = await this.transactions.manager.query<{ id: string }[]>(
      `SELECT c.id FROM check_ins c
        WHERE c.status = ANY($1::varchar[]) AND c.${column} <= $2
          AND ${activeLinkUp}
          AND NOT (c.id = ANY($4::uuid[]))
        ORDER BY c.${column}, c.id
        LIMIT $3`,
      [phase === 'due' ? ['scheduled'] : PENDING_CHECK_IN_STATUSES, cutoff, limit, exclude],
    );
    return rows.map((row) => row.id);
  }

  /**
   * A sweep batch's pick, in the open transaction: up to `limit` check-ins in `from` whose time
   * (`phase`) is at or before `cutoff`, on an active link-up (`activeLinkUp`, on `c.link_up_id`),
   * locked `FOR UPDATE SKIP LOCKED` (with `only`, just those, and the locks waited for).
   */
  pickForSweep(
    phase: SweepPhase,
    from: readonly CheckInStatus[],
    cutoff: Date,
    limit: number,
    options: { only: readonly string[] | undefined; exclude: readonly string[] },
    activeLinkUp: string,
  ): Promise<{ id: string; link_up_id: string; status: CheckInStatus }[]> {
    const column = phase === 'due' ? 'due_at' : 'overdue_at';
    return this.transactions.manager.query<{ id: string; link_up_id: string; status: CheckInStatus }[]>(
      `SELECT c.id, c.link_up_id, c.status FROM check_ins c
          WHERE c.status = ANY($1::varchar[]) AND c.${column} <= $2
            AND ${activeLinkUp}
            AND ($4::uuid[] IS NULL OR c.id = ANY($4::uuid[]))
            AND NOT (c.id = ANY($5::uuid[]))
          ORDER BY c.${column}, c.id
          LIMIT $3
          FOR UPDATE OF c${options.only === undefined ? ' SKIP LOCKED' : ''}`,
      [from, cutoff, limit, options.only ?? null, options.exclude],
    );
  }

  /**
   * A sweep batch's mark, in the open transaction: the check-ins `ids` still in `from` move to `to`
   * (`UPDATE … RETURNING`), returned by overdue time.
   */
  markSwept(
    ids: readonly string[],
    to: 'due' | 'missed',
    from: readonly CheckInStatus[],
  ): Promise<SweptRow[]> {
    // `updated_at` as TypeORM writes it on every update (the row's bookkeeping, not programme time).
    return this.transactions.manager.query<SweptRow[]>(
      `WITH marked AS (
           UPDATE check_ins SET status = $2, version = version + 1, updated_at = CURRENT_TIMESTAMP
            WHERE id = ANY($1::uuid[]) AND status = ANY($3::varchar[])
            RETURNING id, link_up_id, kind, party, due_at, overdue_at)
         SELECT * FROM marked ORDER BY overdue_at, id`,
      [ids, to, from],
    );
  }
}
