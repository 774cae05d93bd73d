import { LINK_UP_STAGES, type LinkUpStage, type LinkUpStatus, type LinkUpTimeline } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
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
import { type LinkUpFacts, LinkUpsRepository } from './link-ups.repository';
import { RecentLinkUpFacts } from './recent-link-up-facts';

export type { LinkUpFacts } from './link-ups.repository';

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
export const caseloadOfLinkUp = (
  linkUp: Pick<LinkUp, 'siteId' | 'coachId' | 'seekingFamilyId' | 'sharingFamilyId'>,
) => ({
  siteId: linkUp.siteId,
  coachId: linkUp.coachId,
  familyIds: [linkUp.seekingFamilyId, linkUp.sharingFamilyId],
});

/** The link-up read, when the actor may see it (its caseload, or a family's own); `NOT_FOUND` otherwise. */
function inScopeOf<Read extends Parameters<typeof caseloadOfLinkUp>[0]>(
  actor: Actor,
  linkUp: Read | null,
): Read {
  if (linkUp === null || !isInCaseload(actor, caseloadOfLinkUp(linkUp)))
    throw CommonErrors.notFound('Link-up');
  return linkUp;
}

/**
 * The link-ups' rows and history. Reads and writes join the transaction open in this async context
 * (TransactionContext; autocommit outside one): the locking reads and the changes (`lockLinkUpForChange`,
 * `recordChange`, `pauseForSafeguarding`, `startLinkUp`) are meant for a caller's run.
 */
@Injectable()
export class LinkUpsService {
  constructor(
    private readonly linkUps: LinkUpsRepository,
    private readonly families: FamiliesService,
    private readonly users: UsersService,
    private readonly transactions: TransactionContext,
    private readonly recentFacts: RecentLinkUpFacts,
  ) {}

  /**
   * Creates a link-up in `relationship_building` with its `created` history entry: a run that joins
   * the caller's transaction (the caller holds the locks and has re-checked capacity and
   * eligibility). A Seeking family with a live link-up is refused by a unique index, whatever the race.
   */
  startLinkUp(input: StartLinkUpInput): Promise<LinkUp> {
    return this.transactions.run(async () => {
      // A re-match links to the Seeking family's latest closed link-up (its history carries over).
      const previous = await this.linkUps.latestClosedIdOfSeekingFamily(input.seekingFamilyId);
      let linkUp: LinkUp;
      try {
        linkUp = await this.linkUps.insertLinkUp({
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
        });
      } catch (error) {
        if (isUniqueViolation(error, 'UQ_link_ups_live_seeking_family')) {
          throw LinkUpErrors.seekingFamilyAlreadyLinked(input.seekingFamilyId);
        }
        throw error;
      }
      await this.linkUps.insertEvent({
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
      });
      return linkUp;
    });
  }

