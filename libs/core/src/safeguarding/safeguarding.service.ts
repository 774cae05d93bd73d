import { planTransition, type StageGuardSettings } from '@app/domain';
import { afterCommitQueueWork, JobProducer } from '@app/queue';
import { Injectable, Logger } from '@nestjs/common';
import type { Actor, Caller } from '../access';
import { AccessErrors } from '../access';
import { AuditService } from '../audit';
import { CommonErrors, isConnectionFailure } from '../errors';
import { FamiliesService, FamilyLifecycleService, FamilyWriteStamp } from '../families';
import { LinkUpChangesBus, LinkUp, LinkUpErrors, LinkUpsService, resumeGuardFacts } from '../link-ups';
import { NotificationsService } from '../notifications';
import { ProgrammeSettingsService } from '../settings';
import { TransactionContext } from '../transaction';
import { UsersService } from '../users';
import type {
  LinkUpEffect,
  SafeguardingConcernEntry,
  TriageDecision,
} from './safeguarding-concern-entry.entity';
import type {
  ConcernSeverity,
  ConcernSource,
  ConcernStatus,
  SafeguardingConcern,
} from './safeguarding-concern.entity';
import { SafeguardingErrors } from './safeguarding.errors';
import { SafeguardingRepository } from './safeguarding.repository';
import { Clock } from '../clock';

const HOUR_MS = 60 * 60 * 1000;
/** Severities that notify the supervisor at once and pause the link-up (DESIGN §4.4). */
export const URGENT_SEVERITIES: readonly ConcernSeverity[] = ['immediate_danger', 'high'];

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
/** A concern not yet closed, with names for display (the worklist's row). */
export interface OpenConcernRow {
  readonly id: string;
  readonly severity: string;
  readonly status: string;
  readonly raisedAt: Date;
  readonly triageDueAt: Date;
  readonly escalated: boolean;
  readonly linkUpId: string | null;
  readonly familyId: string | null;
  readonly linkUpStatus: string | null;
  readonly familyNames: readonly string[];
  readonly coachId: string | null;
  readonly coachName: string | null;
}

export type TriageSlas = Readonly<Record<ConcernSeverity, number>>;

export interface TriageInput {
  readonly decision: TriageDecision;
  readonly linkUpEffect: LinkUpEffect;
  /** Close the concern with this entry (otherwise it stays `triaged`, open to amendments). */
  readonly close?: boolean;
  /** A changed severity (an amendment). */
  readonly severity?: ConcernSeverity;
  /** Staff-only; never logged. */
  readonly note?: string | null;
  readonly version: number;
}

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

export type EscalationOutcome = 'escalated' | 'not_open' | 'already_escalated' | 'not_yet';

/** What a concern count needs of a link-up: a concern counts when it names it or one of its families. */
export type ConcernSubjectsOf = Pick<LinkUp, 'id' | 'seekingFamilyId' | 'sharingFamilyId'>;

const NOT_CLOSED: readonly ConcernStatus[] = ['open', 'triaged'];

/**
 * Safeguarding concerns (DESIGN §3, §4.4): raised by staff (a family's worry by its coach), triaged
 * with a decision and an effect on the link-up, escalated to admins when the triage deadline passes.
 * The history is append-only entries; concerns are never shown to families, and every read is
 * audited. Reads and writes join the transaction open in this async context (TransactionContext);
 * callers that still thread a `manager` hand it over with `TransactionContext.within`.
 */
@Injectable()
export class SafeguardingService {
  private readonly logger = new Logger('SafeguardingService');

