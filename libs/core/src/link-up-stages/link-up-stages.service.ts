import {
  computeStageDurations,
  planTransition,
  transitionRequestFromTarget,
  type StageGuardFacts,
  type TransitionKind,
} from '@app/domain';
import { Injectable, Logger } from '@nestjs/common';
import type { Caller } from '../access';
import { AuditService } from '../audit';
import { CheckInsService } from '../check-ins';
import { DomainError } from '../errors';
import { FamiliesService, FamilyLifecycleService, FamilyWriteStamp } from '../families';
import { GoalsService, SmallWinsService } from '../journey';
import { OutcomeMeasuresService } from '../outcome-measures';
import { SafeguardingService } from '../safeguarding';
import { ProgrammeSettingsService } from '../settings';
import { TransactionContext } from '../transaction';
import { UsersService } from '../users';
import {
  LinkUpChangesBus,
  type LinkUpChangeKind,
  timelineFromHistory,
  LinkUpErrors,
  LinkUpsService,
  NO_GUARD_FACTS,
} from '../link-ups';
import type { LinkUpEventKind, LinkUp } from '../link-ups';
import { Clock } from '../clock';

export interface TransitionInput {
  /** A stage, or `paused`, `active` (resume), `completed`, `ended_early`. */
  readonly to: string;
  readonly reason?: string | null;
  readonly closureReason?: string | null;
  readonly version: number;
}

export interface CoachReassignment {
  readonly coachId: string;
  readonly reason: string;
  readonly version: number;
}

const EVENT_KIND: Readonly<Record<TransitionKind, LinkUpEventKind>> = {
  advance: 'stage_advanced',
  move_back: 'stage_moved_back',
  pause: 'paused',
  resume: 'resumed',
  complete: 'completed',
  end_early: 'ended_early',
};

const CHANGE_KIND: Readonly<Record<TransitionKind, LinkUpChangeKind>> = {
  advance: 'stage_changed',
  move_back: 'stage_changed',
  pause: 'paused',
  resume: 'resumed',
  complete: 'completed',
  end_early: 'ended_early',
};

/**
 * Moves link-ups through their stages (DESIGN §4.3) and reassigns their coach. Every change locks
 * the row, checks `version`, records a history entry and an audit line in one transaction (a run
 * that joins its caller's, TransactionContext), and is published on the LinkUpChangesBus once the
 * outermost run has committed.
 */
@Injectable()
export class LinkUpStagesService {
  private readonly logger = new Logger('LinkUpStagesService');

  constructor(
    private readonly linkUps: LinkUpsService,
    private readonly bus: LinkUpChangesBus,
    private readonly goals: GoalsService,
    private readonly smallWins: SmallWinsService,
    private readonly outcomes: OutcomeMeasuresService,
    private readonly checkIns: CheckInsService,
    private readonly safeguarding: SafeguardingService,
    private readonly settings: ProgrammeSettingsService,
    private readonly families: FamiliesService,
    private readonly lifecycle: FamilyLifecycleService,
    private readonly familyWrites: FamilyWriteStamp,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly transactions: TransactionContext,
  ) {}

