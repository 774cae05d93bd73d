import { LINK_UP_STAGES, type LinkUpStage, type LinkUpStatus, type LinkUpTimeline } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  EntityManager,
  In,
  LessThan,
  Repository,
  type ObjectLiteral,
  type SelectQueryBuilder,
} from 'typeorm';
import type { Actor } from '../access';
import { isInCaseload, whereInCaseload } from '../access';
import { CommonErrors, isUniqueViolation } from '../errors';
import { FamiliesService } from '../families';
import { TransactionContext } from '../transaction';
import { UsersService } from '../users';
import { LinkUpEvent } from './link-up-event.entity';
import { timelineFromHistory } from './link-up-history';
import { LinkUp } from './link-up.entity';
import { LinkUpErrors } from './link-up.errors';

export interface StartLinkUpInput {
  readonly siteId: string;
  readonly seekingFamilyId: string;
  readonly sharingFamilyId: string;
  readonly coachId: string;
  readonly matchProposalId: string | null;
  readonly startedAt: Date;
  readonly plannedWeeks?: number;
  /** Who recorded it (the coach recording the family's choice). */
  readonly actorId: string;
}

/** What check-in planning needs of a link-up (issue 6): its scope facts, status and timeline. */
export interface LinkUpTimelineView {
  readonly id: string;
  readonly siteId: string;
  readonly coachId: string;
  readonly seekingFamilyId: string;
  readonly sharingFamilyId: string;
  readonly stage: LinkUpStage;
  readonly status: LinkUpStatus;
  readonly version: number;
  readonly timeline: LinkUpTimeline;
}

export interface LinkUpListFilter {
  readonly status?: LinkUpStatus;
  readonly stage?: LinkUpStage;
  readonly familyId?: string;
  readonly coachId?: string;
  readonly limit: number;
  readonly offset: number;
}

/** A link-up as lists show it: the row, the families' display names and the coach's name. */
export interface LinkUpSummary {
  readonly linkUp: LinkUp;
  readonly seekingFamilyName: string;
  readonly sharingFamilyName: string;
  readonly coachName: string;
  /** The coach's work email, so a family can reach its coach. */
  readonly coachEmail: string;
}