  /**
   * The link-up and its timeline (stage changes, pauses, closing) read from `link_up_events`, for
   * check-in planning; null for an unknown id. Read in the open transaction (the caller's).
   */
  async timelineFor(
    linkUpId: string,
    options: { forShare?: boolean } = {},
  ): Promise<LinkUpTimelineView | null> {
    // `forShare`: a handler writing on the strength of the link-up's status (a check-in's due or
    // missed notice) holds it `FOR SHARE`, so a pause or an end waits for it, or it waits for them.
    const linkUp = await this.linkUps.findForTimeline(linkUpId, options.forShare === true);
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
      timeline: timelineFromHistory(linkUp, await this.historyOf(linkUp.id)),
    };
  }

  /** Ids of the link-ups that are active or paused (the check-ins reconciler re-plans them). */
  liveLinkUpIds(): Promise<string[]> {
    return this.linkUps.liveIds();
  }

  /**
   * Ids of the live (active or paused) link-ups the family is in, as Seeking or Sharing family: an
   * urgent safeguarding concern about the family pauses them (issue 6).
   */
  liveLinkUpIdsOfFamily(familyId: string): Promise<string[]> {
    return this.linkUps.liveIdsOfFamily(familyId);
  }

  /**
   * Pauses an active link-up because of an urgent safeguarding concern (DESIGN §4.4), in a run that
   * joins the caller's transaction: the row is locked, a `paused` history entry names the concern, the
   * version goes up. Returns false (and changes nothing) unless it was active. The caller publishes
   * `paused` on the LinkUpChangesBus after commit.
   */
  pauseForSafeguarding(input: {
    linkUpId: string;
    actorId: string;
    concernId: string;
    at: Date;
  }): Promise<boolean> {
    return this.transactions.run(async () => {
      const linkUp = await this.linkUps.findLocked(input.linkUpId, 'update');
      if (linkUp?.status !== 'active') return false;
      await this.linkUps.updateAtVersion(linkUp.id, linkUp.version, {
        status: 'paused',
        pausedSince: input.at,
        version: linkUp.version + 1,
      });
      await this.linkUps.insertEvent({
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
      });
      return true;
    });
  }

  /** A link-up the actor may see (its caseload, or a family's own); `NOT_FOUND` otherwise. */
  async getLinkUpInScope(actor: Actor, id: string): Promise<LinkUp> {
    return inScopeOf(actor, await this.linkUps.findById(id));
  }

  /**
   * `getLinkUpInScope` for a journey write that needs only `LinkUpFacts` (a small win): one plain
   * statement of those columns instead of the entity, the same scope check and `NOT_FOUND` (issue 17).
   * Read outside a transaction, the facts are remembered for `recentLinkUpFactsInScope`.
   */
  async getLinkUpFactsInScope(actor: Actor, id: string): Promise<LinkUpFacts> {
    const facts = await this.linkUps.factsById(id);
    // Only what is committed: a read inside a transaction may see its own changes, and if it rolls
    // back, the next change reuses their version number with other facts.
    if (facts !== null && this.transactions.transaction === undefined) this.recentFacts.remember(facts);
    return inScopeOf(actor, facts);
  }

  /**
   * The link-up's facts as this process last read them (`getLinkUpFactsInScope`), when there are some
   * and they put it in the actor's scope; undefined otherwise. No statement. They may be out of date
   * (see RecentLinkUpFacts): only for a write made while the version is still theirs
   * (`unchangedLinkUpSql`), and a check they fail must be made again on a fresh read, never refused
   * on them (the link-up may have been handed to this coach since).
   */
  recentLinkUpFactsInScope(actor: Actor, id: string): LinkUpFacts | undefined {
    const facts = this.recentFacts.get(id);
    return facts !== undefined && isInCaseload(actor, caseloadOfLinkUp(facts)) ? facts : undefined;
  }

  /**
   * Reads the link-up `FOR SHARE` in the open transaction, then checks the scope (`NOT_FOUND`
   * outside it). Journey writes (goals, ratings, get-togethers; small wins on their last try, see
   * `unchangedLinkUpSql`) read their link-up this way: a transition (`FOR UPDATE`, see
   * `lockLinkUpForChange`) waits for them to commit and then counts what they wrote, and they wait for
   * a transition and then see its outcome (e.g. closed).
   */
  async shareLockLinkUpInScope(actor: Actor, id: string): Promise<LinkUp> {
    return inScopeOf(actor, await this.linkUps.findLocked(id, 'share'));
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
  previousLinkUpOfSeekingFamily(linkUp: LinkUp): Promise<LinkUp | null> {
    return this.linkUps.latestOfSeekingFamilyBefore(linkUp.seekingFamilyId, linkUp.startedAt);
  }

  /**
   * Locks the link-up row (`SELECT … FOR UPDATE`) in the open transaction after the scope check,
   * and refuses a stale `expectedVersion` with 409 `VERSION_CONFLICT`. Every stage, status and coach
   * change goes through here, so two concurrent changes are serialised and the second one sees the
   * first one's version.
   */
  async lockLinkUpForChange(actor: Actor, id: string, expectedVersion: number): Promise<LinkUp> {
    const linkUp = inScopeOf(actor, await this.linkUps.findLocked(id, 'update'));
    if (linkUp.version !== expectedVersion) {
      throw CommonErrors.versionConflict('The link-up', expectedVersion, linkUp.version);
    }
    return linkUp;
  }

  /**
   * Applies a change to a locked link-up (the caller holds the row lock and has checked the version)
   * and appends its history entry, in a run that joins the caller's transaction. The version goes up
   * by one.
   */
  recordChange(
    linkUp: LinkUp,
    changes: Partial<
      Pick<LinkUp, 'stage' | 'status' | 'pausedSince' | 'endedAt' | 'closureReason' | 'coachId'>
    >,
    entry: Omit<LinkUpEvent, 'id' | 'linkUpId' | 'linkUp' | 'actor'>,
  ): Promise<LinkUp> {
    return this.transactions.run(async () => {
      if (
        !(await this.linkUps.updateAtVersion(linkUp.id, linkUp.version, {
          ...changes,
          version: linkUp.version + 1,
        }))
      ) {
        const current = await this.linkUps.findById(linkUp.id);
        throw CommonErrors.versionConflict('The link-up', linkUp.version, current?.version ?? linkUp.version);
      }
      await this.linkUps.insertEvent({ ...entry, linkUpId: linkUp.id });
      return this.linkUps.linkUps.findOneByOrFail({ id: linkUp.id });
    });
  }

  /**
   * previousLinkUpOfSeekingFamily of each link-up, in one read of their Seeking families' link-ups
   * (the stage guards of a whole worklist).
   */
  async previousLinkUpsOfSeekingFamilies(linkUps: readonly LinkUp[]): Promise<(LinkUp | null)[]> {
    if (linkUps.length === 0) return [];
    const families = [...new Set(linkUps.map((linkUp) => linkUp.seekingFamilyId))];
    const all = await this.linkUps.ofSeekingFamilies(families);
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
  async historiesOf(linkUpIds: readonly string[]): Promise<LinkUpEvent[][]> {
    if (linkUpIds.length === 0) return [];
    const events = await this.linkUps.eventsOf(linkUpIds);
    const byLinkUp = new Map<string, LinkUpEvent[]>(linkUpIds.map((id) => [id, []]));
    for (const event of events) byLinkUp.get(event.linkUpId)?.push(event);
    return linkUpIds.map((id) => byLinkUp.get(id) ?? []);
  }

  /** The link-up's history, oldest first. */
  historyOf(linkUpId: string): Promise<LinkUpEvent[]> {
    return this.linkUps.eventsOf(linkUpId);
  }

  /** The family's latest closed (completed or ended early) link-up, as Seeking or Sharing family. */
  latestClosedLinkUpOfFamily(familyId: string): Promise<LinkUp | null> {
    return this.linkUps.latestClosedOfFamily(familyId);
  }

  /**
   * The Seeking family's closed (completed or ended early) link-ups, newest first, with the
   * furthest stage each reached (a move back does not undo having reached a stage).
   */
  async closedLinkUpsOfSeekingFamily(
    seekingFamilyId: string,
  ): Promise<{ linkUp: LinkUp; stageReached: LinkUpStage }[]> {
    const closed = await this.linkUps.closedOfSeekingFamily(seekingFamilyId);
    if (closed.length === 0) return [];
    const rows = await this.linkUps.stagesReachedBy(closed.map((l) => l.id));
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
  liveLinkUpsOfFamily(familyId: string): Promise<LinkUp[]> {
    return this.linkUps.liveOfFamily(familyId);
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
  linkUpIdsCoachedBy(coachId: string): Promise<string[]> {
    return this.linkUps.idsCoachedBy(coachId);
  }

  /** Whether the site has any link-up, in any status. */
  siteHasLinkUps(siteId: string): Promise<boolean> {
    return this.linkUps.linkUps.existsBy({ siteId });
  }

  /** Link-ups by id (no scope check: for services that have checked it); unknown ids are absent. */
  findLinkUpsByIds(ids: readonly string[]): Promise<LinkUp[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.linkUps.findByIds(ids);
  }

  /** Live (active or paused) link-ups in the actor's caseload, oldest first, at most `limit`. */
  liveLinkUpsInCaseload(actor: Actor, limit: number): Promise<LinkUp[]> {
    return whereInCaseload(this.linkUps.linkUps.createQueryBuilder('lu'), actor, LINK_UP_CASELOAD_COLUMNS)
      .andWhere("lu.status IN ('active', 'paused')")
      .orderBy('lu.started_at', 'ASC')
      .addOrderBy('lu.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** Link-ups in the actor's caseload (a family: its own), newest first, with names for display. */
  async listLinkUps(actor: Actor, filter: LinkUpListFilter): Promise<LinkUpSummaryPage> {
    const query = whereInCaseload(
      this.linkUps.linkUps.createQueryBuilder('lu'),
      actor,
      LINK_UP_CASELOAD_COLUMNS,
    );
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
  async withNames(linkUps: readonly LinkUp[]): Promise<LinkUpSummary[]> {
    if (linkUps.length === 0) return [];
    // Asked of families and users (one read each), whatever the number of link-ups.
    const [families, coaches] = await Promise.all([
      this.families.findFamiliesByIds(linkUps.flatMap((l) => [l.seekingFamilyId, l.sharingFamilyId])),
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