  constructor(
    private readonly concerns: SafeguardingRepository,
    private readonly linkUps: LinkUpsService,
    private readonly families: FamiliesService,
    private readonly lifecycle: FamilyLifecycleService,
    private readonly familyWrites: FamilyWriteStamp,
    private readonly users: UsersService,
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
    await this.appendEntry(concern, {
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
      pausedLinkUpIds = await this.pauseForUrgentConcern(concern, actor.id, now);
      notificationIds = await this.notifyUrgent(concern, coachId);
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
    const query = await this.scopedQuery(actor);
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
    const concern = await (await this.scopedQuery(actor)).andWhere('c.id = :id', { id }).getOne();
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

  /**
   * Triages an open concern, or amends a triaged one (each is a new entry): a decision, an effect on
   * the link-up (pause, resume, end early for a safety concern, or none), an optional new severity,
   * and optionally closing it. A stale `version` is a 409. A run that joins its caller's; the bus,
   * the emails and the deadline's withdrawal follow the outermost commit.
   */
  async triageConcern(caller: Caller, id: string, input: TriageInput): Promise<ConcernWithHistory> {
    const { actor } = caller;
    assertStaff(actor);
    const { stageGuards } = await this.settings.currentSettings();
    await this.transactions.run(async () => {
      const concern = await (
        await this.scopedQuery(actor)
      )
        .setLock('pessimistic_write', undefined, ['c'])
        .andWhere('c.id = :id', { id })
        .getOne();
      if (concern === null) throw CommonErrors.notFound('Safeguarding concern');
      if (concern.version !== input.version) {
        throw CommonErrors.versionConflict('The safeguarding concern', input.version, concern.version);
      }
      if (concern.status === 'closed') throw SafeguardingErrors.closed();
      const status: ConcernStatus = input.close === true ? 'closed' : 'triaged';
      const kind = concern.status === 'open' ? 'triaged' : 'amended';
      const now = this.clock.now();
      const severity = input.severity ?? concern.severity;
      await this.concerns.updateAtVersion(id, concern.version, {
        status,
        severity,
        triagedAt: concern.triagedAt ?? now,
        version: concern.version + 1,
      });
      const updated = { ...concern, status, severity };
      // After the concern's own change, so a resume's guard counts it as it now is (closed, or
      // downgraded); a refused effect rolls the whole triage back.
      const linkUpChange = await this.applyLinkUpEffect(caller, updated, input.linkUpEffect, stageGuards);
      const changes: { linkUpId: string; kind: 'paused' | 'resumed' | 'ended_early' }[] =
        linkUpChange === null ? [] : [linkUpChange];
      // Raised to an urgent severity and not closed: the urgent path runs as if it had been raised
      // so (the supervisors are told, what it is about is paused; a resume was refused above).
      let urgentNoticeIds: string[] = [];
      const becameUrgent =
        status !== 'closed' &&
        URGENT_SEVERITIES.includes(severity) &&
        !URGENT_SEVERITIES.includes(concern.severity);
      if (becameUrgent) {
        if (input.linkUpEffect !== 'end') {
          for (const linkUpId of await this.pauseForUrgentConcern(updated, actor.id, now)) {
            if (!changes.some((change) => change.linkUpId === linkUpId))
              changes.push({ linkUpId, kind: 'paused' });
          }
        }
        urgentNoticeIds = await this.notifyUrgent(updated, await this.coachOf(concern));
      }
      await this.appendEntry(updated, {
        kind,
        decision: input.decision,
        linkUpEffect: input.linkUpEffect,
        note: input.note?.trim() || null,
        actorId: actor.id,
      });
      await this.audit.record({
        actor,
        requestId: caller.requestId,
        action: kind === 'triaged' ? 'safeguarding_concern.triaged' : 'safeguarding_concern.amended',
        entityType: 'safeguarding_concern',
        entityId: id,
        details: {
          decision: input.decision,
          linkUpEffect: input.linkUpEffect,
          status,
          severity: updated.severity,
          hasNote: (input.note ?? '').trim() !== '',
          linkUpChanges: changes.map((change) => `${change.kind}:${change.linkUpId}`),
        },
      });
      await this.transactions.afterCommit(async () => {
        if (changes.some((change) => change.kind === 'ended_early')) this.familyWrites.noteFamiliesChanged();
        await afterCommitQueueWork(
          this.logger,
          { concernId: id },
          async () => {
            for (const change of changes) await this.bus.publish({ ...change, at: this.clock.now() });
            await this.notifications.dispatchEmails(urgentNoticeIds);
            await this.producer.withdraw('safeguarding.triage-overdue', { concernId: id });
          },
          this.producer.waitBudgetMs(),
        );
      });
    });
    return this.getConcern(caller, id);
  }

  /**
   * The `safeguarding.triage-overdue` job: when the concern is still open past its deadline, tells
   * every admin once and records the escalation. Anything else is skipped.
   */
  async escalateOverdueTriage(concernId: string, now = this.clock.now()): Promise<EscalationOutcome> {
    const outcome = await this.transactions.run(async () => {
      const concern = await this.concerns.lockForUpdate(concernId);
      if (concern === null) throw CommonErrors.notFound('Safeguarding concern');
      if (concern.status !== 'open') return { result: 'not_open' as const, ids: [] };
      if (concern.escalatedAt !== null) return { result: 'already_escalated' as const, ids: [] };
      if (concern.triageDueAt.getTime() > now.getTime() + 1_000)
        return { result: 'not_yet' as const, ids: [] };
      await this.concerns.markEscalated(concernId, now);
      await this.appendEntry(concern, {
        kind: 'escalated',
        decision: null,
        linkUpEffect: null,
        note: null,
        actorId: null,
      });
      const ids = await this.notifications.notify({
        kind: 'concern_triage_overdue',
        subjectType: 'safeguarding_concern',
        subjectId: concernId,
        linkUpId: concern.linkUpId,
        facts: { severity: concern.severity, triageDueAt: concern.triageDueAt.toISOString() },
        recipientIds: await this.notifications.adminIds(),
      });
      await this.audit.record({
        actor: null,
        requestId: null,
        action: 'safeguarding_concern.escalated',
        entityType: 'safeguarding_concern',
        entityId: concernId,
        details: { severity: concern.severity, admins: ids.length },
      });
      // The notices are committed before their emails are queued (commit, then enqueue).
      await this.transactions.afterCommit(() => this.notifications.dispatchEmails(ids));
      return { result: 'escalated' as const, ids };
    });
    if (outcome.result === 'escalated') this.logger.log({ concernId }, 'Untriaged concern escalated');
    return outcome.result;
  }

  /**
   * For the reconciler: escalates every open concern past its deadline, and re-creates the deadline
   * job of every other open one that lost it. One failing concern does not stop the others (logged
   * with its id). Returns how many of each, and how many failed.
   */
  async reconcileTriageDeadlines(
    now = this.clock.now(),
  ): Promise<{ escalated: number; requeued: number; errors: number }> {
    const open = await this.concerns.openNotEscalated();
    let escalated = 0;
    let requeued = 0;
    let errors = 0;
    for (const concern of open) {
      try {
        if (concern.triageDueAt.getTime() <= now.getTime()) {
          if ((await this.escalateOverdueTriage(concern.id, now)) === 'escalated') escalated += 1;
          continue;
        }
        const job = await this.producer.findJob('safeguarding.triage-overdue', { concernId: concern.id });
        if (job !== undefined && job.finishedOn === undefined) continue;
        if (job !== undefined)
          await this.producer.withdraw('safeguarding.triage-overdue', { concernId: concern.id });
        await this.producer.enqueue(
          'safeguarding.triage-overdue',
          { concernId: concern.id },
          { runAt: concern.triageDueAt },
        );
        requeued += 1;
      } catch (error) {
        // The database or the queue is gone: the rest would fail the same way (the caller says so once).
        if (isConnectionFailure(error)) throw error;
        errors += 1;
        this.logger.warn(
          { concernId: concern.id, err: error instanceof Error ? error.name : typeof error },
          'Reconciler: a triage deadline could not be handled',
        );
      }
    }
    return { escalated, requeued, errors };
  }

  /** Open concerns whose deadline passed before `now` (for tests and reports). */
  countUntriagedPastDeadline(now = this.clock.now()): Promise<number> {
    return this.concerns.countOpenDueBy(now);
  }

  /**
   * Concerns not yet closed in the actor's scope, soonest triage deadline first, with the names of
   * the families concerned and the coach responsible (the worklist's list).
   */
  async openConcernsInScope(actor: Actor, limit: number): Promise<OpenConcernRow[]> {
    assertStaff(actor);
    const concerns = await (
      await this.scopedQuery(actor)
    )
      .andWhere("c.status <> 'closed'")
      .orderBy('c.triage_due_at', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .limit(limit)
      .getMany();
    // What the concerns name, from their owners: link-ups, then families, then the coaches' names.
    const linkUps = new Map(
      (
        await this.linkUps.findLinkUpsByIds(
          concerns.flatMap((c) => (c.linkUpId === null ? [] : [c.linkUpId])),
        )
      ).map((l) => [l.id, l]),
    );
    const linkUpOf = (c: SafeguardingConcern) => (c.linkUpId === null ? undefined : linkUps.get(c.linkUpId));
    const families = new Map(
      (
        await this.families.findFamiliesByIds([
          ...new Set(
            concerns.flatMap((c) =>
              [c.familyId, linkUpOf(c)?.seekingFamilyId, linkUpOf(c)?.sharingFamilyId].filter(
                (id): id is string => id !== null && id !== undefined,
              ),
            ),
          ),
        ])
      ).map((f) => [f.id, f]),
    );
    const familyOf = (id: string | null | undefined) =>
      id === null || id === undefined ? undefined : families.get(id);
    const coachIdOf = (c: SafeguardingConcern): string | null =>
      linkUpOf(c)?.coachId ?? familyOf(c.familyId)?.primaryCoachId ?? null;
    const coachNames = await this.users.displayNamesOf(
      concerns.map(coachIdOf).filter((id): id is string => id !== null),
    );
    return concerns.map((c) => {
      const linkUp = linkUpOf(c);
      const coachId = coachIdOf(c);
      const coachName = coachId === null ? undefined : coachNames.get(coachId);
      return {
        id: c.id,
        severity: c.severity,
        status: c.status,
        raisedAt: c.raisedAt,
        triageDueAt: c.triageDueAt,
        escalated: c.escalatedAt !== null,
        linkUpId: c.linkUpId,
        familyId: c.familyId,
        linkUpStatus: linkUp?.status ?? null,
        familyNames: [
          familyOf(c.familyId)?.displayName,
          familyOf(linkUp?.seekingFamilyId)?.displayName,
          familyOf(linkUp?.sharingFamilyId)?.displayName,
        ].filter((n, i, all): n is string => n !== undefined && all.indexOf(n) === i),
        // A coach without a user row is named by no one (as the join left it).
        coachId: coachName === undefined ? null : coachId,
        coachName: coachName ?? null,
      };
    });
  }

  /**
   * Display names of the families each concern is about (a link-up's two, or the one family), and
   * of the people who wrote its entries: what staff see beside a concern. Ids not found are left out.
   */
  async namesFor(
    concernIds: readonly string[],
    actorIds: readonly string[] = [],
  ): Promise<{ families: ReadonlyMap<string, string[]>; actors: ReadonlyMap<string, string> }> {
    const families = new Map<string, string[]>();
    const actors = new Map<string, string>();
    if (concernIds.length > 0) {
      // The concerns' own rows, then what link-ups, families and users hold: one read each.
      const concerns = await this.concerns.subjectsOf(concernIds);
      const linkUps = new Map(
        (
          await this.linkUps.findLinkUpsByIds(
            concerns.flatMap((c) => (c.linkUpId === null ? [] : [c.linkUpId])),
          )
        ).map((l) => [l.id, l]),
      );
      const familyIds = concerns.flatMap((c) => {
        const linkUp = c.linkUpId === null ? undefined : linkUps.get(c.linkUpId);
        return [c.familyId, linkUp?.seekingFamilyId, linkUp?.sharingFamilyId].filter(
          (id): id is string => id !== null && id !== undefined,
        );
      });
      const names = new Map(
        (await this.families.findFamiliesByIds([...new Set(familyIds)])).map((f) => [f.id, f.displayName]),
      );
      const nameOf = (id: string | null | undefined): string | null =>
        id === null || id === undefined ? null : (names.get(id) ?? null);
      for (const concern of concerns) {
        const linkUp = concern.linkUpId === null ? undefined : linkUps.get(concern.linkUpId);
        families.set(
          concern.id,
          [nameOf(concern.familyId), nameOf(linkUp?.seekingFamilyId), nameOf(linkUp?.sharingFamilyId)].filter(
            (n, i, all): n is string => n !== null && all.indexOf(n) === i,
          ),
        );
      }
    }
    for (const [id, name] of await this.users.displayNamesOf(actorIds)) actors.set(id, name);
    return { families, actors };
  }

  /**
   * A query over concerns narrowed to the actor's scope (DESIGN §2): a coach its caseload only — the
   * link-ups it coaches and the families it is primary coach of. Having raised a concern gives no
   * access: a coach moved off a link-up no longer reads, triages or closes the concerns it raised there.
   */
  private async scopedQuery(actor: Actor) {
    const query = this.concerns.query();
    switch (actor.role) {
      case 'admin':
        return query;
      case 'supervisor':
        return query.andWhere('c.site_id = :scopeSiteId', { scopeSiteId: actor.siteId });
      case 'coach': {
        // Its caseload, asked of link-ups and families (one read each), in the caller's transaction.
        const [linkUpIds, familyIds] = await Promise.all([
          this.linkUps.linkUpIdsCoachedBy(actor.id),
          this.families.familyIdsWithPrimaryCoach(actor.id),
        ]);
        return query
          .andWhere('c.site_id = :scopeSiteId', { scopeSiteId: actor.siteId })
          .andWhere(
            '(c.link_up_id = ANY(:scopeLinkUpIds::uuid[]) OR c.family_id = ANY(:scopeFamilyIds::uuid[]))',
            { scopeLinkUpIds: linkUpIds, scopeFamilyIds: familyIds },
          );
      }
      case 'family':
      case 'evaluator':
        return query.andWhere('1 = 0');
    }
  }

  private async applyLinkUpEffect(
    caller: Caller,
    concern: SafeguardingConcern,
    effect: LinkUpEffect,
    stageGuards: StageGuardSettings,
  ): Promise<{ linkUpId: string; kind: 'paused' | 'resumed' | 'ended_early' } | null> {
    const { actor } = caller;
    if (effect === 'none') return null;
    const linkUpId = concern.linkUpId;
    if (linkUpId === null) throw SafeguardingErrors.noLinkUp();
    const current = await this.linkUps.getLinkUpInScope(actor, linkUpId);
    const now = this.clock.now();
    switch (effect) {
      case 'pause': {
        const paused = await this.linkUps.pauseForSafeguarding({
          linkUpId: current.id,
          actorId: actor.id,
          concernId: concern.id,
          at: now,
        });
        // Already paused (say, when the concern was raised): nothing more to do.
        if (!paused && current.status !== 'paused') {
          throw SafeguardingErrors.effectNotApplicable(effect, current.status);
        }
        return paused ? { linkUpId: current.id, kind: 'paused' } : null;
      }
      case 'resume': {
        if (current.status !== 'paused') throw SafeguardingErrors.effectNotApplicable(effect, current.status);
        const locked = await this.linkUps.lockLinkUpForChange(actor, current.id, current.version);
        // The stage machine's own resume check, on the guard facts as they stand in this transaction
        // (this concern's change included): an open urgent concern keeps the link-up paused.
        const openUrgent = await this.openConcernsAbout(locked)
          .andWhere('c.severity IN (:...urgent)', { urgent: [...URGENT_SEVERITIES] })
          .orderBy('c.raisedAt', 'ASC')
          .addOrderBy('c.id', 'ASC')
          .getMany();
        const facts = resumeGuardFacts(openUrgent.length);
        const plan = planTransition(
          locked,
          { kind: 'resume', reason: `safeguarding_concern:${concern.id}`, at: now },
          facts,
          stageGuards,
        );
        if (!plan.ok) {
          if (plan.unmetGuards.includes('NO_OPEN_URGENT_SAFEGUARDING_CONCERN') && openUrgent.length > 0) {
            throw SafeguardingErrors.resumeBlockedByOpenUrgentConcerns(
              concern.id,
              openUrgent.map((open) => open.id),
              plan.unmetGuards,
            );
          }
          throw LinkUpErrors.transitionRefused(
            plan.code,
            plan.message,
            plan.unmetGuards,
            plan.unmetGuardDetails,
          );
        }
        await this.linkUps.recordChange(
          locked,
          { status: plan.next.status, pausedSince: null },
          {
            kind: 'resumed',
            fromStage: plan.record.fromStage,
            toStage: plan.record.toStage,
            fromStatus: plan.record.fromStatus,
            toStatus: plan.record.toStatus,
            fromCoachId: null,
            toCoachId: null,
            reason: `safeguarding_concern:${concern.id}`,
            at: now,
            actorId: actor.id,
          },
        );
        return { linkUpId: current.id, kind: 'resumed' };
      }
      case 'end': {
        if (current.status !== 'active' && current.status !== 'paused') {
          throw SafeguardingErrors.effectNotApplicable(effect, current.status);
        }
        const locked = await this.linkUps.lockLinkUpForChange(actor, current.id, current.version);
        await this.linkUps.recordChange(
          locked,
          { status: 'ended_early', pausedSince: null, endedAt: now, closureReason: 'safety_concern' },
          {
            kind: 'ended_early',
            fromStage: locked.stage,
            toStage: locked.stage,
            fromStatus: locked.status,
            toStatus: 'ended_early',
            fromCoachId: null,
            toCoachId: null,
            reason: `safeguarding_concern:${concern.id}`,
            at: now,
            actorId: actor.id,
          },
        );
        await this.lifecycle.afterLinkUpClosed(caller, {
          linkUpId: locked.id,
          seekingFamilyId: locked.seekingFamilyId,
          sharingFamilyId: locked.sharingFamilyId,
          closing: 'ended_early',
          reason: 'safety_concern',
          at: now,
        });
        return { linkUpId: current.id, kind: 'ended_early' };
      }
    }
  }

  /**
   * Pauses what an urgent concern is about, in the caller's transaction: the link-up it names, or,
   * for a concern about a family alone, every live link-up of that family. Returns the ids paused.
   */
  private async pauseForUrgentConcern(
    concern: Pick<SafeguardingConcern, 'id' | 'linkUpId' | 'familyId'>,
    actorId: string,
    at: Date,
  ): Promise<string[]> {
    const { familyId } = concern;
    const targets =
      concern.linkUpId !== null
        ? [concern.linkUpId]
        : familyId !== null
          ? await this.linkUps.liveLinkUpIdsOfFamily(familyId)
          : [];
    const paused: string[] = [];
    for (const linkUpId of targets) {
      if (await this.linkUps.pauseForSafeguarding({ linkUpId, actorId, concernId: concern.id, at })) {
        paused.push(linkUpId);
      }
    }
    return paused;
  }

  /** The supervisors' "urgent concern" notice, in the caller's transaction. */
  private async notifyUrgent(
    concern: Pick<SafeguardingConcern, 'id' | 'linkUpId' | 'siteId' | 'severity' | 'triageDueAt'>,
    coachId: string | null,
  ): Promise<string[]> {
    return this.notifications.notify({
      kind: 'concern_urgent',
      subjectType: 'safeguarding_concern',
      subjectId: concern.id,
      linkUpId: concern.linkUpId,
      facts: { severity: concern.severity, triageDueAt: concern.triageDueAt.toISOString() },
      recipientIds: await this.notifications.supervisorIdsFor(concern.siteId, coachId),
    });
  }

  /** The coach of what the concern is about: the link-up's, or the family's primary coach. */
  private async coachOf(concern: Pick<SafeguardingConcern, 'linkUpId' | 'familyId'>): Promise<string | null> {
    const { linkUpId } = concern;
    if (linkUpId !== null) {
      const [linkUp] = await this.linkUps.findLinkUpsByIds([linkUpId]);
      return linkUp?.coachId ?? null;
    }
    const { familyId } = concern;
    if (familyId !== null) {
      const [family] = await this.families.findFamiliesByIds([familyId]);
      return family?.primaryCoachId ?? null;
    }
    return null;
  }

  /** Concerns not yet closed that name the link-up or one of its two families. */
  private openConcernsAbout(linkUp: ConcernSubjectsOf) {
    return this.concerns.about(linkUp, NOT_CLOSED);
  }

  private async appendEntry(
    concern: Pick<SafeguardingConcern, 'id' | 'severity' | 'status'>,
    entry: Pick<SafeguardingConcernEntry, 'kind' | 'decision' | 'linkUpEffect' | 'note' | 'actorId'>,
  ): Promise<void> {
    await this.concerns.appendEntry({
      concernId: concern.id,
      severity: concern.severity,
      status: concern.status,
      ...entry,
    });
  }
}

/** Concerns are staff business: a family or evaluator never reaches one (defence behind `@Allow`). */
function assertStaff(actor: Actor): void {
  if (actor.role === 'family' || actor.role === 'evaluator') throw AccessErrors.forbidden();
}
