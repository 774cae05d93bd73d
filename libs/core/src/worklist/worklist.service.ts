import {
  evaluateStageGuards,
  nextStage,
  type GuardedTarget,
  type LinkUpStage,
  type LinkUpStatus,
} from '@app/domain';
import { Injectable } from '@nestjs/common';
import type { Caller } from '../access';
import { CheckInsService } from '../check-ins';
import { Clock } from '../clock';
import { SitesService } from '../sites';
import { CommonErrors } from '../errors';
import { LinkUpStagesService } from '../link-up-stages';
import { FamiliesService, FamilyListsService } from '../families';
import { LinkUpsService } from '../link-ups';
import { ConcernListsService, SafeguardingService } from '../safeguarding';
import { ProgrammeSettingsService } from '../settings';
import { UsersService } from '../users';

/** How far ahead a check-in counts as "due soon" on the worklist. */
export const WORKLIST_CHECK_IN_HORIZON_DAYS = 7;
/** How far ahead a Working With Children Check counts as "expiring soon". */
export const WORKLIST_CHECK_EXPIRY_HORIZON_DAYS = 42;
/** At most this many rows per list (a coach's caseload is far smaller; a supervisor sees the first). */
export const WORKLIST_LIMIT = 200;

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

export interface WorklistCoach {
  readonly coachId: string | null;
  readonly coachName: string | null;
}

export interface WorklistCheckIn extends WorklistCoach {
  readonly id: string;
  readonly linkUpId: string;
  readonly kind: string;
  readonly party: string;
  readonly dueAt: Date;
  readonly overdueAt: Date;
  /** `overdue` past its grace period, `due` from its due time, `soon` within the horizon. */
  readonly urgency: 'overdue' | 'due' | 'soon';
  readonly seekingFamilyName: string;
  readonly sharingFamilyName: string;
}

export interface WorklistLinkUp extends WorklistCoach {
  readonly id: string;
  readonly seekingFamilyName: string;
  readonly sharingFamilyName: string;
  readonly stage: LinkUpStage;
  readonly status: LinkUpStatus;
  readonly weeksInStage: number;
  /** The next move forward (null when paused). */
  readonly nextTarget: GuardedTarget | null;
  /** The guards of the next move not yet met, in the configured order. */
  readonly unmetGuards: readonly string[];
  readonly openConcerns: number;
}

export interface WorklistWaitingFamily extends WorklistCoach {
  readonly id: string;
  readonly displayName: string;
  readonly suburb: string | null;
  readonly status: string;
  readonly waitingSince: Date;
  readonly weeksWaiting: number;
}

export interface WorklistSharingFamily extends WorklistCoach {
  readonly id: string;
  readonly displayName: string;
  readonly suburb: string | null;
  readonly status: string;
  /** `awaiting_approval` (enquiry or in training) or `check_expiring` (approved, a check ends soon). */
  readonly reason: 'awaiting_approval' | 'check_expiring';
  /** The earliest expiry of an adult's check (YYYY-MM-DD), or null when none is recorded. */
  readonly checkExpiresOn: string | null;
}

export interface WorklistConcern extends WorklistCoach {
  readonly id: string;
  readonly severity: string;
  readonly status: string;
  readonly raisedAt: Date;
  readonly triageDueAt: Date;
  readonly escalated: boolean;
  /** Whole minutes until the triage deadline (negative once it has passed). */
  readonly minutesToTriageDeadline: number;
  readonly linkUpId: string | null;
  readonly familyId: string | null;
  /** Display names of the families concerned (one for a family concern, two for a link-up). */
  readonly familyNames: readonly string[];
  readonly linkUpStatus: string | null;
}

export interface Worklist {
  readonly generatedAt: Date;
  readonly timeZone: string;
  readonly today: string;
  readonly checkIns: readonly WorklistCheckIn[];
  readonly linkUps: readonly WorklistLinkUp[];
  readonly waitingFamilies: readonly WorklistWaitingFamily[];
  readonly sharingFamilies: readonly WorklistSharingFamily[];
  readonly concerns: readonly WorklistConcern[];
}

