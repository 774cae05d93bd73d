import {
  allowedStatusMoves,
  evaluateSharingApprovalGuards,
  needsHoldForChecks,
  planAfterLinkUp,
  planFamilyStatusChange,
  waitingSinceAfter,
  type AdultCheck,
  type ApprovalGuardResult,
  type ProgrammeSettings,
  type SharingApprovalFacts,
} from '@app/domain';
import { Inject, Injectable } from '@nestjs/common';
import type { Actor, Caller } from '../access';
import { isSiteInScope, whereInCaseload } from '../access';
import { AuditService } from '../audit';
import { CommonErrors } from '../errors';
import { ProgrammeSettingsService } from '../settings';
import { UsersService } from '../users';
import { ConsentsRepository } from './consents.repository';
import { FamiliesRepository } from './families.repository';
import { FAMILY_LINK_UPS, type FamilyLinkUps } from './family-link-ups.port';
import { FAMILY_MATCHING, type FamilyMatching } from './family-matching.port';
import { familyProfileProblems, personProblems, type FamilyProfileInput } from './family-input.rules';
import type { MatchCandidateRow, MatchCandidateRowOfFamilies } from './family-match-profile';
import type { FamilyStatusCause, FamilyStatusEvent } from './family-status-event.entity';
import type { Family } from './family.entity';
import type { FieldProblem } from '../errors';
import { FamilyErrors } from './family.errors';
import {
  SEEKING_FAMILY_STATUSES,
  SHARING_FAMILY_STATUSES,
  type FamilyKind,
  type FamilyStatus,
  type PersonRole,
} from './family.types';
import type { Person } from './person.entity';
import { calendarDateIn, Clock } from '../clock';
import { SitesService } from '../sites';
import { TransactionContext } from '../transaction';

export interface RegisterFamilyInput extends FamilyProfileInput {
  readonly kind: FamilyKind;
  readonly displayName: string;
  readonly siteId: string;
  /** Defaults to the calling coach. */
  readonly primaryCoachId?: string | null;
  readonly suburb?: string | null;
  readonly postcode?: string | null;
  readonly latitude?: number | null;
  readonly longitude?: number | null;
  readonly interpreterNeeded?: boolean;
  readonly interpreterArranged?: boolean;
  readonly waitingSince?: Date | null;
}

/** A change to a family's record: only the fields given change. */
export interface FamilyChanges extends FamilyProfileInput {
  readonly displayName?: string;
  readonly primaryCoachId?: string | null;
  readonly suburb?: string | null;
  readonly postcode?: string | null;
  readonly latitude?: number | null;
  readonly longitude?: number | null;
  readonly interpreterNeeded?: boolean;
  readonly interpreterArranged?: boolean;
  /** Sharing families: the date training was completed (an approval guard). */
  readonly trainingCompletedAt?: Date | null;
}

/** How the families list can be ordered (issue 14). */
export const FAMILY_LIST_SORTS = ['name', 'waiting', 'status', 'updated'] as const;
export type FamilyListSort = (typeof FAMILY_LIST_SORTS)[number];

export interface FamilyListFilter {
  readonly kind?: FamilyKind;
  readonly status?: FamilyStatus;
  readonly siteId?: string;
  readonly primaryCoachId?: string;
  /** Part of the display name, a person's preferred name or the suburb, case-insensitive. */
  readonly search?: string;
  /** Only families waiting at least this many whole weeks (Seeking families choosing or waitlisted). */
  readonly waitingMinWeeks?: number;
  /** Default `name`; `waiting` orders by weeks waiting (families not waiting always last). */
  readonly sort?: FamilyListSort;
  readonly order?: 'asc' | 'desc';
  readonly limit: number;
  readonly offset: number;
}

/** A row of the families list: the family, and what tells two of the same name apart. */
export interface FamilyListItem {
  readonly family: Family;
  /** The primary coach's display name (null: no coach). */
  readonly coachName: string | null;
  /** Whole weeks since the family started waiting (null: not waiting). */
  readonly weeksWaiting: number | null;
}