  /** `POST /api/link-ups/:id/transitions`: one move of the stage machine. */
  async changeStage(caller: Caller, linkUpId: string, input: TransitionInput, at?: Date): Promise<LinkUp> {
    const { stageGuards } = await this.settings.currentSettings();
    return this.transactions.run(async () => {
      const current = await this.linkUps.lockLinkUpForChange(caller.actor, linkUpId, input.version);
      // Taken once the row lock is held, so transitions are recorded in the order they happened.
      const now = at ?? this.clock.now();
      const request = transitionRequestFromTarget(current.stage, input, now);
      if (!request.ok) {
        if (request.code === 'UNKNOWN_TARGET') throw LinkUpErrors.unknownTarget(request.message);
        throw LinkUpErrors.transitionRefused(request.code, request.message, [], []);
      }
      const guarded = ['advance', 'resume', 'complete'].includes(request.request.kind);
      const facts = guarded ? await this.guardFacts(current, now) : NO_GUARD_FACTS;
      const plan = planTransition(current, request.request, facts, stageGuards);
      if (!plan.ok)
        throw LinkUpErrors.transitionRefused(
          plan.code,
          plan.message,
          plan.unmetGuards,
          plan.unmetGuardDetails,
        );
      const { record } = plan;
      const saved = await this.linkUps.recordChange(
        current,
        {
          stage: plan.next.stage,
          status: plan.next.status,
          ...(record.kind === 'pause' ? { pausedSince: record.at } : {}),
          ...(record.kind === 'resume' ? { pausedSince: null } : {}),
          ...(record.kind === 'complete' || record.kind === 'end_early'
            ? { endedAt: record.at, closureReason: record.closureReason, pausedSince: null }
            : {}),
        },
        {
          kind: EVENT_KIND[record.kind],
          fromStage: record.fromStage,
          toStage: record.toStage,
          fromStatus: record.fromStatus,
          toStatus: record.toStatus,
          fromCoachId: null,
          toCoachId: null,
          reason: record.reason ?? record.closureReason,
          at: record.at,
          actorId: caller.actor.id,
        },
      );
      if (record.kind === 'complete' || record.kind === 'end_early') {
        // Life after the link-up (DESIGN §4.1): its Seeking family moves on in the same transaction.
        await this.lifecycle.afterLinkUpClosed(caller, {
          linkUpId: saved.id,
          seekingFamilyId: saved.seekingFamilyId,
          sharingFamilyId: saved.sharingFamilyId,
          closing: record.kind === 'complete' ? 'completed' : 'ended_early',
          reason: record.closureReason,
          at: record.at,
        });
      }
      await this.audit.record({
        actor: caller.actor,
        requestId: caller.requestId,
        action: 'link_up.transitioned',
        entityType: 'link_up',
        entityId: current.id,
        details: {
          kind: record.kind,
          fromStage: record.fromStage,
          toStage: record.toStage,
          fromStatus: record.fromStatus,
          toStatus: record.toStatus,
          endReason: record.endReason,
          version: saved.version,
        },
      });
      const kind = record.kind;
      await this.transactions.afterCommit(async () => {
        // A closing freed a place and moved the Seeking family: cached candidates reload.
        if (kind === 'complete' || kind === 'end_early') this.familyWrites.noteFamiliesChanged();
        await this.bus.publish({ linkUpId: saved.id, kind: CHANGE_KIND[kind], at: now });
      });
      return saved;
    });
  }

  /**
   * A supervisor (or admin) hands the link-up to another coach of its site, with a reason. The
   * change is kept in the history; both families' records then name the new coach.
   */
  async reassignCoach(
    caller: Caller,
    linkUpId: string,
    input: CoachReassignment,
    at?: Date,
  ): Promise<LinkUp> {
    const reason = input.reason.trim();
    return this.transactions.run(async () => {
      const current = await this.linkUps.lockLinkUpForChange(caller.actor, linkUpId, input.version);
      // Taken once the row lock is held, so changes are recorded in the order they happened.
      const now = at ?? this.clock.now();
      if (current.status === 'completed' || current.status === 'ended_early') throw LinkUpErrors.closed();
      if (current.coachId === input.coachId) throw LinkUpErrors.alreadyTheCoach();
      if ((await this.users.findActiveStaffOfSite(input.coachId, current.siteId)) === null) {
        throw LinkUpErrors.unknownCoach(input.coachId);
      }
      const saved = await this.linkUps.recordChange(
        current,
        { coachId: input.coachId },
        {
          kind: 'coach_changed',
          fromStage: null,
          toStage: null,
          fromStatus: null,
          toStatus: null,
          fromCoachId: current.coachId,
          toCoachId: input.coachId,
          reason,
          at: now,
          actorId: caller.actor.id,
        },
      );
      await this.audit.record({
        actor: caller.actor,
        requestId: caller.requestId,
        action: 'link_up.coach_changed',
        entityType: 'link_up',
        entityId: current.id,
        details: { fromCoachId: current.coachId, toCoachId: input.coachId, version: saved.version },
      });
      const previousCoachId = current.coachId;
      await this.transactions.afterCommit(async () => {
        await this.bus.publish({ linkUpId: saved.id, kind: 'coach_changed', at: now });
        for (const familyId of [saved.seekingFamilyId, saved.sharingFamilyId]) {
          await this.moveFamilyToCoach(caller, familyId, previousCoachId, saved.coachId);
        }
      });
      return saved;
    });
  }

  /** The facts the stage guards read, counted from each feature's service in the caller's transaction. */
  async guardFacts(linkUp: LinkUp, now: Date): Promise<StageGuardFacts> {
    const [facts] = await this.guardFactsOfMany([linkUp], now);
    return facts;
  }