/**
 * A coach's day in one read (DESIGN §6 `GET /api/worklist`): check-ins due and overdue, the live
 * link-ups with the guards of their next move, Seeking families waiting, Sharing families awaiting
 * approval or with checks expiring, and open concerns with their triage deadline. Scoped like every
 * list: a coach its caseload, a supervisor its site (each row names its coach), an admin everything.
 */
@Injectable()
export class WorklistService {
  constructor(
    private readonly clock: Clock,
    private readonly stages: LinkUpStagesService,
    private readonly safeguarding: SafeguardingService,
    private readonly concernLists: ConcernListsService,
    private readonly settings: ProgrammeSettingsService,
    private readonly sites: SitesService,
    private readonly linkUps: LinkUpsService,
    private readonly families: FamiliesService,
    private readonly lists: FamilyListsService,
    private readonly users: UsersService,
    private readonly checkIns: CheckInsService,
  ) {}

  async worklistFor(caller: Caller): Promise<Worklist> {
    const { actor } = caller;
    if (actor.role !== 'coach' && actor.role !== 'supervisor' && actor.role !== 'admin') {
      throw CommonErrors.notFound('Worklist');
    }
    const now = this.clock.now();
    // The caller's site's calendar (an admin's, with no site: the programme's default zone).
    const timeZone = await this.sites.timeZoneOf(actor.siteId);
    const today = this.clock.today(timeZone);
    const [checkIns, linkUps, waitingFamilies, sharingFamilies, concerns] = await Promise.all([
      this.checkInsDue(caller, now),
      this.liveLinkUps(caller, now),
      this.waitingFamilies(caller, now),
      this.sharingFamilies(caller, this.clock.todayPlus(WORKLIST_CHECK_EXPIRY_HORIZON_DAYS, timeZone)),
      this.openConcerns(caller, now),
    ]);
    return {
      generatedAt: now,
      timeZone,
      today,
      checkIns,
      linkUps,
      waitingFamilies,
      sharingFamilies,
      concerns,
    };
  }

  private async checkInsDue(caller: Caller, now: Date): Promise<WorklistCheckIn[]> {
    const horizon = new Date(now.getTime() + WORKLIST_CHECK_IN_HORIZON_DAYS * DAY_MS);
    const checkIns = await this.checkIns.openCheckInsOfActiveLinkUpsDueBy(
      caller.actor,
      horizon,
      WORKLIST_LIMIT,
    );
    if (checkIns.length === 0) return [];
    // Names from their owners: the link-ups, then their families and coaches (one read each).
    const linkUps = new Map(
      (await this.linkUps.findLinkUpsByIds(checkIns.map((c) => c.linkUpId))).map((l) => [l.id, l]),
    );
    const [families, coaches] = await Promise.all([
      this.families.findFamiliesByIds(
        [...linkUps.values()].flatMap((l) => [l.seekingFamilyId, l.sharingFamilyId]),
      ),
      this.users.displayNamesOf([...linkUps.values()].map((l) => l.coachId)),
    ]);
    const familyNames = new Map(families.map((f) => [f.id, f.displayName]));
    return checkIns.flatMap((checkIn): WorklistCheckIn[] => {
      const linkUp = linkUps.get(checkIn.linkUpId);
      const seekingFamilyName = linkUp && familyNames.get(linkUp.seekingFamilyId);
      const sharingFamilyName = linkUp && familyNames.get(linkUp.sharingFamilyId);
      // Its link-up and both families are there (foreign keys); a row without them is left out, as the join left it.
      if (linkUp === undefined || seekingFamilyName === undefined || sharingFamilyName === undefined)
        return [];
      return [
        {
          id: checkIn.id,
          linkUpId: checkIn.linkUpId,
          kind: checkIn.kind,
          party: checkIn.party,
          dueAt: checkIn.dueAt,
          overdueAt: checkIn.overdueAt,
          seekingFamilyName,
          sharingFamilyName,
          coachId: linkUp.coachId,
          coachName: coaches.get(linkUp.coachId) ?? null,
          urgency: checkIn.overdueAt <= now ? 'overdue' : checkIn.dueAt <= now ? 'due' : 'soon',
        },
      ];
    });
  }

