import { Injectable } from '@nestjs/common';
import { In, IsNull, LessThanOrEqual, type SelectQueryBuilder } from 'typeorm';
import { TransactionContext } from '../transaction';
import { SafeguardingConcernEntry } from './safeguarding-concern-entry.entity';
import { SafeguardingConcern, type ConcernStatus } from './safeguarding-concern.entity';

/** What a concern count needs of a link-up: a concern counts when it names it or one of its families. */
export interface ConcernSubjects {
  readonly id: string;
  readonly seekingFamilyId: string;
  readonly sharingFamilyId: string;
}

/**
 * The safeguarding concerns' rows and their entries, read and written in the transaction open in this
 * async context (autocommit outside one): no method takes a `manager`.
 */
@Injectable()
export class SafeguardingRepository {
  constructor(private readonly transactions: TransactionContext) {}

  private get concerns() {
    return this.transactions.repository(SafeguardingConcern);
  }

  private get entries() {
    return this.transactions.repository(SafeguardingConcernEntry);
  }

  /** A query over the concerns, aliased `c`. */
  query(): SelectQueryBuilder<SafeguardingConcern> {
    return this.concerns.createQueryBuilder('c');
  }

  /** Concerns whose status is one of `statuses` that name the link-up or one of its two families. */
  about(
    linkUp: ConcernSubjects,
    statuses: readonly ConcernStatus[],
  ): SelectQueryBuilder<SafeguardingConcern> {
    return this.query()
      .where('c.status IN (:...notClosed)', { notClosed: [...statuses] })
      .andWhere('(c.link_up_id = :linkUpId OR c.family_id IN (:seekingFamilyId, :sharingFamilyId))', {
        linkUpId: linkUp.id,
        seekingFamilyId: linkUp.seekingFamilyId,
        sharingFamilyId: linkUp.sharingFamilyId,
      });
  }

  /**
   * Per link-up, the concerns whose status is one of `statuses` naming it or one of its families, and
   * those of them of an urgent severity (one read for many link-ups).
   */
  countsAbout(
    linkUps: readonly ConcernSubjects[],
    statuses: readonly ConcernStatus[],
    urgent: readonly string[],
  ): Promise<{ id: string; open: number; urgent: number }[]> {
    return this.transactions.manager.query<{ id: string; open: number; urgent: number }[]>(
      `SELECT x.id, count(*)::int AS open,
              count(*) FILTER (WHERE c.severity::text = ANY($5::text[]))::int AS urgent
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS x(id, seeking_family_id, sharing_family_id)
         JOIN safeguarding_concerns c
           ON c.status::text = ANY($4::text[])
          AND (c.link_up_id = x.id OR c.family_id IN (x.seeking_family_id, x.sharing_family_id))
        GROUP BY x.id`,
      [
        linkUps.map((linkUp) => linkUp.id),
        linkUps.map((linkUp) => linkUp.seekingFamilyId),
        linkUps.map((linkUp) => linkUp.sharingFamilyId),
        [...statuses],
        [...urgent],
      ],
    );
  }

  /** Concerns not closed that name each link-up itself (not its families), by link-up id. */
  notClosedCountsByLinkUp(linkUpIds: readonly string[]): Promise<{ linkUpId: string; n: number }[]> {
    return this.query()
      .select('c.link_up_id', 'linkUpId')
      .addSelect('count(*)::int', 'n')
      .where('c.link_up_id IN (:...linkUpIds)', { linkUpIds: [...linkUpIds] })
      .andWhere("c.status <> 'closed'")
      .groupBy('c.link_up_id')
      .getRawMany<{ linkUpId: string; n: number }>();
  }

  /** Saves a new concern (its id, times and version filled in). */
  insert(concern: Omit<SafeguardingConcern, 'id' | 'raisedAt' | 'version'>): Promise<SafeguardingConcern> {
    return this.concerns.save(this.concerns.create(concern));
  }

  /** Appends an entry to a concern's history. */
  async appendEntry(entry: Omit<SafeguardingConcernEntry, 'id' | 'at'>): Promise<void> {
    await this.entries.insert(this.entries.create(entry));
  }

  /** Appends an entry to the concern's history, with the concern's severity and status as they now are. */
  async appendEntryFor(
    concern: Pick<SafeguardingConcern, 'id' | 'severity' | 'status'>,
    entry: Pick<SafeguardingConcernEntry, 'kind' | 'decision' | 'linkUpEffect' | 'note' | 'actorId'>,
  ): Promise<void> {
    await this.appendEntry({
      concernId: concern.id,
      severity: concern.severity,
      status: concern.status,
      ...entry,
    });
  }

  /** A concern's history, oldest first. */
  entriesOf(concernId: string): Promise<SafeguardingConcernEntry[]> {
    return this.entries.find({ where: { concernId }, order: { at: 'ASC', id: 'ASC' } });
  }

  /** Writes the triage's change to the concern at `version` (the caller holds its row lock). */
  async updateAtVersion(
    id: string,
    version: number,
    change: Pick<SafeguardingConcern, 'status' | 'severity' | 'triagedAt' | 'version'>,
  ): Promise<void> {
    await this.concerns.update({ id, version }, change);
  }

  /** The concern, locked `FOR UPDATE` until the transaction ends; null when there is none. */
  lockForUpdate(id: string): Promise<SafeguardingConcern | null> {
    return this.concerns
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.id = :concernId', { concernId: id })
      .getOne();
  }

  /** Marks the concern escalated at `at` unless it already is. */
  async markEscalated(id: string, at: Date): Promise<void> {
    await this.concerns.update({ id, escalatedAt: IsNull() }, { escalatedAt: at });
  }

  /** Ids and triage deadlines of the open concerns not escalated yet. */
  openNotEscalated(): Promise<Pick<SafeguardingConcern, 'id' | 'triageDueAt'>[]> {
    return this.concerns.find({
      select: { id: true, triageDueAt: true },
      where: { status: 'open', escalatedAt: IsNull() },
    });
  }

  /** Open concerns whose triage deadline is `now` or before. */
  countOpenDueBy(now: Date): Promise<number> {
    return this.concerns.countBy({ status: 'open', triageDueAt: LessThanOrEqual(now) });
  }

  /** What the concerns name: their ids, link-ups and families. */
  subjectsOf(ids: readonly string[]): Promise<Pick<SafeguardingConcern, 'id' | 'linkUpId' | 'familyId'>[]> {
    return this.concerns.find({
      select: { id: true, linkUpId: true, familyId: true },
      where: { id: In([...ids]) },
    });
  }
}
