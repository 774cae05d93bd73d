import { afterCommitQueueWork, JobProducer } from '@app/queue';
import { Injectable, Logger } from '@nestjs/common';
import type { Caller } from '../access';
import { AuditService } from '../audit';
import { Clock } from '../clock';
import { CommonErrors } from '../errors';
import { FamiliesService } from '../families';
import { LinkUpChangesBus, LinkUpsService } from '../link-ups';
import { NotificationsService } from '../notifications';
import { ProgrammeSettingsService } from '../settings';
import { TransactionContext } from '../transaction';
import type { SafeguardingConcernEntry } from './safeguarding-concern-entry.entity';
import type {
  ConcernSeverity,
  ConcernSource,
  ConcernStatus,
  SafeguardingConcern,
} from './safeguarding-concern.entity';
import { SafeguardingErrors } from './safeguarding.errors';
import { SafeguardingRepository } from './safeguarding.repository';
import { ConcernLinkUpEffects } from './concern-link-up-effects';
import {
  assertStaff,
  ConcernScope,
  NOT_CLOSED,
  URGENT_SEVERITIES,
  type ConcernSubjectsOf,
} from './concern-scope';

const HOUR_MS = 60 * 60 * 1000;

export interface RaiseConcernInput {
  readonly linkUpId?: string | null;
  readonly familyId?: string | null;
  readonly checkInId?: string | null;
  readonly severity: ConcernSeverity;
  /** Staff-only; never logged. */
  readonly description: string;
  /** `family` when a family's worry is raised by its coach. */
  readonly source?: ConcernSource;
}

/** What has to happen after the raising transaction commits (see `afterConcernRaised`). */
export interface RaisedConcern {
  readonly concern: SafeguardingConcern;
  /** The link-ups it paused: the one it names, or the live ones of the family it names. */
  readonly pausedLinkUpIds: readonly string[];
  readonly notificationIds: readonly string[];
}

/** Hours to triage a concern, per severity (programme settings `safeguarding.triageSlaHours`). */
export type TriageSlas = Readonly<Record<ConcernSeverity, number>>;

export interface ConcernFilter {
  readonly status?: ConcernStatus;
  readonly severity?: ConcernSeverity;
  readonly linkUpId?: string;
  readonly familyId?: string;
  /** Only open concerns past their triage deadline. */
  readonly triageOverdue?: boolean;
  readonly limit: number;
  readonly offset: number;
}