export interface FamilyPage {
  readonly items: FamilyListItem[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

const WEEK_MS = 7 * 86_400_000;

/** A family on a coach's worklist: its row's facts and its primary coach (names come from users). */
export interface FamilyToWatch {
  readonly id: string;
  readonly displayName: string;
  readonly suburb: string | null;
  readonly status: string;
  readonly coachId: string | null;
}

/** The columns of a `FamilyToWatch` row, for the worklist's family lists. */
const FAMILY_TO_WATCH_COLUMNS = [
  'f.id AS id',
  'f.display_name AS "displayName"',
  'f.suburb AS suburb',
  'f.status AS status',
  'f.primary_coach_id AS "coachId"',
];
const FAMILY_CASELOAD_COLUMNS = { siteId: 'f.site_id', coachId: 'f.primary_coach_id', familyIds: ['f.id'] };

/** Lifecycle order, Seeking then Sharing: sorting by status follows a family's path, not the alphabet. */
const STATUS_ORDER: readonly FamilyStatus[] = [...SEEKING_FAMILY_STATUSES, ...SHARING_FAMILY_STATUSES];

export interface NewPersonInput {
  readonly role: PersonRole;
  readonly preferredName: string;
  readonly legalName?: string | null;
  readonly birthYear?: number | null;
  readonly ageBand?: string | null;
  readonly pronouns?: string | null;
  readonly language?: string | null;
  readonly interpreterNeeded?: boolean;
  readonly communicationNeeds?: string | null;
  readonly wwccNumber?: string | null;
  /** ISO date. */
  readonly wwccExpiresOn?: string | null;
}

export type PersonChanges = Partial<Omit<NewPersonInput, 'role'>>;

export interface StatusChangeInput {
  readonly to: string;
  readonly version: number;
  /** The calling coach or supervisor signs the Sharing family off (an approval guard). */
  readonly signOff?: boolean;
}

/** A link-up that has just closed, as its Seeking family's next status needs it. */
export interface ClosedLinkUpFacts {
  readonly linkUpId: string;
  readonly seekingFamilyId: string;
  readonly sharingFamilyId: string;
  readonly closing: 'completed' | 'ended_early';
  /** The closure reason (completed) or end-early reason code. */
  readonly reason: string | null;
  readonly at: Date;
}

/** What a link-up's closing did to its Seeking family and the pair. */
export interface AfterLinkUpOutcome {
  /** The Seeking family's new status, or null when it was not `linked` (left as it was). */
  readonly seekingFamilyStatus: string | null;
  /** Whether the pair was recorded as a match exclusion (`ended_badly`). */
  readonly pairExcluded: boolean;
}

export interface HeldForChecks {
  readonly heldFamilyIds: string[];
  /** Live link-ups of the held families: their coaches need to know. */
  readonly affectedLinkUps: { linkUpId: string; sharingFamilyId: string; coachId: string }[];
}

const copy = <T>(list: readonly T[] | null | undefined): T[] | null =>
  list === undefined || list === null ? null : [...list];

/** ISO date (UTC) of an instant. */
export const isoDay = (at: Date): string => at.toISOString().slice(0, 10);

/** Seeking statuses a family waits for a link-up in: shortlists are offered and answered there. */
export const SEEKING_WAITING_STATUSES: ReadonlySet<string> = new Set(['intake', 'choosing', 'waitlisted']);

/**
 * Families, their people and lifecycle (DESIGN §3, §4.1). What families needs of link-ups (live
 * counts, the coach of a link-up) it asks through its `FamilyLinkUps` port, which the link-ups
 * feature provides: link-ups depend on families, so families cannot depend on them. Reads and writes
 * join the transaction open in this async context (TransactionContext); callers that still thread a
 * `manager` hand it over with `TransactionContext.within`.
 */
@Injectable()
export class FamiliesService {
  private writeStamp = 0;

  constructor(
    private readonly families: FamiliesRepository,
    private readonly consents: ConsentsRepository,
    private readonly audit: AuditService,
    private readonly users: UsersService,
    private readonly settings: ProgrammeSettingsService,
    private readonly sites: SitesService,
    private readonly transactions: TransactionContext,
    private readonly clock: Clock,
    @Inject(FAMILY_LINK_UPS) private readonly linkUps: FamilyLinkUps,
    @Inject(FAMILY_MATCHING) private readonly matching: FamilyMatching,
  ) {}

  /** Onboards a family in its first lifecycle status (Seeking: `referred`; Sharing: `enquiry`). */
  async registerFamily(caller: Caller, input: RegisterFamilyInput): Promise<Family> {
    const { actor } = caller;
    if (!isSiteInScope(actor, input.siteId)) throw FamilyErrors.siteOutOfScope();
    this.assertValid(familyProfileProblems(input.kind, input, await this.settings.currentSettings()));
    if (actor.role === 'coach' && input.primaryCoachId === null) {
      // A coach sees its own caseload only: a family without a coach would be invisible to it.
      this.assertValid([
        {
          field: 'primaryCoachId',
          problems: ['primaryCoachId cannot be empty when a coach registers a family'],
        },
      ]);
    }
    const primaryCoachId =
      input.primaryCoachId !== undefined ? input.primaryCoachId : actor.role === 'coach' ? actor.id : null;
    // Checked before the transaction: the users service reads on a connection of its own.
    if (
      primaryCoachId !== null &&
      (await this.users.findActiveStaffOfSite(primaryCoachId, input.siteId)) === null
    ) {
      throw FamilyErrors.unknownCoach(primaryCoachId);
    }
    return this.writeTransaction(async () => {
      // An admin may name any site: one that does not exist is a 404 (not a foreign-key 500).
      if (!(await this.sites.holdSiteForReference(input.siteId))) throw CommonErrors.notFound('Site');
      const family = await this.families.insert({
        kind: input.kind,
        status: input.kind === 'seeking' ? 'referred' : 'enquiry',
        displayName: input.displayName.trim(),
        siteId: input.siteId,
        primaryCoachId,
        suburb: input.suburb ?? null,
        postcode: input.postcode ?? null,
        latitude: input.latitude ?? null,
        longitude: input.longitude ?? null,
        languages: [...(input.languages ?? [])],
        interpreterNeeded: input.interpreterNeeded ?? false,
        interpreterArranged: input.interpreterArranged ?? false,
        interests: copy(input.interests),
        lifeExperiences: copy(input.lifeExperiences),
        goalThemes: copy(input.goalThemes),
        strengths: copy(input.strengths),
        availabilitySlots: copy(input.availabilitySlots),
        childrenAgeBands: copy(input.childrenAgeBands),
        householdTraits: copy(input.householdTraits),
        maxConcurrentLinkUps: input.maxConcurrentLinkUps ?? 1,
        avoidances: [...(input.avoidances ?? [])],
        trainingCompletedAt: null,
        coachSignOffBy: null,
        coachSignOffAt: null,
        waitingSince: input.waitingSince ?? null,
      });
      await this.audit.record(
        {
          actor,
          requestId: caller.requestId,
          action: 'family.registered',
          entityType: 'family',
          entityId: family.id,
          details: { kind: family.kind },
        },
        this.transactions.manager,
      );
      return family;
    });
  }

  /**
   * A family the actor may see: 404 otherwise (ids cannot be probed). A coach sees the families it
   * is the primary coach of, and both families of every link-up it coaches.
   */
  async getFamilyInScope(actor: Actor, id: string): Promise<Family> {
    const family = await this.families.findById(id);
    if (family === null || !(await this.canSee(actor, family))) throw CommonErrors.notFound('Family');
    return family;
  }

  /** Families in the actor's scope (staff): searched, filtered, sorted and paginated (issue 14). */
  async listFamilies(caller: Caller, filter: FamilyListFilter): Promise<FamilyPage> {
    const { actor } = caller;
    const query = this.families.queryFamilies();
    switch (actor.role) {
      case 'admin':
        break;
      case 'supervisor':
        query.andWhere('f.site_id = :actorSite', { actorSite: actor.siteId });
        break;
      case 'coach': {
        // Its caseload and both families of every link-up it coaches (one read of link-ups' own).
        const coached = await this.linkUps.familiesOfLinkUpsCoachedBy(actor.id);
        query
          .andWhere('f.site_id = :actorSite', { actorSite: actor.siteId })
          .andWhere('(f.primary_coach_id = :actorId OR f.id = ANY(:coached::uuid[]))', {
            actorId: actor.id,
            coached,
          });
        break;
      }
      case 'family':
        query.andWhere('f.id = :actorFamily', { actorFamily: actor.familyId });
        break;
      case 'evaluator':
        query.andWhere('1 = 0');
        break;
    }
    if (filter.kind !== undefined) query.andWhere('f.kind = :kind', { kind: filter.kind });
    if (filter.status !== undefined) query.andWhere('f.status = :status', { status: filter.status });
    if (filter.siteId !== undefined) query.andWhere('f.site_id = :siteId', { siteId: filter.siteId });
    if (filter.primaryCoachId !== undefined)
      query.andWhere('f.primary_coach_id = :coachId', { coachId: filter.primaryCoachId });
    const search = filter.search?.trim() ?? '';
    if (search !== '') {
      // A bound parameter with LIKE's own characters escaped: the text is matched, never interpreted.
      const like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      // One set of ids per indexed column (trigram indexes, migration FamiliesSearch): written as an
      // OR with EXISTS, PostgreSQL scans every family instead.
      query.andWhere(
        `f.id IN (SELECT s.id FROM families s WHERE s.display_name ILIKE :like OR s.suburb ILIKE :like
            UNION SELECT p.family_id FROM people p WHERE p.preferred_name ILIKE :like)`,
        { like },
      );
    }
    const now = this.clock.now();
    if (filter.waitingMinWeeks !== undefined) {
      query.andWhere('f.waiting_since <= :waitingCutoff', {
        waitingCutoff: new Date(now.getTime() - filter.waitingMinWeeks * WEEK_MS),
      });
    }
    const direction = filter.order === 'desc' ? 'DESC' : 'ASC';
    switch (filter.sort ?? 'name') {
      case 'name':
        query.orderBy('f.display_name', direction);
        break;
      case 'waiting':
        // Longest wait = earliest waiting_since; families not waiting come last either way.
        query.orderBy('f.waiting_since', direction === 'ASC' ? 'DESC' : 'ASC', 'NULLS LAST');
        break;
      case 'status':
        query
          .addSelect('array_position(CAST(:statusOrder AS varchar[]), f.status)', 'status_rank')
          .setParameter('statusOrder', STATUS_ORDER)
          .orderBy('status_rank', direction);
        break;
      case 'updated':
        query.orderBy('f.updated_at', direction);
        break;
    }
    if (filter.sort !== undefined && filter.sort !== 'name') query.addOrderBy('f.display_name', 'ASC');
    const [families, total] = await query
      .addOrderBy('f.id', 'ASC')
      .limit(filter.limit)
      .offset(filter.offset)
      .getManyAndCount();
    const coachNames = await this.users.displayNamesOf(
      families.flatMap((f) => (f.primaryCoachId === null ? [] : [f.primaryCoachId])),
    );
    const items = families.map((family) => ({
      family,
      coachName: family.primaryCoachId === null ? null : (coachNames.get(family.primaryCoachId) ?? null),
      weeksWaiting:
        family.waitingSince === null
          ? null
          : Math.max(0, Math.floor((now.getTime() - family.waitingSince.getTime()) / WEEK_MS)),
    }));
    return { items, total, limit: filter.limit, offset: filter.offset };
  }

  /** People of a family the actor may see, adults first. */
  async listPeople(actor: Actor, familyId: string): Promise<Person[]> {
    await this.getFamilyInScope(actor, familyId);
    return this.families.peopleOf(familyId);
  }

  /** Changes a family's record; `version` must be the current one (else 409 VERSION_CONFLICT). */
  async updateFamily(
    caller: Caller,
    id: string,
    version: number,
    changes: FamilyChanges,
    now = this.clock.now(),
  ): Promise<Family> {
    const settings = await this.settings.currentSettings();
    if (
      changes.trainingCompletedAt !== undefined &&
      changes.trainingCompletedAt !== null &&
      changes.trainingCompletedAt.getTime() > now.getTime()
    ) {
      this.assertValid([
        { field: 'trainingCompletedAt', problems: ['trainingCompletedAt cannot be in the future'] },
      ]);
    }
    if (changes.primaryCoachId !== undefined && changes.primaryCoachId !== null) {
      // A family's site never changes, so the new coach is checked before the transaction (the
      // users service reads on a connection of its own).
      const { siteId } = await this.getFamilyInScope(caller.actor, id);
      if ((await this.users.findActiveStaffOfSite(changes.primaryCoachId, siteId)) === null) {
        throw FamilyErrors.unknownCoach(changes.primaryCoachId);
      }
    }
    return this.writeTransaction(async () => {
      const family = await this.lockFamilyInScope(caller.actor, id);
      if (family.version !== version)
        throw CommonErrors.versionConflict('The family', version, family.version);
      this.assertValid(familyProfileProblems(family.kind, changes, settings));
      if (changes.trainingCompletedAt !== undefined && family.kind !== 'sharing') {
        this.assertValid([
          { field: 'trainingCompletedAt', problems: ['trainingCompletedAt is only for Sharing families'] },
        ]);
      }
      if (changes.maxConcurrentLinkUps !== undefined && family.kind === 'sharing') {
        const live = await this.countLiveLinkUps(family.id);
        if (changes.maxConcurrentLinkUps < live)
          throw FamilyErrors.capacityBelowLiveLinkUps(family.id, changes.maxConcurrentLinkUps, live);
      }
      const fields = Object.keys(changes).filter(
        (key) => (changes as Record<string, unknown>)[key] !== undefined,
      );
      const next: Partial<Family> = {};
      for (const key of fields) {
        const value = (changes as Record<string, unknown>)[key];
        (next as Record<string, unknown>)[key] =
          key === 'displayName' && typeof value === 'string'
            ? value.trim()
            : Array.isArray(value)
              ? [...(value as unknown[])]
              : value;
      }
      const saved = await this.families.saveChanges(family, next);
      await this.audit.record(
        {
          actor: caller.actor,
          requestId: caller.requestId,
          action: 'family.changed',
          entityType: 'family',
          entityId: family.id,
          details: { fields, version: saved.version },
        },
        this.transactions.manager,
      );
      return saved;
    });
  }

  /** Adds an adult or child to a family. Checks are for adults only. */
  async addPerson(caller: Caller, familyId: string, input: NewPersonInput): Promise<Person> {
    const settings = await this.settings.currentSettings();
    return this.writeTransaction(async () => {
      await this.lockFamilyInScope(caller.actor, familyId);
      this.assertValid(this.personInputProblems(input.role, input, settings));
      const person = await this.families.insertPerson({
        familyId,
        role: input.role,
        preferredName: input.preferredName.trim(),
        legalName: input.legalName?.trim() ?? null,
        birthYear: input.birthYear ?? null,
        ageBand: input.ageBand ?? null,
        pronouns: input.pronouns ?? null,
        language: input.language ?? null,
        interpreterNeeded: input.interpreterNeeded ?? false,
        communicationNeeds: input.communicationNeeds ?? null,
        wwccNumber: input.wwccNumber?.trim() ?? null,
        wwccExpiresOn: input.wwccExpiresOn ?? null,
      });
      await this.audit.record(
        {
          actor: caller.actor,
          requestId: caller.requestId,
          action: 'person.added',
          entityType: 'person',
          entityId: person.id,
          details: { familyId, role: person.role },
        },
        this.transactions.manager,
      );
      return person;
    });
  }

  /** Changes a person (a renewed check, say); `version` must be the current one. */
  async updatePerson(
    caller: Caller,
    personId: string,
    version: number,
    changes: PersonChanges,
  ): Promise<Person> {
    const settings = await this.settings.currentSettings();
    return this.writeTransaction(async () => {
      const found = await this.families.findPerson(personId);
      if (found === null) throw CommonErrors.notFound('Person');
      try {
        await this.lockFamilyInScope(caller.actor, found.familyId);
      } catch {
        throw CommonErrors.notFound('Person');
      }
      const person = await this.families.lockPerson(personId);
      if (person.version !== version)
        throw CommonErrors.versionConflict('The person', version, person.version);
      this.assertValid(this.personInputProblems(person.role, changes, settings));
      const fields = Object.keys(changes).filter(
        (key) => (changes as Record<string, unknown>)[key] !== undefined,
      );
      const saved = await this.families.savePersonChanges(
        person,
        Object.fromEntries(fields.map((key) => [key, (changes as Record<string, unknown>)[key]])),
      );
      await this.audit.record(
        {
          actor: caller.actor,
          requestId: caller.requestId,
          action: 'person.changed',
          entityType: 'person',
          entityId: person.id,
          details: { familyId: person.familyId, fields },
        },
        this.transactions.manager,
      );
      return saved;
    });
  }

  /**
   * A lifecycle move (DESIGN §4.1). Approving a Sharing family checks its guards and reports each
   * unmet one by name (409 FAMILY.APPROVAL_GUARDS_UNMET); `linked` is set only by a choice.
   */
  async changeFamilyStatus(
    caller: Caller,
    id: string,
    input: StatusChangeInput,
    now = this.clock.now(),
  ): Promise<Family> {
    const { actor } = caller;
    if (input.signOff === true && actor.role !== 'coach' && actor.role !== 'supervisor') {
      throw FamilyErrors.signOffNeedsCoach();
    }
    return this.writeTransaction(async () => {
      const family = await this.lockFamilyInScope(actor, id);
      if (family.version !== input.version)
        throw CommonErrors.versionConflict('The family', input.version, family.version);
      const from = family.status;
      if (input.signOff === true) {
        // A sign-off is for this approval only: given with any other move it would linger and
        // satisfy a later approval.
        if (family.kind !== 'sharing' || input.to !== 'approved') {
          this.assertValid([
            {
              field: 'signOff',
              problems: ['signOff is given only with the move of a Sharing family to approved'],
            },
          ]);
        }
        family.coachSignOffBy = actor.id;
        family.coachSignOffAt = now;
      }
      const approval = family.kind === 'sharing' ? await this.approvalFacts(family, now) : undefined;
      const plan = planFamilyStatusChange(family.kind, from, input.to, approval);
      if (!plan.ok) {
        switch (plan.reason) {
          case 'guards_unmet':
            throw FamilyErrors.approvalGuardsUnmet(plan.unmet);
          case 'unknown_status':
            this.assertValid([{ field: 'to', problems: [`to must be a ${family.kind} family status`] }]);
            break;
          case 'set_by_choice':
            throw FamilyErrors.statusMoveNotAllowed(
              from,
              input.to,
              [],
              'A Seeking family becomes linked when its choice is recorded on a match proposal.',
            );
          case 'same_status':
          case 'not_allowed':
            throw FamilyErrors.statusMoveNotAllowed(from, input.to, this.allowedMoves(family));
        }
      }
      const leavesLink =
        (family.kind === 'seeking' && from === 'linked') ||
        (family.kind === 'sharing' && input.to === 'exited');
      if (leavesLink && (await this.countLiveLinkUps(family.id)) > 0) {
        throw FamilyErrors.hasLiveLinkUp(family.id, input.to);
      }
      family.status = input.to as FamilyStatus;
      if (family.kind === 'seeking')
        family.waitingSince = waitingSinceAfter(input.to, family.waitingSince, now);
      if (family.kind === 'sharing' && (input.to === 'exited' || input.to === 'enquiry')) {
        // Leaving (or coming back) starts over: a new approval needs new training and a new sign-off.
        family.trainingCompletedAt = null;
        family.coachSignOffBy = null;
        family.coachSignOffAt = null;
      }
      // A Seeking family that stops waiting: matching withdraws its open shortlists, in this
      // transaction, which holds the family's row lock (the lock a decision takes before the proposal's).
      const withdrawnProposalIds =
        family.kind === 'seeking' && !SEEKING_WAITING_STATUSES.has(input.to)
          ? await this.matching.withdrawOpenProposals(family.id)
          : [];
      const saved = await this.families.save(family);
      await this.recordStatusEvent(saved.id, from, saved.status, 'hand_move', now, actor.id);
      await this.audit.record(
        {
          actor,
          requestId: caller.requestId,
          action: 'family.status_changed',
          entityType: 'family',
          entityId: family.id,
          details: {
            from,
            to: saved.status,
            signOff: input.signOff === true,
            ...(withdrawnProposalIds.length > 0 ? { withdrawnProposalIds } : {}),
          },
        },
        this.transactions.manager,
      );
      return saved;
    });
  }

  /**
   * DESIGN §4.1: an approved Sharing family whose adult's check has expired (or that has an adult
   * without one) goes on hold. Idempotent (only `approved` families move), audited per family;
   * returns the families held and their live link-ups, whose coaches need an alert.
   */
  async holdSharingFamiliesWithExpiredChecks(now = this.clock.now()): Promise<HeldForChecks> {
    return this.writeTransaction(async () => {
      // "Expired" by each site's calendar: its today is the moment read in its time zone.
      const todayBySite = new Map(
        [...(await this.sites.timeZonesBySite())].map(([siteId, zone]) => [
          siteId,
          calendarDateIn(now, zone),
        ]),
      );
      const candidates = await this.families.lockApprovedWithExpiredChecks(todayBySite);
      const held: string[] = [];
      for (const { id, site_id: siteId } of candidates) {
        const today = todayBySite.get(siteId) ?? '';
        // Re-read under the lock and re-check with the rule (the query is only a pre-filter).
        const family = await this.families.findByIdOrFail(id);
        if (!needsHoldForChecks(family.status, await this.adultChecks(id), today)) continue;
        family.status = 'on_hold';
        await this.families.save(family);
        await this.recordStatusEvent(id, 'approved', 'on_hold', 'checks_expired', now, null);
        await this.audit.record(
          {
            actor: null,
            requestId: null,
            action: 'family.held_for_checks',
            entityType: 'family',
            entityId: id,
            details: { from: 'approved', to: 'on_hold' },
          },
          this.transactions.manager,
        );
        held.push(id);
      }
      return {
        heldFamilyIds: held,
        affectedLinkUps: await this.linkUps.liveLinkUpsOfSharingFamilies(held),
      };
    });
  }

  /**
   * A counter bumped after every family write of this process commits (or fails): readers that
   * cache family rows (matching's candidate cache) compare it to know their copy may be stale.
   */
  familyWriteStamp(): number {
    return this.writeStamp;
  }

  /** Families changed outside this service (consents, link-ups created by a choice): caches reload. */
  noteFamiliesChanged(): void {
    this.writeStamp++;
  }

  /**
   * A family write: a run that joins its caller's. The stamp moves when it ends (committed or not)
   * and, joined to a caller's run, again once that run commits, so no cache keeps a copy read
   * before the commit under the new stamp.
   */
  private writeTransaction<T>(work: () => Promise<T>): Promise<T> {
    return this.transactions
      .run(async () => {
        const result = await work();
        await this.transactions.afterCommit(() => Promise.resolve(this.noteFamiliesChanged()));
        return result;
      })
      .finally(() => this.noteFamiliesChanged());
  }

  /** The adults' checks of a family, for the approval guards and the hold rule. */
  async adultChecks(familyId: string): Promise<AdultCheck[]> {
    const adults = await this.families.adultsOf(familyId);
    return adults.map((p) => ({ personId: p.id, wwccNumber: p.wwccNumber, wwccExpiresOn: p.wwccExpiresOn }));
  }

  /** Link-ups of a family that still hold a place (active or paused). */
  private countLiveLinkUps(familyId: string): Promise<number> {
    return this.linkUps.countLive(familyId);
  }

  /**
   * Locks a family row (`SELECT … FOR UPDATE`) inside the caller's transaction, after the scope
   * check. Used by every write, and by a choice to re-check a Sharing family's capacity.
   */
  async lockFamilyInScope(actor: Actor, id: string): Promise<Family> {
    const family = await this.families.lockForUpdate(id);
    if (family === null || !(await this.canSee(actor, family))) throw CommonErrors.notFound('Family');
    return family;
  }

  /**
   * A Seeking family becomes `linked` when its choice creates the link-up (inside that
   * transaction; the caller holds the row lock and writes the audit line of the choice).
   */
  recordLinked(family: Family, linkUp: { linkUpId: string; actorId: string; at: Date }): Promise<Family> {
    return this.transactions.run(async () => {
      const from = family.status;
      family.status = 'linked';
      family.waitingSince = null;
      const saved = await this.families.save(family);
      await this.recordStatusEvent(family.id, from, 'linked', 'link_up_started', linkUp.at, linkUp.actorId, {
        linkUpId: linkUp.linkUpId,
      });
      return saved;
    });
  }

  /**
   * After a link-up completes or ends early (inside that transaction, which holds the link-up's row
   * lock; the Seeking family's row is locked next, the order every closing takes): a `linked`
   * Seeking family becomes `completed`, or goes back to `choosing` (or `waitlisted`, the
   * `afterLinkUp` setting) with the reason in its status history; an early end for a reason about
   * the pair itself (`afterLinkUp.excludePairWhenEndedFor`) records the pair as `ended_badly`, so
   * it is never suggested again. A family not `linked` (moved by hand meanwhile) is left as it is.
   * The caller calls `noteFamiliesChanged` after commit.
   */
  afterLinkUpClosed(caller: Caller, closed: ClosedLinkUpFacts): Promise<AfterLinkUpOutcome> {
    return this.transactions.run(async () => {
      const { afterLinkUp } = await this.settings.currentSettings();
      const plan = planAfterLinkUp(closed.closing, closed.reason, afterLinkUp);
      const family = await this.lockFamilyForMatching(closed.seekingFamilyId);
      let seekingFamilyStatus: string | null = null;
      if (family?.kind === 'seeking' && family.status === 'linked') {
        family.status = plan.seekingStatus;
        family.waitingSince = waitingSinceAfter(plan.seekingStatus, null, closed.at);
        await this.families.save(family);
        const cause = closed.closing === 'completed' ? 'link_up_completed' : 'link_up_ended_early';
        await this.recordStatusEvent(
          family.id,
          'linked',
          plan.seekingStatus,
          cause,
          closed.at,
          caller.actor.id,
          {
            linkUpId: closed.linkUpId,
            reason: closed.reason,
          },
        );
        await this.audit.record(
          {
            actor: caller.actor,
            requestId: caller.requestId,
            action: 'family.status_changed',
            entityType: 'family',
            entityId: family.id,
            details: {
              from: 'linked',
              to: plan.seekingStatus,
              cause,
              linkUpId: closed.linkUpId,
              reason: closed.reason,
            },
          },
          this.transactions.manager,
        );
        seekingFamilyStatus = plan.seekingStatus;
      }
      if (plan.excludePair) {
        await this.matching.excludePairEndedBadly(caller, {
          seekingFamilyId: closed.seekingFamilyId,
          sharingFamilyId: closed.sharingFamilyId,
          linkUpId: closed.linkUpId,
          at: closed.at,
        });
      }
      return { seekingFamilyStatus, pairExcluded: plan.excludePair };
    });
  }

  /** A family's status history, oldest first. The caller has checked the scope. */
  statusHistory(familyId: string): Promise<FamilyStatusEvent[]> {
    return this.families.statusHistoryOf(familyId);
  }

  private async recordStatusEvent(
    familyId: string,
    fromStatus: string | null,
    toStatus: string,
    cause: FamilyStatusCause,
    at: Date,
    actorId: string | null,
    extra: { linkUpId?: string; reason?: string | null } = {},
  ): Promise<void> {
    await this.families.insertStatusEvent({
      familyId,
      fromStatus,
      toStatus,
      cause,
      at,
      actorId,
      linkUpId: extra.linkUpId ?? null,
      reason: extra.reason ?? null,
    });
  }

  /** The Sharing families of a site that matching considers (approved or on hold), in bulk. */
  async loadMatchCandidates(siteId: string): Promise<MatchCandidateRow[]> {
    return this.withLiveLinkUps(await this.families.matchCandidatesOfSite(siteId));
  }

  /**
   * Offering a shortlist moves a Seeking family in intake or waitlisted to `choosing` (inside the
   * offer's transaction, which holds the row lock and audits the offer with the move).
   */
  moveToChoosing(family: Family, now: Date, actorId: string): Promise<Family> {
    return this.transactions.run(async () => {
      const from = family.status;
      family.status = 'choosing';
      family.waitingSince = waitingSinceAfter('choosing', family.waitingSince, now);
      const saved = await this.families.save(family);
      await this.recordStatusEvent(family.id, from, 'choosing', 'shortlist_offered', now, actorId);
      return saved;
    });
  }

  /**
   * The Seeking families of a site waiting for a link-up (choosing or waitlisted, none live), in
   * the actor's scope (a coach: its caseload), optionally only some of them.
   */
  async listWaitingSeekingFamilies(actor: Actor, siteId: string, ids?: readonly string[]): Promise<Family[]> {
    const query = this.families
      .queryFamilies()
      .where('f.site_id = :siteId', { siteId })
      .andWhere(`f.kind = 'seeking'`)
      .andWhere(`f.status IN ('choosing', 'waitlisted')`);
    if (actor.role === 'coach') query.andWhere('f.primary_coach_id = :actorId', { actorId: actor.id });
    if (ids !== undefined) query.andWhere('f.id IN (:...ids)', { ids: ids.length === 0 ? [null] : [...ids] });
    const waiting = await query.orderBy('f.id', 'ASC').getMany();
    // Those with a live link-up (a status moved by hand meanwhile) are not waiting: one read for all.
    const linked = await this.linkUps.seekingFamiliesWithLiveLinkUps(waiting.map((f) => f.id));
    return waiting.filter((f) => !linked.has(f.id));
  }

  /** Sharing families by id (any status) as matching sees them, e.g. to re-check under a lock. */
  async loadMatchCandidatesByIds(ids: readonly string[]): Promise<MatchCandidateRow[]> {
    if (ids.length === 0) return [];
    return this.withLiveLinkUps(await this.families.matchCandidatesByIds(ids));
  }

  /** Match candidates with the live link-ups holding their places (one read of link-ups for all). */
  private async withLiveLinkUps(rows: readonly MatchCandidateRowOfFamilies[]): Promise<MatchCandidateRow[]> {
    const live = await this.linkUps.liveCountsOfSharingFamilies(rows.map((r) => r.id));
    return rows.map((row) => ({ ...row, live_link_ups: live.get(row.id) ?? 0 }));
  }

  /**
   * Locks a family row for a matching decision (no scope check: a coach links its Seeking family
   * with any Sharing family of the site). The caller has checked the Seeking family's scope.
   */
  lockFamilyForMatching(id: string): Promise<Family | null> {
    return this.families.lockForUpdate(id);
  }

  /**
   * The live link-ups of every Sharing family on hold (any site; no scope check), by id: their
   * coaches are alerted. Asked of link-ups through the port, for the families on hold.
   */
  async liveLinkUpsOfSharingFamiliesOnHold(): Promise<
    { linkUpId: string; sharingFamilyId: string; coachId: string }[]
  > {
    return this.linkUps.liveLinkUpsOfSharingFamilies(await this.families.idsOfSharingFamiliesOnHold());
  }

  /** How many families of the site bear each display name (the demo seeds what is missing). */
  async countFamiliesByDisplayName(siteId: string): Promise<ReadonlyMap<string, number>> {
    const rows = await this.families
      .queryFamilies()
      .select('f.display_name', 'name')
      .addSelect('count(*)::int', 'n')
      .where('f.site_id = :siteId', { siteId })
      .groupBy('f.display_name')
      .getRawMany<{ name: string; n: number }>();
    return new Map(rows.map((r) => [r.name, r.n]));
  }

  /**
   * Seeking families waiting (choosing or waitlisted) in the actor's caseload, longest wait first:
   * the worklist's list.
   */
  async waitingFamiliesInCaseload(
    actor: Actor,
    limit: number,
  ): Promise<(FamilyToWatch & { waitingSince: Date })[]> {
    const rows = await whereInCaseload(
      this.families
        .queryFamilies()
        .select([...FAMILY_TO_WATCH_COLUMNS, 'f.waiting_since AS "waitingSince"'])
        .where("f.kind = 'seeking'")
        .andWhere("f.status IN ('choosing', 'waitlisted')")
        .andWhere('f.waiting_since IS NOT NULL'),
      actor,
      FAMILY_CASELOAD_COLUMNS,
    )
      .orderBy('f.waiting_since', 'ASC')
      .addOrderBy('f.id', 'ASC')
      .limit(limit)
      .getRawMany<FamilyToWatch & { waitingSince: Date | string }>();
    return rows.map((row) => ({ ...row, waitingSince: new Date(row.waitingSince) }));
  }

  /**
   * Sharing families in the actor's caseload awaiting approval (enquiry or in training) or approved
   * with an adult's check ending by `horizon` (a date), with the earliest expiry: the worklist's list.
   */
  async sharingFamiliesToWatchInCaseload(
    actor: Actor,
    horizon: string,
    limit: number,
  ): Promise<(FamilyToWatch & { checkExpiresOn: string | null })[]> {
    return whereInCaseload(
      this.families
        .queryFamilies()
        .select([
          ...FAMILY_TO_WATCH_COLUMNS,
          "(SELECT to_char(min(p.wwcc_expires_on), 'YYYY-MM-DD') FROM people p WHERE p.family_id = f.id AND p.role = 'adult') AS \"checkExpiresOn\"",
        ])
        .where("f.kind = 'sharing'")
        .andWhere(
          `(f.status IN ('enquiry', 'in_training')
            OR (f.status = 'approved' AND EXISTS (SELECT 1 FROM people p WHERE p.family_id = f.id
                  AND p.role = 'adult' AND p.wwcc_expires_on <= :horizon::date)))`,
          { horizon },
        ),
      actor,
      FAMILY_CASELOAD_COLUMNS,
    )
      .orderBy('f.status', 'ASC')
      .addOrderBy('f.display_name', 'ASC')
      .addOrderBy('f.id', 'ASC')
      .limit(limit)
      .getRawMany<FamilyToWatch & { checkExpiresOn: string | null }>();
  }

  /** Ids of the families the coach is primary coach of: its caseload's families. */
  familyIdsWithPrimaryCoach(coachId: string): Promise<string[]> {
    return this.families.idsWithPrimaryCoach(coachId);
  }

  /** Families by id (no scope check: for services that have checked the scope already). */
  async findFamiliesByIds(ids: readonly string[]): Promise<Family[]> {
    if (ids.length === 0) return [];
    return this.families.findByIds(ids);
  }

  /** What the approval guards of a Sharing family read, as they stand at `now`. */
  private async approvalFacts(family: Family, now: Date): Promise<SharingApprovalFacts> {
    return {
      trainingCompleted: family.trainingCompletedAt !== null,
      adults: await this.adultChecks(family.id),
      participationConsent: await this.consents.isGranted(family.id, 'participation'),
      coachSignedOff: family.coachSignOffAt !== null,
      // Checks expire by the site's calendar, not UTC's.
      today: calendarDateIn(now, await this.sites.timeZoneOf(family.siteId)),
    };
  }

  /**
   * The approval checklist of a Sharing family that may move to approved now (each guard, met or
   * not, as the approval would check it); null for a Seeking family or one not awaiting approval.
   * The coach's sign-off is given with the approval itself, so it shows unmet until then.
   */
  async approvalChecklist(family: Family, now = this.clock.now()): Promise<ApprovalGuardResult[] | null> {
    if (family.kind !== 'sharing' || !this.allowedMoves(family).includes('approved')) return null;
    return evaluateSharingApprovalGuards(await this.approvalFacts(family, now));
  }

  /** The family's site's time zone and its calendar date now (from the clock). */
  async siteToday(family: Family): Promise<{ today: string; timeZone: string }> {
    const timeZone = await this.sites.timeZoneOf(family.siteId);
    return { today: this.clock.today(timeZone), timeZone };
  }

  /** The hand moves a family may make from where it is. */
  allowedMoves(family: Family): readonly string[] {
    return allowedStatusMoves(family.kind, family.status);
  }

  private async canSee(actor: Actor, family: Family): Promise<boolean> {
    switch (actor.role) {
      case 'admin':
        return true;
      case 'supervisor':
        return actor.siteId !== null && actor.siteId === family.siteId;
      case 'family':
        return actor.familyId !== null && actor.familyId === family.id;
      case 'evaluator':
        return false;
      case 'coach': {
        if (actor.siteId !== family.siteId) return false;
        if (family.primaryCoachId === actor.id) return true;
        return this.linkUps.coachesLinkUpOf(actor.id, family.id);
      }
    }
  }

  private personInputProblems(
    role: PersonRole,
    input: PersonChanges,
    settings: ProgrammeSettings,
  ): FieldProblem[] {
    const problems = personProblems(input, settings);
    if (role === 'child') {
      for (const field of ['wwccNumber', 'wwccExpiresOn'] as const) {
        if (input[field] !== undefined && input[field] !== null) {
          problems.push({ field, problems: [`${field} is for adults only`] });
        }
      }
    }
    return problems;
  }

  private assertValid(problems: readonly FieldProblem[]): void {
    if (problems.length > 0) throw FamilyErrors.invalidFields(problems);
  }
}
