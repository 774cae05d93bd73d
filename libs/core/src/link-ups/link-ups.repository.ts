import type { LinkUpStatus } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { type FindOptionsWhere, In, LessThan, type Repository } from 'typeorm';
import { TransactionContext } from '../transaction';
import { LinkUpEvent } from './link-up-event.entity';
import { LinkUp } from './link-up.entity';

/** A history entry to append (its id is the database's). */
export type LinkUpEventRow = Omit<LinkUpEvent, 'id' | 'linkUp' | 'actor'>;

/** What a journey write checks of its link-up: its scope facts, status, start and version (issue 17). */
export type LinkUpFacts = Pick<
  LinkUp,
  'id' | 'siteId' | 'coachId' | 'seekingFamilyId' | 'sharingFamilyId' | 'status' | 'startedAt' | 'version'
>;

interface LinkUpFactsRow {
  readonly id: string;
  readonly site_id: string;
  readonly coach_id: string;
  readonly seeking_family_id: string;
  readonly sharing_family_id: string;
  readonly status: LinkUpStatus;
  readonly started_at: Date;
  readonly version: number;
}

/** Link-ups that hold a place (DESIGN §4.2). */
const LIVE_STATUSES: LinkUpStatus[] = ['active', 'paused'];
const CLOSED_STATUSES: LinkUpStatus[] = ['completed', 'ended_early'];

/**
 * The link-ups' rows and their history (`link_up_events`), read and written in the transaction open
 * in this async context (autocommit outside one): no method takes a `manager`.
 */
@Injectable()
export class LinkUpsRepository {
  constructor(private readonly transactions: TransactionContext) {}

  /** The link-ups' TypeORM repository on the open transaction (or the data source outside one). */
  get linkUps(): Repository<LinkUp> {
    return this.transactions.repository(LinkUp);
  }

  private get events(): Repository<LinkUpEvent> {
    return this.transactions.repository(LinkUpEvent);
  }

  /** The link-up, or null. */
  findById(id: string): Promise<LinkUp | null> {
    return this.linkUps.findOneBy({ id });
  }

  /**
   * What a journey write checks of a link-up (`LinkUpFacts`), or null: by primary key, one fixed
   * statement prepared once per connection, without the entity machinery (issue 17).
   */
  async factsById(id: string): Promise<LinkUpFacts | null> {
    const rows = await this.transactions.queryPrepared<LinkUpFactsRow>(
      `SELECT id, site_id, coach_id, seeking_family_id, sharing_family_id, status, started_at, version
         FROM link_ups WHERE id = $1`,
      [id],
    );
    const row = rows[0];
    if (row === undefined) return null;
    return {
      id: row.id,
      siteId: row.site_id,
      coachId: row.coach_id,
      seekingFamilyId: row.seeking_family_id,
      sharingFamilyId: row.sharing_family_id,
      status: row.status,
      startedAt: row.started_at,
      version: row.version,
    };
  }

  /** The link-up read `FOR SHARE` (`share`) or `FOR UPDATE` (`update`), or null. */
  findLocked(id: string, lock: 'share' | 'update'): Promise<LinkUp | null> {
    return this.linkUps
      .createQueryBuilder('lu')
      .setLock(lock === 'share' ? 'pessimistic_read' : 'pessimistic_write')
      .where('lu.id = :id', { id })
      .getOne();
  }

  /** The link-up, read `FOR SHARE` when `forShare`, with the same statement as before (where, then lock). */
  findForTimeline(id: string, forShare: boolean): Promise<LinkUp | null> {
    const query = this.linkUps.createQueryBuilder('lu').where('lu.id = :id', { id });
    if (forShare) query.setLock('pessimistic_read');
    return query.getOne();
  }

  /** Link-ups by id; unknown ids are absent. */
  findByIds(ids: readonly string[]): Promise<LinkUp[]> {
    return this.linkUps.findBy({ id: In([...new Set(ids)]) });
  }

  /** The id of the Seeking family's latest closed link-up (a re-match links to it), or null. */
  latestClosedIdOfSeekingFamily(seekingFamilyId: string): Promise<Pick<LinkUp, 'id'> | null> {
    return this.linkUps.findOne({
      select: { id: true },
      where: { seekingFamilyId, status: In(CLOSED_STATUSES) },
      order: { startedAt: 'DESC', id: 'DESC' },
    });
  }

  /** Saves a new link-up row (its id, version and timestamps are filled in). */
  insertLinkUp(row: Omit<LinkUp, 'id' | 'version' | 'createdAt' | 'updatedAt'>): Promise<LinkUp> {
    return this.linkUps.save(this.linkUps.create(row));
  }

