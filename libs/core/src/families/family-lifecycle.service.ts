import {
  allowedStatusMoves,
  evaluateSharingApprovalGuards,
  needsHoldForChecks,
  planAfterLinkUp,
  planFamilyStatusChange,
  waitingSinceAfter,
  type AdultCheck,
  type ApprovalGuardResult,
  type SharingApprovalFacts,
} from '@app/domain';
import { Inject, Injectable } from '@nestjs/common';
import type { Caller } from '../access';
import { AuditService } from '../audit';
import { calendarDateIn, Clock } from '../clock';
import { CommonErrors, type FieldProblem } from '../errors';
import { ProgrammeSettingsService } from '../settings';
import { SitesService } from '../sites';
import { TransactionContext } from '../transaction';
import { ConsentsRepository } from './consents.repository';
import { FamiliesRepository } from './families.repository';
import { FamiliesService } from './families.service';
import { FAMILY_LINK_UPS, type FamilyLinkUps } from './family-link-ups.port';
import { FAMILY_MATCHING, type FamilyMatching } from './family-matching.port';
import type { FamilyStatusCause, FamilyStatusEvent } from './family-status-event.entity';
import { FamilyWriteStamp } from './family-write-stamp';
import type { Family } from './family.entity';
import { FamilyErrors } from './family.errors';
import type { FamilyStatus } from './family.types';

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

/** Seeking statuses a family waits for a link-up in: shortlists are offered and answered there. */
export const SEEKING_WAITING_STATUSES: ReadonlySet<string> = new Set(['intake', 'choosing', 'waitlisted']);

function assertValid(problems: readonly FieldProblem[]): void {
  if (problems.length > 0) throw FamilyErrors.invalidFields(problems);
}

/**
 * A family's lifecycle (DESIGN §4.1): the hand moves and their approval guards, the hold for
 * expired checks, the moves a link-up makes (a shortlist offered, a choice, a closing) and the
 * status history they write. Reads and writes join the transaction open in this async context.
 */
@Injectable()
export class FamilyLifecycleService {
  constructor(
    private readonly families: FamiliesRepository,
    private readonly consents: ConsentsRepository,
    private readonly records: FamiliesService,
    private readonly writeStamp: FamilyWriteStamp,
    private readonly audit: AuditService,
    private readonly settings: ProgrammeSettingsService,
    private readonly sites: SitesService,
    private readonly transactions: TransactionContext,
    private readonly clock: Clock,
    @Inject(FAMILY_LINK_UPS) private readonly linkUps: FamilyLinkUps,
    @Inject(FAMILY_MATCHING) private readonly matching: FamilyMatching,
  ) {}

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
    return this.writeStamp.write(async () => {
      const family = await this.records.lockFamilyInScope(actor, id);
      if (family.version !== input.version)
        throw CommonErrors.versionConflict('The family', input.version, family.version);
      const from = family.status;
      if (input.signOff === true) {
        // A sign-off is for this approval only: given with any other move it would linger and
        // satisfy a later approval.
        if (family.kind !== 'sharing' || input.to !== 'approved') {
          assertValid([
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
            assertValid([{ field: 'to', problems: [`to must be a ${family.kind} family status`] }]);
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
      if (leavesLink && (await this.linkUps.countLive(family.id)) > 0) {
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
      await this.audit.record({
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
      });
      return saved;
    });
  }

  /**
   * DESIGN §4.1: an approved Sharing family whose adult's check has expired (or that has an adult
   * without one) goes on hold. Idempotent (only `approved` families move), audited per family;
   * returns the families held and their live link-ups, whose coaches need an alert.
   */
  async holdSharingFamiliesWithExpiredChecks(now = this.clock.now()): Promise<HeldForChecks> {
    return this.writeStamp.write(async () => {
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
        await this.audit.record({
          actor: null,
          requestId: null,
          action: 'family.held_for_checks',
          entityType: 'family',
          entityId: id,
          details: { from: 'approved', to: 'on_hold' },
        });
        held.push(id);
      }
      return {
        heldFamilyIds: held,
        affectedLinkUps: await this.linkUps.liveLinkUpsOfSharingFamilies(held),
      };
    });
  }

  /** The adults' checks of a family, for the approval guards and the hold rule. */
  async adultChecks(familyId: string): Promise<AdultCheck[]> {
    const adults = await this.families.adultsOf(familyId);
    return adults.map((p) => ({ personId: p.id, wwccNumber: p.wwccNumber, wwccExpiresOn: p.wwccExpiresOn }));
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
   * The caller calls `FamilyWriteStamp.noteFamiliesChanged` after commit.
   */
  afterLinkUpClosed(caller: Caller, closed: ClosedLinkUpFacts): Promise<AfterLinkUpOutcome> {
    return this.transactions.run(async () => {
      const { afterLinkUp } = await this.settings.currentSettings();
      const plan = planAfterLinkUp(closed.closing, closed.reason, afterLinkUp);
      const family = await this.families.lockForUpdate(closed.seekingFamilyId);
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
        await this.audit.record({
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
        });
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

  /** The hand moves a family may make from where it is. */
  allowedMoves(family: Family): readonly string[] {
    return allowedStatusMoves(family.kind, family.status);
  }
}
