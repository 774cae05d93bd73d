import { afterCommitQueueWork, JobProducer } from '@app/queue';
import { Injectable, Logger } from '@nestjs/common';
import type { Actor, Caller } from '../access';
import { assertInCaseload } from '../access';
import { AuditService } from '../audit';
import { Clock } from '../clock';
import { CommonErrors } from '../errors';
import { LinkUpsService, type LinkUp } from '../link-ups';
import { SafeguardingService, type RaiseConcernInput, type RaisedConcern } from '../safeguarding';
import { TransactionContext } from '../transaction';
import { CheckIn, type CheckInMode, type CheckInParty, type CheckInStatus } from './check-in.entity';
import { CheckInErrors } from './check-in.errors';
import { CheckInSweepJobsService } from './check-in-sweep-jobs.service';
import { CheckInsRepository } from './check-ins.repository';

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

/**
 * Check-ins as people use them (DESIGN §4.4, §6): a coach records a planned check-in as held (and
 * may raise a concern at it), or one held without being planned; staff list and read the check-ins
 * of their caseload; the stage guards count what was held. Planning the check-ins is
 * `CheckInPlanningService`'s, marking them due or missed `CheckInSweepsService`'s. Reads and writes
 * join the transaction open in this async context (TransactionContext).
 */
@Injectable()
export class CheckInsService {
  private readonly logger = new Logger('CheckInsService');

  constructor(
    private readonly checkIns: CheckInsRepository,
    private readonly linkUps: LinkUpsService,
    private readonly safeguarding: SafeguardingService,
    private readonly audit: AuditService,
    private readonly sweepJobs: CheckInSweepJobsService,
    private readonly producer: JobProducer,
    private readonly clock: Clock,
    private readonly transactions: TransactionContext,
  ) {}

  /**
   * Records a planned check-in as held (DESIGN §6 `POST /api/check-ins/:id/complete`): held at, mode,
   * staff-only notes, ratings, and optionally a concern, which becomes a safeguarding concern in the
   * same transaction (a run that joins its caller's). A stale `version` is a 409; a held or cancelled
   * check-in is a 409.
   */
  async completeCheckIn(caller: Caller, id: string, input: CompleteCheckInInput): Promise<CheckIn> {
    if (input.heldAt.getTime() > this.clock.now().getTime() + 5 * 60_000) throw CheckInErrors.heldInFuture();
    const slas =
      input.concern === undefined || input.concern === null ? null : await this.safeguarding.triageSlas();
    return this.transactions.run(async () => {
      const row = await this.checkIns.findForUpdate(id);
      if (row === null) throw CommonErrors.notFound('Check-in');
      const view = await this.linkUps.timelineFor(row.linkUpId);
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
      await this.checkIns.updateAtVersion(id, row.version, {
        status: 'completed',
        heldAt: input.heldAt,
        mode: input.mode,
        notes: notes === '' ? null : notes,
        relationshipRating: input.relationshipRating,
        wellbeingRating: input.wellbeingRating,
        completedBy: caller.actor.id,
        version: row.version + 1,
      });
      let raisedConcern: RaisedConcern | null = null;
      if (input.concern !== undefined && input.concern !== null) {
        const concern = { ...input.concern, linkUpId: row.linkUpId, checkInId: row.id };
        const triageSlas = slas ?? (await this.safeguarding.triageSlas());
        raisedConcern = await this.safeguarding.recordConcern(caller, concern, triageSlas);
      }
      await this.audit.record({
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
      });
      const checkIn = await this.checkIns.findByIdOrFail(id);
      const raised = raisedConcern;
      await this.transactions.afterCommit(async () => {
        // Best effort: the check-in is held (a sweep at its times finds nothing to do); the reconciler
        // repairs the queue. A failure here must not make the client record it again.
        await afterCommitQueueWork(
          this.logger,
          { checkInId: id },
          () => this.sweepJobs.withdrawIdle([checkIn.dueAt, checkIn.overdueAt]),
          this.producer.waitBudgetMs(),
        );
        if (raised !== null) await this.safeguarding.afterConcernRaised(raised);
      });
      return checkIn;
    });
  }