  private async liveLinkUps(caller: Caller, now: Date): Promise<WorklistLinkUp[]> {
    const linkUps = await this.linkUps.liveLinkUpsInCaseload(caller.actor, WORKLIST_LIMIT);
    if (linkUps.length === 0) return [];
    // Names from link-ups (which ask families and users) and open concerns from safeguarding.
    const [named, concerns] = await Promise.all([
      this.linkUps.withNames(linkUps),
      this.safeguarding.openConcernCountsByLinkUp(linkUps.map((l) => l.id)),
    ]);
    const settings = await this.settings.currentSettings();
    // The guard facts of every link-up at once: a few set-based reads, whatever their number.
    const facts = await this.stages.guardFactsOfMany(linkUps, now);
    return linkUps.map((linkUp, j): WorklistLinkUp => {
      const fact = facts[j];
      const target =
        linkUp.status === 'active' ? ((nextStage(linkUp.stage) ?? 'completed') as GuardedTarget) : null;
      const unmet =
        target === null
          ? []
          : evaluateStageGuards(
              target,
              fact,
              { fromStage: linkUp.stage, closureReason: null },
              settings.stageGuards,
            )
              .filter((g) => !g.met && g.guard !== 'CLOSURE_REASON_GIVEN')
              .map((g) => g.guard);
      return {
        id: linkUp.id,
        seekingFamilyName: named[j].seekingFamilyName,
        sharingFamilyName: named[j].sharingFamilyName,
        coachId: linkUp.coachId,
        coachName: named[j].coachName,
        stage: linkUp.stage,
        status: linkUp.status,
        weeksInStage: Math.floor(fact.activeWeeksInCurrentStage),
        nextTarget: target,
        unmetGuards: unmet,
        openConcerns: concerns.get(linkUp.id) ?? 0,
      };
    });
  }

  private async waitingFamilies(caller: Caller, now: Date): Promise<WorklistWaitingFamily[]> {
    const families = await this.lists.waitingFamiliesInCaseload(caller.actor, WORKLIST_LIMIT);
    const coaches = await this.coachNamesOf(families);
    return families.map((family) => ({
      ...family,
      coachName: family.coachId === null ? null : (coaches.get(family.coachId) ?? null),
      weeksWaiting: Math.max(0, Math.floor((now.getTime() - family.waitingSince.getTime()) / WEEK_MS)),
    }));
  }

  private async sharingFamilies(caller: Caller, horizon: string): Promise<WorklistSharingFamily[]> {
    const families = await this.lists.sharingFamiliesToWatchInCaseload(caller.actor, horizon, WORKLIST_LIMIT);
    const coaches = await this.coachNamesOf(families);
    return families.map((family) => ({
      ...family,
      coachName: family.coachId === null ? null : (coaches.get(family.coachId) ?? null),
      reason: family.status === 'approved' ? 'check_expiring' : ('awaiting_approval' as const),
    }));
  }

  /** The display names of the families' primary coaches (one read of users for the list). */
  private coachNamesOf(families: readonly { coachId: string | null }[]): Promise<Map<string, string>> {
    return this.users.displayNamesOf(families.flatMap((f) => (f.coachId === null ? [] : [f.coachId])));
  }

  private async openConcerns(caller: Caller, now: Date): Promise<WorklistConcern[]> {
    const concerns = await this.concernLists.openConcernsInScope(caller.actor, WORKLIST_LIMIT);
    return concerns.map((c) => ({
      ...c,
      minutesToTriageDeadline: Math.floor((c.triageDueAt.getTime() - now.getTime()) / 60_000),
    }));
  }
}
