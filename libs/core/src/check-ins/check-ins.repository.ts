import type { CheckInCancelReason, PlannedCheckIn } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { In, LessThan, MoreThanOrEqual, type Repository } from 'typeorm';
import { TransactionContext } from '../transaction';
import { CheckIn, PENDING_CHECK_IN_STATUSES, type CheckInStatus } from './check-in.entity';

/**
 * The check-ins' rows as people and the planner use them, read and written in the transaction open
 * in this async context (autocommit outside one): no method takes a `manager`. (The sweep's
 * set-based batches keep their own statements, in `CheckInSweepsService`.)
 */
@Injectable()
export class CheckInsRepository {
  constructor(private readonly transactions: TransactionContext) {}

  /** The check-ins' TypeORM repository on the open transaction (or the data source outside one). */
  get checkIns(): Repository<CheckIn> {
    return this.transactions.repository(CheckIn);
  }

  /** Holds the link-up's plan for this transaction (an advisory lock): one planner at a time. */
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
}