export interface LinkUpSummaryPage {
  readonly items: LinkUpSummary[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

const LINK_UP_CASELOAD_COLUMNS = {
  siteId: 'lu.site_id',
  coachId: 'lu.coach_id',
  familyIds: ['lu.seeking_family_id', 'lu.sharing_family_id'],
} as const;

/** The scope facts of a link-up: its site, its coach and both families. */
export const caseloadOfLinkUp = (linkUp: LinkUp) => ({
  siteId: linkUp.siteId,
  coachId: linkUp.coachId,
  familyIds: [linkUp.seekingFamilyId, linkUp.sharingFamilyId],
});

@Injectable()
export class LinkUpsService {
  constructor(
    @InjectRepository(LinkUp) private readonly linkUps: Repository<LinkUp>,
    private readonly families: FamiliesService,
    private readonly users: UsersService,
    private readonly transactions: TransactionContext,
  ) {}

  /**
   * Creates a link-up in `relationship_building` with its `created` history entry, inside the
   * caller's transaction (the caller holds the locks and has re-checked capacity and eligibility).
   * A Seeking family with a live link-up is refused by a unique index, whatever the race.
   */
  async startLinkUp(manager: EntityManager, input: StartLinkUpInput): Promise<LinkUp> {
    const linkUps = manager.getRepository(LinkUp);
    // A re-match links to the Seeking family's latest closed link-up (its history carries over).
    const previous = await linkUps.findOne({
      select: { id: true },
      where: { seekingFamilyId: input.seekingFamilyId, status: In(['completed', 'ended_early']) },
      order: { startedAt: 'DESC', id: 'DESC' },
    });
    let linkUp: LinkUp;
    try {
      linkUp = await linkUps.save(
        linkUps.create({
          siteId: input.siteId,
          seekingFamilyId: input.seekingFamilyId,
          sharingFamilyId: input.sharingFamilyId,
          coachId: input.coachId,
          matchProposalId: input.matchProposalId,
          previousLinkUpId: previous?.id ?? null,
          stage: 'relationship_building',
          status: 'active',
          startedAt: input.startedAt,
          plannedWeeks: input.plannedWeeks ?? 20,
          pausedSince: null,
          endedAt: null,
          closureReason: null,
        }),
      );
    } catch (error) {
      if (isUniqueViolation(error, 'UQ_link_ups_live_seeking_family')) {
        throw LinkUpErrors.seekingFamilyAlreadyLinked(input.seekingFamilyId);
      }
      throw error;
    }
    const events = manager.getRepository(LinkUpEvent);
    await events.insert(
      events.create({
        linkUpId: linkUp.id,
        kind: 'created',
        fromStage: null,
        toStage: 'relationship_building',
        fromStatus: null,
        toStatus: 'active',
        fromCoachId: null,
        toCoachId: input.coachId,
        reason: null,
        at: input.startedAt,
        actorId: input.actorId,
      }),
    );
    return linkUp;
  }

  /**
   * The link-up and its timeline (stage changes, pauses, closing) read from `link_up_events`, for
   * check-in planning; null for an unknown id. Read with the caller's manager (in its transaction).
   */
  async timelineFor(
    manager: EntityManager,
    linkUpId: string,
    options: { forShare?: boolean } = {},
  ): Promise<LinkUpTimelineView | null> {
    // `forShare`: a handler writing on the strength of the link-up's status (a check-in's due or
    // missed notice) holds it `FOR SHARE`, so a pause or an end waits for it, or it waits for them.
    const query = manager
      .getRepository(LinkUp)
      .createQueryBuilder('lu')
      .where('lu.id = :id', { id: linkUpId });
    if (options.forShare === true) query.setLock('pessimistic_read');
    const linkUp = await query.getOne();
    if (linkUp === null) return null;
    return {
      id: linkUp.id,
      siteId: linkUp.siteId,
      coachId: linkUp.coachId,
      seekingFamilyId: linkUp.seekingFamilyId,
      sharingFamilyId: linkUp.sharingFamilyId,
      stage: linkUp.stage,
      status: linkUp.status,
      version: linkUp.version,
      timeline: timelineFromHistory(linkUp, await this.historyOf(linkUp.id, manager)),
    };
  }

  /** Ids of the link-ups that are active or paused (the check-ins reconciler re-plans them). */
  async liveLinkUpIds(manager: EntityManager): Promise<string[]> {
    const rows = await manager
      .getRepository(LinkUp)
      .find({ select: { id: true }, where: { status: In(['active', 'paused']) } });
    return rows.map((row) => row.id);
  }

  /**
   * Ids of the live (active or paused) link-ups the family is in, as Seeking or Sharing family: an
   * urgent safeguarding concern about the family pauses them (issue 6).
   */
  async liveLinkUpIdsOfFamily(manager: EntityManager, familyId: string): Promise<string[]> {
    const rows = await manager.getRepository(LinkUp).find({
      select: { id: true },
      where: [
        { seekingFamilyId: familyId, status: In(['active', 'paused']) },
        { sharingFamilyId: familyId, status: In(['active', 'paused']) },
      ],
      order: { id: 'ASC' },
    });
    return rows.map((row) => row.id);
  }

  /**
   * Pauses an active link-up because of an urgent safeguarding concern (DESIGN §4.4), inside the
   * caller's transaction: the row is locked, a `paused` history entry names the concern, the version
   * goes up. Returns false (and changes nothing) unless it was active. The caller publishes `paused`
   * on the LinkUpChangesBus after commit.
   */
  async pauseForSafeguarding(
    manager: EntityManager,
    input: { linkUpId: string; actorId: string; concernId: string; at: Date },
  ): Promise<boolean> {
    const linkUps = manager.getRepository(LinkUp);
    const linkUp = await linkUps
      .createQueryBuilder('lu')
      .setLock('pessimistic_write')
      .where('lu.id = :id', { id: input.linkUpId })
      .getOne();
    if (linkUp?.status !== 'active') return false;
    await linkUps.update(
      { id: linkUp.id, version: linkUp.version },
      { status: 'paused', pausedSince: input.at, version: linkUp.version + 1 },
    );
    const events = manager.getRepository(LinkUpEvent);
    await events.insert(
      events.create({
        linkUpId: linkUp.id,
        kind: 'paused',
        fromStage: linkUp.stage,
        toStage: linkUp.stage,
        fromStatus: 'active',
        toStatus: 'paused',
        fromCoachId: null,
        toCoachId: null,
        reason: `safeguarding_concern:${input.concernId}`,
        at: input.at,
        actorId: input.actorId,
      }),
    );
    return true;
  }
  /** A link-up the actor may see (its caseload, or a family's own); `NOT_FOUND` otherwise. */
  async getLinkUpInScope(actor: Actor, id: string, manager?: EntityManager): Promise<LinkUp> {
    const linkUp = await (manager?.getRepository(LinkUp) ?? this.linkUps).findOneBy({ id });
    if (linkUp === null || !isInCaseload(actor, caseloadOfLinkUp(linkUp)))
      throw CommonErrors.notFound('Link-up');
    return linkUp;
  }

  /**
   * Reads the link-up `FOR SHARE` in the caller's transaction, then checks the scope (`NOT_FOUND`
   * outside it). Journey writes (goals, ratings, get-togethers; small wins on their last try, see
   * `unchangedLinkUpSql`) read their link-up this way: a transition (`FOR UPDATE`, see
   * `lockLinkUpForChange`) waits for them to commit and then counts what they wrote, and they wait for
   * a transition and then see its outcome (e.g. closed).
   */
  async shareLockLinkUpInScope(manager: EntityManager, actor: Actor, id: string): Promise<LinkUp> {
    const linkUp = await manager
      .getRepository(LinkUp)
      .createQueryBuilder('lu')
      .setLock('pessimistic_read')
      .where('lu.id = :id', { id })
      .getOne();
    if (linkUp === null || !isInCaseload(actor, caseloadOfLinkUp(linkUp)))
      throw CommonErrors.notFound('Link-up');
    return linkUp;
  }

  /**
   * For another feature's one-statement write that must not land if the link-up changed since it was
   * read (with `getLinkUpInScope`, say) and checked: `SELECT id FROM link_ups … FOR SHARE` of the
   * link-up while its version is still the one read (every change bumps it), for a CTE the write
   * selects from. Its parameters are appended to `params`. Like `shareLockLinkUpInScope` in a
   * transaction, it holds the row against a concurrent change (which locks it `FOR UPDATE`) until the
   * statement commits; a change that committed first leaves it empty, so the write writes nothing.
   */
  unchangedLinkUpSql(linkUp: Pick<LinkUp, 'id' | 'version'>, params: unknown[]): string {
    return `SELECT id FROM link_ups
             WHERE id = $${params.push(linkUp.id)}::uuid AND version = $${params.push(linkUp.version)}::int
               FOR SHARE`;
  }

  /**
   * The Seeking family's link-up before `linkUp` (the latest one that started earlier), or null: a
   * baseline taken before that one belongs to it, not to `linkUp`.
   */
  previousLinkUpOfSeekingFamily(linkUp: LinkUp, manager?: EntityManager): Promise<LinkUp | null> {
    return (manager?.getRepository(LinkUp) ?? this.linkUps).findOne({
      where: { seekingFamilyId: linkUp.seekingFamilyId, startedAt: LessThan(linkUp.startedAt) },
      order: { startedAt: 'DESC', id: 'DESC' },
    });
  }

  /**
   * Locks the link-up row (`SELECT … FOR UPDATE`) in the caller's transaction after the scope check,
   * and refuses a stale `expectedVersion` with 409 `VERSION_CONFLICT`. Every stage, status and coach
   * change goes through here, so two concurrent changes are serialised and the second one sees the
   * first one's version.
   */
  async lockLinkUpForChange(
    manager: EntityManager,
    actor: Actor,
    id: string,
    expectedVersion: number,
  ): Promise<LinkUp> {
    const linkUp = await manager
      .getRepository(LinkUp)
      .createQueryBuilder('lu')
      .setLock('pessimistic_write')
      .where('lu.id = :id', { id })
      .getOne();
    if (linkUp === null || !isInCaseload(actor, caseloadOfLinkUp(linkUp)))
      throw CommonErrors.notFound('Link-up');
    if (linkUp.version !== expectedVersion) {
      throw CommonErrors.versionConflict('The link-up', expectedVersion, linkUp.version);
    }
    return linkUp;
  }

  /**
   * Applies a change to a locked link-up (the caller holds the row lock and has checked the version)
   * and appends its history entry, in the caller's transaction. The version goes up by one.
   */
  async recordChange(
    manager: EntityManager,
    linkUp: LinkUp,
    changes: Partial<
      Pick<LinkUp, 'stage' | 'status' | 'pausedSince' | 'endedAt' | 'closureReason' | 'coachId'>
    >,
    entry: Omit<LinkUpEvent, 'id' | 'linkUpId' | 'linkUp' | 'actor'>,
  ): Promise<LinkUp> {
    const linkUps = manager.getRepository(LinkUp);
    const result = await linkUps.update(
      { id: linkUp.id, version: linkUp.version },
      { ...changes, version: linkUp.version + 1 },
    );
    if ((result.affected ?? 0) !== 1) {
      const current = await linkUps.findOneBy({ id: linkUp.id });
      throw CommonErrors.versionConflict('The link-up', linkUp.version, current?.version ?? linkUp.version);
    }
    const events = manager.getRepository(LinkUpEvent);
    await events.insert(events.create({ ...entry, linkUpId: linkUp.id }));
    return linkUps.findOneByOrFail({ id: linkUp.id });
  }

  /**
   * previousLinkUpOfSeekingFamily of each link-up, in one read of their Seeking families' link-ups
   * (the stage guards of a whole worklist).
   */
  async previousLinkUpsOfSeekingFamilies(
    linkUps: readonly LinkUp[],
    manager?: EntityManager,
  ): Promise<(LinkUp | null)[]> {
    if (linkUps.length === 0) return [];
    const families = [...new Set(linkUps.map((linkUp) => linkUp.seekingFamilyId))];
    const all = await (manager?.getRepository(LinkUp) ?? this.linkUps).find({
      where: { seekingFamilyId: In(families) },
    });
    return linkUps.map((linkUp) => {
      // The latest that started earlier, ties by id (started_at DESC, id DESC).
      let previous: LinkUp | null = null;
      for (const other of all) {
        if (other.seekingFamilyId !== linkUp.seekingFamilyId || !(other.startedAt < linkUp.startedAt))
          continue;
        const later =
          previous === null ||
          other.startedAt > previous.startedAt ||
          (other.startedAt.getTime() === previous.startedAt.getTime() && other.id > previous.id);
        if (later) previous = other;
      }
      return previous;
    });
  }

  /** historyOf of each link-up, in one read. */
  async historiesOf(linkUpIds: readonly string[], manager?: EntityManager): Promise<LinkUpEvent[][]> {
    if (linkUpIds.length === 0) return [];
    const events = await (manager ?? this.linkUps.manager)
      .getRepository(LinkUpEvent)
      .find({ where: { linkUpId: In([...linkUpIds]) }, order: { at: 'ASC', id: 'ASC' } });
    const byLinkUp = new Map<string, LinkUpEvent[]>(linkUpIds.map((id) => [id, []]));
    for (const event of events) byLinkUp.get(event.linkUpId)?.push(event);
    return linkUpIds.map((id) => byLinkUp.get(id) ?? []);
  }

  /** The link-up's history, oldest first. */
  historyOf(linkUpId: string, manager?: EntityManager): Promise<LinkUpEvent[]> {
    return (manager ?? this.linkUps.manager)
      .getRepository(LinkUpEvent)
      .find({ where: { linkUpId }, order: { at: 'ASC', id: 'ASC' } });
  }

  /** The family's latest closed (completed or ended early) link-up, as Seeking or Sharing family. */
  latestClosedLinkUpOfFamily(familyId: string, manager?: EntityManager): Promise<LinkUp | null> {
    return (manager?.getRepository(LinkUp) ?? this.linkUps).findOne({
      where: [
        { seekingFamilyId: familyId, status: In(['completed', 'ended_early']) },
        { sharingFamilyId: familyId, status: In(['completed', 'ended_early']) },
      ],
      order: { endedAt: 'DESC', startedAt: 'DESC', id: 'DESC' },
    });
  }

  /**
   * The Seeking family's closed (completed or ended early) link-ups, newest first, with the
   * furthest stage each reached (a move back does not undo having reached a stage).
   */
  async closedLinkUpsOfSeekingFamily(
    seekingFamilyId: string,
    manager?: EntityManager,
  ): Promise<{ linkUp: LinkUp; stageReached: LinkUpStage }[]> {
    const run = manager ?? this.linkUps.manager;
    const closed = await run.getRepository(LinkUp).find({
      where: { seekingFamilyId, status: In(['completed', 'ended_early']) },
      order: { startedAt: 'DESC', id: 'DESC' },
    });
    if (closed.length === 0) return [];
    const rows = await run.query<{ link_up_id: string; to_stage: LinkUpStage }[]>(
      `SELECT DISTINCT link_up_id, to_stage FROM link_up_events
        WHERE link_up_id = ANY($1::uuid[]) AND to_stage IS NOT NULL`,
      [closed.map((l) => l.id)],
    );
    return closed.map((linkUp) => {
      const reached = new Set([
        linkUp.stage,
        ...rows.filter((r) => r.link_up_id === linkUp.id).map((r) => r.to_stage),
      ]);
      const stageReached = [...LINK_UP_STAGES].reverse().find((stage) => reached.has(stage)) ?? linkUp.stage;
      return { linkUp, stageReached };
    });
  }

  /** Display names of the people who made these history entries (staff see who moved a link-up). */
  async actorNamesOf(events: readonly LinkUpEvent[]): Promise<ReadonlyMap<string, string>> {
    return this.users.displayNamesOf(events.map((e) => e.actorId));
  }

  /** The family's live (active or paused) link-ups, as Seeking or Sharing family, oldest first. */
  liveLinkUpsOfFamily(familyId: string, manager?: EntityManager): Promise<LinkUp[]> {
    return (manager?.getRepository(LinkUp) ?? this.linkUps).find({
      where: [
        { seekingFamilyId: familyId, status: In(['active', 'paused']) },
        { sharingFamilyId: familyId, status: In(['active', 'paused']) },
      ],
      order: { startedAt: 'ASC' },
    });
  }

  /**
   * For another feature's query of rows that belong to a link-up (check-ins): keeps the rows whose
   * link-up (`linkUpIdColumn`) is in the actor's caseload and, when given, is in one of `statuses`
   * and coached by `coachId`. A subquery of link-ups in the same statement, so a page and its count
   * stay one read each.
   */
  whereLinkUpInCaseload<T extends ObjectLiteral>(
    query: SelectQueryBuilder<T>,
    linkUpIdColumn: string,
    actor: Actor,
    filter: { readonly statuses?: readonly LinkUpStatus[]; readonly coachId?: string } = {},
  ): SelectQueryBuilder<T> {
    const linkUps = whereInCaseload(
      query.subQuery().select('lu.id').from(LinkUp, 'lu'),
      actor,
      LINK_UP_CASELOAD_COLUMNS,
    );
    if (filter.statuses !== undefined)
      linkUps.andWhere('lu.status IN (:...caseloadLinkUpStatuses)', {
        caseloadLinkUpStatuses: filter.statuses,
      });
    if (filter.coachId !== undefined)
      linkUps.andWhere('lu.coach_id = :caseloadLinkUpCoachId', { caseloadLinkUpCoachId: filter.coachId });
    return query.andWhere(`${linkUpIdColumn} IN ${linkUps.getQuery()}`, linkUps.getParameters());
  }

  /**
   * For another feature's set-based statement about rows of active link-ups (the check-ins sweep):
   * a condition, true while the link-up whose id is `linkUpIdColumn` is active.
   */
  activeLinkUpSql(linkUpIdColumn: string): string {
    return `EXISTS (SELECT 1 FROM link_ups l WHERE l.id = ${linkUpIdColumn} AND l.status = 'active')`;
  }

  /**
   * The status, coach and site of these link-ups, held `FOR SHARE` in the open transaction (in id
   * order, so two holders never wait on each other): a change (which locks its link-up `FOR
   * UPDATE`) waits for the holder to commit. Unknown ids are absent.
   */
  async shareLockLinkUps(
    ids: readonly string[],
  ): Promise<{ id: string; status: LinkUpStatus; coachId: string; siteId: string }[]> {
    const rows = await this.transactions.manager.query<
      { id: string; status: LinkUpStatus; coach_id: string; site_id: string }[]
    >(
      `SELECT id, status, coach_id, site_id FROM link_ups
        WHERE id = ANY($1::uuid[]) ORDER BY id FOR SHARE`,
      [[...new Set(ids)]],
    );
    return rows.map((row) => ({
      id: row.id,
      status: row.status,
      coachId: row.coach_id,
      siteId: row.site_id,
    }));
  }

  /** Ids of the link-ups (any status) the coach coaches: its caseload's link-ups. */
  async linkUpIdsCoachedBy(coachId: string, manager?: EntityManager): Promise<string[]> {
    const rows = await (manager?.getRepository(LinkUp) ?? this.linkUps).find({
      select: { id: true },
      where: { coachId },
    });
    return rows.map((r) => r.id);
  }

  /** Whether the site has any link-up, in any status. */
  siteHasLinkUps(siteId: string): Promise<boolean> {
    return this.linkUps.existsBy({ siteId });
  }

  /** Link-ups by id (no scope check: for services that have checked it); unknown ids are absent. */
  findLinkUpsByIds(ids: readonly string[], manager?: EntityManager): Promise<LinkUp[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return (manager?.getRepository(LinkUp) ?? this.linkUps).findBy({ id: In([...new Set(ids)]) });
  }

  /** Live (active or paused) link-ups in the actor's caseload, oldest first, at most `limit`. */
  liveLinkUpsInCaseload(actor: Actor, limit: number): Promise<LinkUp[]> {
    return whereInCaseload(this.linkUps.createQueryBuilder('lu'), actor, LINK_UP_CASELOAD_COLUMNS)
      .andWhere("lu.status IN ('active', 'paused')")
      .orderBy('lu.started_at', 'ASC')
      .addOrderBy('lu.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** Link-ups in the actor's caseload (a family: its own), newest first, with names for display. */
  async listLinkUps(actor: Actor, filter: LinkUpListFilter): Promise<LinkUpSummaryPage> {
    const query = whereInCaseload(this.linkUps.createQueryBuilder('lu'), actor, LINK_UP_CASELOAD_COLUMNS);
    if (filter.status !== undefined) query.andWhere('lu.status = :status', { status: filter.status });
    if (filter.stage !== undefined) query.andWhere('lu.stage = :stage', { stage: filter.stage });
    if (filter.coachId !== undefined) query.andWhere('lu.coach_id = :coachId', { coachId: filter.coachId });
    if (filter.familyId !== undefined) {
      query.andWhere('(lu.seeking_family_id = :familyId OR lu.sharing_family_id = :familyId)', {
        familyId: filter.familyId,
      });
    }
    const [linkUps, total] = await query
      .orderBy('lu.started_at', 'DESC')
      .addOrderBy('lu.id', 'DESC')
      .limit(filter.limit)
      .offset(filter.offset)
      .getManyAndCount();
    return { items: await this.withNames(linkUps), total, limit: filter.limit, offset: filter.offset };
  }

  /** Display names of the families and the coach of each link-up (preferred names only). */
  async withNames(linkUps: readonly LinkUp[], manager?: EntityManager): Promise<LinkUpSummary[]> {
    if (linkUps.length === 0) return [];
    // Asked of families and users (one read each), whatever the number of link-ups.
    const [families, coaches] = await Promise.all([
      this.families.findFamiliesByIds(
        linkUps.flatMap((l) => [l.seekingFamilyId, l.sharingFamilyId]),
        manager,
      ),
      this.users.namesAndEmailsOf(linkUps.map((l) => l.coachId)),
    ]);
    const familyNames = new Map(families.map((f) => [f.id, f.displayName]));
    return linkUps.map((linkUp) => ({
      linkUp,
      seekingFamilyName: familyNames.get(linkUp.seekingFamilyId) ?? '',
      sharingFamilyName: familyNames.get(linkUp.sharingFamilyId) ?? '',
      coachName: coaches.get(linkUp.coachId)?.displayName ?? '',
      coachEmail: coaches.get(linkUp.coachId)?.email ?? '',
    }));
  }
}