  /** One check-in in the caller's caseload (404 otherwise). */
  async getCheckIn(caller: Caller, id: string): Promise<CheckIn> {
    const checkIn = await this.scopedQuery(caller).andWhere('c.id = :id', { id }).getOne();
    if (checkIn === null) throw CommonErrors.notFound('Check-in');
    return checkIn;
  }

  /** Check-ins of the caller's caseload: due, missed, upcoming... soonest first. */
  async listCheckIns(caller: Caller, filter: CheckInFilter): Promise<CheckInPage> {
    const query = this.scopedQuery(caller, filter.coachId).andWhere('c.status IN (:...statuses)', {
      statuses: VIEW_STATUSES[filter.view],
    });
    if (filter.linkUpId !== undefined)
      query.andWhere('c.link_up_id = :linkUpId', { linkUpId: filter.linkUpId });
    if (filter.party !== undefined) query.andWhere('c.party = :party', { party: filter.party });
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
   * Records a check-in that was held without being planned (the caller has checked the link-up is
   * in the actor's scope). Planned check-ins are completed through their own row instead.
   */
  recordHeldCheckIn(input: HeldCheckIn): Promise<CheckIn> {
    return this.checkIns.insert({
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
    });
  }

  /** Completed check-ins of the link-up held at or after `since`. */
  countCompletedCheckInsSince(linkUpId: string, since: Date): Promise<number> {
    return this.checkIns.countCompletedSince(linkUpId, since);
  }

  /**
   * countCompletedCheckInsSince(id, startedAt) and isClosureCheckInCompleted of each link-up, in one
   * read (the stage guards of a whole worklist).
   */
  async completedCheckInFacts(
    linkUps: readonly Pick<LinkUp, 'id' | 'startedAt'>[],
  ): Promise<{ completedSinceStart: number; closureCompleted: boolean }[]> {
    if (linkUps.length === 0) return [];
    const rows = await this.checkIns.completedFacts(
      linkUps.map((linkUp) => linkUp.id),
      linkUps.map((linkUp) => linkUp.startedAt),
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    return linkUps.map((linkUp) => {
      const row = byId.get(linkUp.id);
      return { completedSinceStart: row?.completed ?? 0, closureCompleted: row?.closure === true };
    });
  }

  /**
   * The worklist's check-ins: scheduled or due ones of the active link-ups in the actor's caseload,
   * due by `horizon`, soonest first, at most `limit` (one read; the link-ups' names are theirs to give).
   */
  openCheckInsOfActiveLinkUpsDueBy(
    actor: Actor,
    horizon: Date,
    limit: number,
  ): Promise<Pick<CheckIn, 'id' | 'linkUpId' | 'kind' | 'party' | 'dueAt' | 'overdueAt'>[]> {
    return this.linkUps
      .whereLinkUpInCaseload(this.checkIns.checkIns.createQueryBuilder('c'), 'c.link_up_id', actor, {
        statuses: ['active'],
      })
      .select(['c.id', 'c.linkUpId', 'c.kind', 'c.party', 'c.dueAt', 'c.overdueAt'])
      .andWhere("c.status IN ('scheduled', 'due')")
      .andWhere('c.due_at <= :horizon', { horizon })
      .orderBy('c.due_at', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** The link-up's open check-ins (scheduled, due or missed) due before `before`, soonest first. */
  openCheckInsDueBefore(linkUpId: string, before: Date): Promise<CheckIn[]> {
    return this.checkIns.dueBefore(linkUpId, VIEW_STATUSES.open, before);
  }

  /** Whether the link-up's closure check-in has been held. */
  isClosureCheckInCompleted(linkUpId: string): Promise<boolean> {
    return this.checkIns.closureCompleted(linkUpId);
  }

  /**
   * Check-ins whose link-up is in the caller's caseload (and coached by `coachId`, when given): the
   * link-ups' scope is theirs, a subquery in the same statement.
   */
  private scopedQuery(caller: Caller, coachId?: string) {
    return this.linkUps.whereLinkUpInCaseload(
      this.checkIns.checkIns.createQueryBuilder('c'),
      'c.link_up_id',
      caller.actor,
      { coachId },
    );
  }
}