export interface ConcernPage {
  readonly items: SafeguardingConcern[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

export interface ConcernWithHistory {
  readonly concern: SafeguardingConcern;
  readonly entries: SafeguardingConcernEntry[];
}

/**
 * Safeguarding concerns (DESIGN §3, §4.4), their use cases: raised by staff (a family's worry by its
 * coach), read and listed in the caller's scope (every read audited), and counted for the link-up's
 * stage guards. Triage is `ConcernTriageService`'s, the triage deadline `TriageDeadlinesService`'s,
 * the worklist's rows and the names beside a concern `ConcernListsService`'s. The history is
 * append-only entries; concerns are never shown to families. Reads and writes join the transaction
 * open in this async context (TransactionContext).
 */
@Injectable()
export class SafeguardingService {
  private readonly logger = new Logger('SafeguardingService');

  constructor(
    private readonly concerns: SafeguardingRepository,
    private readonly scope: ConcernScope,
    private readonly effects: ConcernLinkUpEffects,
    private readonly linkUps: LinkUpsService,
    private readonly families: FamiliesService,
    private readonly bus: LinkUpChangesBus,
    private readonly settings: ProgrammeSettingsService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly producer: JobProducer,
    private readonly clock: Clock,
    private readonly transactions: TransactionContext,
  ) {}

  /**
   * Concerns about the link-up not yet closed (they block its completion, DESIGN §4.3). A concern
   * counts when it names the link-up or one of its two families.
   */
  countOpenConcernsForLinkUp(linkUp: ConcernSubjectsOf): Promise<number> {
    return this.openConcernsAbout(linkUp).getCount();
  }

  /**
   * Urgent (`immediate_danger` or `high`) concerns about the link-up (or one of its families) not yet
   * closed: they paused it automatically, and it cannot be resumed while one is open (DESIGN §4.3, §4.4).
   */
  countOpenUrgentConcernsForLinkUp(linkUp: ConcernSubjectsOf): Promise<number> {
    return this.openConcernsAbout(linkUp)
      .andWhere('c.severity IN (:...urgent)', { urgent: [...URGENT_SEVERITIES] })
      .getCount();
  }

  /** Concerns not yet closed that name each link-up itself (not its families), by link-up id. */
  async openConcernCountsByLinkUp(linkUpIds: readonly string[]): Promise<ReadonlyMap<string, number>> {
    if (linkUpIds.length === 0) return new Map();
    const rows = await this.concerns.notClosedCountsByLinkUp(linkUpIds);
    return new Map(rows.map((r) => [r.linkUpId, r.n]));
  }

  /**
   * countOpenConcernsForLinkUp and countOpenUrgentConcernsForLinkUp of each link-up, in one read
   * (the stage guards of a whole worklist).
   */
  async openConcernCountsFor(
    linkUps: readonly ConcernSubjectsOf[],
  ): Promise<{ open: number; urgent: number }[]> {
    if (linkUps.length === 0) return [];
    const rows = await this.concerns.countsAbout(linkUps, NOT_CLOSED, URGENT_SEVERITIES);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return linkUps.map((linkUp) => ({
      open: byId.get(linkUp.id)?.open ?? 0,
      urgent: byId.get(linkUp.id)?.urgent ?? 0,
    }));
  }

  /**
   * Raises a concern in a run (joining its caller's), then, once the outermost run has committed,
   * notifies, pauses and schedules its deadline.
   */
  async raiseConcern(caller: Caller, input: RaiseConcernInput): Promise<SafeguardingConcern> {
    const slas = await this.triageSlas();
    return this.transactions.run(async () => {
      const raised = await this.recordConcern(caller, input, slas);
      await this.transactions.afterCommit(() => this.afterConcernRaised(raised));
      return raised.concern;
    });
  }

  /**
   * Writes a concern in the transaction open in this async context (e.g. completing a check-in; a
   * run of its own outside one): checks the scope, sets the triage deadline from the severity's SLA,
   * appends its `raised` entry, and for an urgent severity notifies the supervisors and pauses the
   * link-up. Call `afterConcernRaised` after commit.
   */
  recordConcern(
    caller: Caller,
    input: RaiseConcernInput,
    triageSlaHours: TriageSlas,
  ): Promise<RaisedConcern> {
    return this.transactions.run(() => this.writeConcern(caller, input, triageSlaHours));
  }

  private async writeConcern(
    caller: Caller,
    input: RaiseConcernInput,
    triageSlaHours: TriageSlas,
  ): Promise<RaisedConcern> {
    const { actor } = caller;
    assertStaff(actor);
    const linkUpId = input.linkUpId ?? null;
    const familyId = input.familyId ?? null;
    if (linkUpId === null && familyId === null) throw SafeguardingErrors.subjectRequired();
    let siteId: string;
    let coachId: string | null;
    if (linkUpId !== null) {
      const linkUp = await this.linkUps.getLinkUpInScope(actor, linkUpId);
      if (familyId !== null && familyId !== linkUp.seekingFamilyId && familyId !== linkUp.sharingFamilyId) {
        throw SafeguardingErrors.familyNotInLinkUp();
      }
      siteId = linkUp.siteId;
      coachId = linkUp.coachId;
    } else {
      const family = await this.families.getFamilyInScope(actor, familyId as string);
      siteId = family.siteId;
      coachId = family.primaryCoachId;
    }
    const now = this.clock.now();
    const concern = await this.concerns.insert({
      siteId,
      linkUpId,
      familyId,
      checkInId: input.checkInId ?? null,
      severity: input.severity,
      status: 'open',
      description: input.description.trim(),
      triageDueAt: new Date(now.getTime() + triageSlaHours[input.severity] * HOUR_MS),
      raisedBy: actor.id,
      source: input.source ?? 'staff',
      triagedAt: null,
      escalatedAt: null,
    });
    await this.concerns.appendEntryFor(concern, {
      kind: 'raised',
      decision: null,
      linkUpEffect: null,
      note: null,
      actorId: actor.id,
    });
    let pausedLinkUpIds: string[] = [];
    let notificationIds: string[] = [];
    const urgent = URGENT_SEVERITIES.includes(input.severity);
    if (urgent) {
      pausedLinkUpIds = await this.effects.pauseForUrgentConcern(concern, actor.id, now);
      notificationIds = await this.effects.notifyUrgent(concern, coachId);
    }
    await this.audit.record({
      actor,
      requestId: caller.requestId,
      action: 'safeguarding_concern.raised',
      entityType: 'safeguarding_concern',
      entityId: concern.id,
      details: {
        severity: concern.severity,
        source: concern.source,
        linkUpId,
        familyId,
        checkInId: concern.checkInId,
        linkUpPaused: pausedLinkUpIds.length > 0,
        pausedLinkUpIds,
      },
    });
    return { concern, pausedLinkUpIds, notificationIds };
  }

  /**
   * The triage SLA per severity, from the programme settings. Read before opening a transaction:
   * outside one, the settings service serves it from its cache.
   */
  async triageSlas(): Promise<TriageSlas> {
    return (await this.settings.currentSettings()).safeguarding.triageSlaHours;
  }

  /**
   * After the raising commit: the pauses on the bus, the emails, the triage deadline's job. Best
   * effort (the concern is committed; a failure here must not make a client raise it again): errors
   * are logged with ids only and the reconciler re-derives the jobs.
   */
  async afterConcernRaised(raised: RaisedConcern): Promise<void> {
    const concernId = raised.concern.id;
    await afterCommitQueueWork(
      this.logger,
      { concernId },
      async () => {
        for (const linkUpId of raised.pausedLinkUpIds) {
          await this.bus.publish({ linkUpId, kind: 'paused', at: this.clock.now() });
        }
        await this.notifications.dispatchEmails(raised.notificationIds);
        await this.producer.enqueue(
          'safeguarding.triage-overdue',
          { concernId },
          { runAt: raised.concern.triageDueAt },
        );
      },
      this.producer.waitBudgetMs(),
    );
  }

  /** Concerns in the caller's scope, most urgent and oldest first. The read is audited. */
  async listConcerns(caller: Caller, filter: ConcernFilter): Promise<ConcernPage> {
    const { actor } = caller;
    assertStaff(actor);
    const query = await this.scope.query(actor);
    if (filter.status !== undefined) query.andWhere('c.status = :status', { status: filter.status });
    if (filter.severity !== undefined)
      query.andWhere('c.severity = :severity', { severity: filter.severity });
    if (filter.linkUpId !== undefined)
      query.andWhere('c.link_up_id = :linkUpId', { linkUpId: filter.linkUpId });
    if (filter.familyId !== undefined)
      query.andWhere('c.family_id = :familyId', { familyId: filter.familyId });
    if (filter.triageOverdue === true)
      query.andWhere("c.status = 'open' AND c.triage_due_at <= :now", { now: this.clock.now() });
    const [items, total] = await query
      .orderBy(
        `CASE c.severity WHEN 'immediate_danger' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END`,
      )
      .addOrderBy('c.raised_at', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .limit(filter.limit)
      .offset(filter.offset)
      .getManyAndCount();
    await this.audit.record({
      actor,
      requestId: caller.requestId,
      action: 'safeguarding_concern.listed',
      entityType: 'safeguarding_concern',
      entityId: null,
      details: { ids: items.map((item) => item.id), total },
    });
    return { items, total, limit: filter.limit, offset: filter.offset };
  }

  /** One concern with its history; out of scope is a 404. The read is audited. */
  async getConcern(caller: Caller, id: string): Promise<ConcernWithHistory> {
    const { actor } = caller;
    assertStaff(actor);
    const concern = await (await this.scope.query(actor)).andWhere('c.id = :id', { id }).getOne();
    if (concern === null) throw CommonErrors.notFound('Safeguarding concern');
    const entries = await this.concerns.entriesOf(id);
    await this.audit.record({
      actor,
      requestId: caller.requestId,
      action: 'safeguarding_concern.read',
      entityType: 'safeguarding_concern',
      entityId: id,
    });
    return { concern, entries };
  }

  /** Concerns not yet closed that name the link-up or one of its two families. */
  private openConcernsAbout(linkUp: ConcernSubjectsOf) {
    return this.concerns.about(linkUp, NOT_CLOSED);
  }
}