  /**
   * The guard facts of many link-ups (a coach's worklist) in eight set-based reads, whatever their
   * number, instead of eleven per link-up; guardFacts is the one-link-up case, so both give the same
   * answers.
   */
  async guardFactsOfMany(linkUps: readonly LinkUp[], now: Date): Promise<StageGuardFacts[]> {
    if (linkUps.length === 0) return [];
    const ids = linkUps.map((linkUp) => linkUp.id);
    // Open in this async context, or undefined: whether the reads must take turns on one connection.
    const manager = this.transactions.transaction;
    const baselines = await this.outcomes.baselinesFor(linkUps);
    const goals = () =>
      this.goals.goalFacts(linkUps.map((linkUp, k) => ({ id: linkUp.id, since: baselines[k].at })));
    const checkIns = () => this.checkIns.completedCheckInFacts(linkUps);
    const wins = () => this.smallWins.countSmallWinsOf(ids);
    const exits = () => this.outcomes.exitsFor(linkUps);
    const concerns = () => this.safeguarding.openConcernCountsFor(linkUps);
    const histories = () => this.linkUps.historiesOf(ids);
    // Inside a transaction the reads share one connection: one after the other.
    const [goalFacts, checkInFacts, winCounts, exitFacts, concernCounts, historyOf] =
      manager === undefined
        ? await Promise.all([goals(), checkIns(), wins(), exits(), concerns(), histories()])
        : [await goals(), await checkIns(), await wins(), await exits(), await concerns(), await histories()];
    return linkUps.map((linkUp, k) => {
      const durations = computeStageDurations(timelineFromHistory(linkUp, historyOf[k]), now);
      return {
        activeGoalsBySeekingFamily: goalFacts[k].activeGoals,
        completedCheckInsSinceStart: checkInFacts[k].completedSinceStart,
        baselineMeasureRecordedOrDeclined: baselines[k].recordedOrDeclined,
        goalRatingsAfterBaseline: goalFacts[k].ratingsSince,
        smallWins: winCounts[k],
        exitMeasureRecordedOrDeclined: exitFacts[k].recordedOrDeclined,
        closureCheckInCompleted: checkInFacts[k].closureCompleted,
        openSafeguardingConcerns: concernCounts[k].open,
        openUrgentSafeguardingConcerns: concernCounts[k].urgent,
        activeWeeksInCurrentStage: durations.currentStageActiveWeeks,
      };
    });
  }

  /** The per-link-up reads guardFactsOfMany replaced, kept to compare against in tests. */
  async guardFactsOneByOne(linkUp: LinkUp, now: Date): Promise<StageGuardFacts> {
    const baseline = await this.outcomes.baselineFor(linkUp);
    // One after the other: inside a transaction they share one connection.
    const activeGoals = await this.goals.countActiveGoals(linkUp.id);
    const checkIns = await this.checkIns.countCompletedCheckInsSince(linkUp.id, linkUp.startedAt);
    const ratings = await this.goals.countRatingsSince(linkUp.id, baseline.at);
    const wins = await this.smallWins.countSmallWins(linkUp.id);
    const exit = await this.outcomes.exitFor(linkUp);
    const closure = await this.checkIns.isClosureCheckInCompleted(linkUp.id);
    const concerns = await this.safeguarding.countOpenConcernsForLinkUp(linkUp);
    const urgentConcerns = await this.safeguarding.countOpenUrgentConcernsForLinkUp(linkUp);
    const history = await this.linkUps.historyOf(linkUp.id);
    const durations = computeStageDurations(timelineFromHistory(linkUp, history), now);
    return {
      activeGoalsBySeekingFamily: activeGoals,
      completedCheckInsSinceStart: checkIns,
      baselineMeasureRecordedOrDeclined: baseline.recordedOrDeclined,
      goalRatingsAfterBaseline: ratings,
      smallWins: wins,
      exitMeasureRecordedOrDeclined: exit.recordedOrDeclined,
      closureCheckInCompleted: closure,
      openSafeguardingConcerns: concerns,
      openUrgentSafeguardingConcerns: urgentConcerns,
      activeWeeksInCurrentStage: durations.currentStageActiveWeeks,
    };
  }

  /**
   * Points a family's record at the link-up's new coach, after the link-up change has committed
   * (the families feature owns that write; a concurrent edit of the family is retried).
   */
  private async moveFamilyToCoach(
    caller: Caller,
    familyId: string,
    previousCoachId: string,
    coachId: string,
  ): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const family = await this.families.getFamilyInScope(caller.actor, familyId);
      if (family.primaryCoachId === coachId) return;
      if (family.primaryCoachId !== null && family.primaryCoachId !== previousCoachId) return;
      try {
        await this.families.updateFamily(caller, familyId, family.version, { primaryCoachId: coachId });
        return;
      } catch (error) {
        if (!(error instanceof DomainError && error.code === 'VERSION_CONFLICT')) throw error;
      }
    }
    this.logger.warn({ familyId }, 'Could not point the family at its new coach after three attempts');
  }
}