  /** Appends a history entry. */
  async insertEvent(entry: LinkUpEventRow): Promise<void> {
    await this.events.insert(this.events.create(entry));
  }

  /** Applies `changes` while the version is still `version`; whether the row was updated. */
  async updateAtVersion(id: string, version: number, changes: Partial<LinkUp>): Promise<boolean> {
    const result = await this.linkUps.update({ id, version }, changes);
    return (result.affected ?? 0) === 1;
  }

  /** Ids of the live (active or paused) link-ups. */
  async liveIds(): Promise<string[]> {
    const rows = await this.linkUps.find({ select: { id: true }, where: { status: In(LIVE_STATUSES) } });
    return rows.map((row) => row.id);
  }

  /** Ids of the family's live link-ups (as Seeking or Sharing family), in id order. */
  async liveIdsOfFamily(familyId: string): Promise<string[]> {
    const rows = await this.linkUps.find({
      select: { id: true },
      where: [
        { seekingFamilyId: familyId, status: In(LIVE_STATUSES) },
        { sharingFamilyId: familyId, status: In(LIVE_STATUSES) },
      ],
      order: { id: 'ASC' },
    });
    return rows.map((row) => row.id);
  }

  /** The family's live link-ups, oldest first. */
  liveOfFamily(familyId: string): Promise<LinkUp[]> {
    return this.linkUps.find({
      where: [
        { seekingFamilyId: familyId, status: In(LIVE_STATUSES) },
        { sharingFamilyId: familyId, status: In(LIVE_STATUSES) },
      ],
      order: { startedAt: 'ASC' },
    });
  }

  /** The Seeking family's latest link-up that started before `startedAt`, or null. */
  latestOfSeekingFamilyBefore(seekingFamilyId: string, startedAt: Date): Promise<LinkUp | null> {
    return this.linkUps.findOne({
      where: { seekingFamilyId, startedAt: LessThan(startedAt) },
      order: { startedAt: 'DESC', id: 'DESC' },
    });
  }

  /** Every link-up of these Seeking families (no order). */
  ofSeekingFamilies(seekingFamilyIds: readonly string[]): Promise<LinkUp[]> {
    return this.linkUps.find({ where: { seekingFamilyId: In([...seekingFamilyIds]) } });
  }

  /** The family's latest closed link-up, as Seeking or Sharing family, or null. */
  latestClosedOfFamily(familyId: string): Promise<LinkUp | null> {
    return this.linkUps.findOne({
      where: [
        { seekingFamilyId: familyId, status: In(CLOSED_STATUSES) },
        { sharingFamilyId: familyId, status: In(CLOSED_STATUSES) },
      ],
      order: { endedAt: 'DESC', startedAt: 'DESC', id: 'DESC' },
    });
  }

  /** The Seeking family's closed link-ups, newest first. */
  closedOfSeekingFamily(seekingFamilyId: string): Promise<LinkUp[]> {
    return this.linkUps.find({
      where: { seekingFamilyId, status: In(CLOSED_STATUSES) },
      order: { startedAt: 'DESC', id: 'DESC' },
    });
  }

  /** Every stage each of these link-ups moved to (distinct pairs). */
  stagesReachedBy(
    linkUpIds: readonly string[],
  ): Promise<{ link_up_id: string; to_stage: LinkUp['stage'] }[]> {
    return this.transactions.manager.query<{ link_up_id: string; to_stage: LinkUp['stage'] }[]>(
      `SELECT DISTINCT link_up_id, to_stage FROM link_up_events
        WHERE link_up_id = ANY($1::uuid[]) AND to_stage IS NOT NULL`,
      [[...linkUpIds]],
    );
  }

  /** Ids of the link-ups (any status) the coach coaches. */
  async idsCoachedBy(coachId: string): Promise<string[]> {
    const rows = await this.linkUps.find({ select: { id: true }, where: { coachId } });
    return rows.map((r) => r.id);
  }

  /** The history entries of these link-ups, oldest first (by time, then id). */
  eventsOf(linkUpIds: string | readonly string[]): Promise<LinkUpEvent[]> {
    const where: FindOptionsWhere<LinkUpEvent> =
      typeof linkUpIds === 'string' ? { linkUpId: linkUpIds } : { linkUpId: In([...linkUpIds]) };
    return this.events.find({ where, order: { at: 'ASC', id: 'ASC' } });
  }
}
