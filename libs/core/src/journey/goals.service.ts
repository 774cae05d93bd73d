import {
  isEarlierInstant,
  isFutureInstant,
  isVisibleTo,
  type GoalRater,
  type GoalStatus,
  type JourneyViewer,
} from '@app/domain';
import { Injectable } from '@nestjs/common';
import type { Actor, Caller } from '../access';
import { AuditService } from '../audit';
import { CommonErrors, DomainError } from '../errors';
import type { LinkUp } from '../link-ups';
import { LinkUpErrors, LinkUpsService } from '../link-ups';
import { ProgrammeSettingsService } from '../settings';
import { TransactionContext } from '../transaction';
import type { GoalRating } from './goal-rating.entity';
import { Clock } from '../clock';
import type { Goal } from './goal.entity';
import { GoalsRepository } from './goals.repository';
import { JourneyErrors } from './journey.errors';
import { JourneyViewers } from './journey-viewers.service';

const isNotFound = (error: unknown): boolean => error instanceof DomainError && error.code === 'NOT_FOUND';

export interface NewGoalInput {
  readonly text: string;
  readonly theme: string;
  /**
   * When the goal was written, for a goal recorded after the fact (the demo's history): not before
   * the link-up started, not in the future. Defaults to now.
   */
  readonly writtenAt?: Date;
}

export interface GoalRevision {
  readonly version: number;
  readonly text?: string;
  readonly theme?: string;
  readonly status?: GoalStatus;
}

export interface NewGoalRatingInput {
  readonly rating: number;
  /** Family users always rate as `family`; staff default to `coach`. */
  readonly ratedBy?: GoalRater;
  readonly ratedAt?: Date;
}

/** A goal with its ratings, newest rating first. */
export interface GoalWithRatings {
  readonly goal: Goal;
  readonly ratings: GoalRating[];
}

/**
 * The Seeking family's goals in its own words, and their Goal Attainment ratings (DESIGN §3). Reads
 * and writes join the transaction open in this async context (TransactionContext); callers that still
 * thread a `manager` hand it over with `TransactionContext.within`.
 */
@Injectable()
export class GoalsService {
  constructor(
    private readonly goals: GoalsRepository,
    private readonly transactions: TransactionContext,
    private readonly linkUps: LinkUpsService,
    private readonly viewers: JourneyViewers,
    private readonly settings: ProgrammeSettingsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async recordGoal(caller: Caller, linkUpId: string, input: NewGoalInput): Promise<Goal> {
    const now = this.clock.now();
    await this.assertKnownTheme(input.theme);
    return this.transactions.run(async () => {
      const linkUp = await this.linkUps.shareLockLinkUpInScope(caller.actor, linkUpId);
      this.assertGoalWriter(caller.actor, linkUp);
      const writtenAt = input.writtenAt;
      if (
        writtenAt !== undefined &&
        (isEarlierInstant(writtenAt, linkUp.startedAt) || isFutureInstant(writtenAt, now))
      )
        throw JourneyErrors.invalidField(
          'writtenAt',
          'writtenAt must fall between the link-up’s start and now',
        );
      const goal = await this.goals.insertGoal({
        ...(writtenAt !== undefined ? { createdAt: writtenAt } : {}),
        linkUpId: linkUp.id,
        familyId: linkUp.seekingFamilyId,
        text: input.text.trim(),
        theme: input.theme,
        status: 'active',
        statusChangedAt: null,
        recordedBy: caller.actor.id,
        recordedByRole: caller.actor.role,
      });
      await this.audit.record({
        actor: caller.actor,
        requestId: caller.requestId,
        action: 'goal.recorded',
        entityType: 'goal',
        entityId: goal.id,
        details: { linkUpId: linkUp.id, theme: goal.theme },
      });
      return goal;
    });
  }

  /** Changes a goal's words, theme or status; `version` must be the current one. */
  async reviseGoal(
    caller: Caller,
    goalId: string,
    revision: GoalRevision,
    now = this.clock.now(),
  ): Promise<Goal> {
    const revisable = ['text', 'theme', 'status'] as const;
    const fields = revisable.filter((f) => revision[f] !== undefined);
    if (fields.length === 0) throw JourneyErrors.nothingToChange(revisable);
    if (revision.theme !== undefined) await this.assertKnownTheme(revision.theme);
    return this.transactions.run(async () => {
      const goal = await this.lockGoal(goalId);
      await this.linkUpForGoalWrite(caller.actor, goal);
      if (goal.version !== revision.version) {
        throw CommonErrors.versionConflict('The goal', revision.version, goal.version);
      }
      const statusChanged = revision.status !== undefined && revision.status !== goal.status;
      const saved = await this.goals.reviseGoal(goal, {
        ...(revision.text !== undefined ? { text: revision.text.trim() } : {}),
        ...(revision.theme !== undefined ? { theme: revision.theme } : {}),
        ...(revision.status !== undefined ? { status: revision.status } : {}),
        ...(statusChanged ? { statusChangedAt: now } : {}),
      });
      await this.audit.record({
        actor: caller.actor,
        requestId: caller.requestId,
        action: 'goal.revised',
        entityType: 'goal',
        entityId: goal.id,
        details: { linkUpId: goal.linkUpId, fields, status: saved.status, version: saved.version },
      });
      return saved;
    });
  }

  async rateGoal(
    caller: Caller,
    goalId: string,
    input: NewGoalRatingInput,
    now = this.clock.now(),
  ): Promise<GoalRating> {
    const { actor } = caller;
    const ratedBy: GoalRater = input.ratedBy ?? (actor.role === 'family' ? 'family' : 'coach');
    if (actor.role === 'family' && ratedBy !== 'family') {
      throw JourneyErrors.invalidField('ratedBy', 'a family rates its goals as family');
    }
    const ratedAt = input.ratedAt ?? now;
    if (Number.isNaN(ratedAt.getTime()))
      throw JourneyErrors.invalidField('ratedAt', 'ratedAt must be an ISO-8601 date and time');
    if (isFutureInstant(ratedAt, now))
      throw JourneyErrors.invalidField('ratedAt', 'ratedAt cannot be in the future');
    return this.transactions.run(async () => {
      const goal = await this.goals.findGoal(goalId);
      if (goal === null) throw CommonErrors.notFound('Goal');
      await this.linkUpForGoalWrite(actor, goal);
      if (isEarlierInstant(ratedAt, goal.createdAt)) {
        throw JourneyErrors.invalidField('ratedAt', 'ratedAt cannot be before the goal was written');
      }
      const rating = await this.goals.insertRating({
        goalId: goal.id,
        linkUpId: goal.linkUpId,
        rating: input.rating,
        ratedBy,
        ratedAt,
        recordedBy: actor.id,
      });
      await this.audit.record({
        actor,
        requestId: caller.requestId,
        action: 'goal.rated',
        entityType: 'goal',
        entityId: goal.id,
        details: { linkUpId: goal.linkUpId, ratedBy },
      });
      return rating;
    });
  }

  /** The goals of a link-up in the caller's scope that the caller may see. */
  async listGoals(caller: Caller, linkUpId: string): Promise<GoalWithRatings[]> {
    const linkUp = await this.linkUps.getLinkUpInScope(caller.actor, linkUpId);
    return this.goalsOf(linkUp, await this.viewers.viewerFor(caller.actor, linkUp));
  }

  /** The goals of a link-up (already scope-checked) as `viewer` may see them, with ratings. */
  async goalsOf(linkUp: LinkUp, viewer: JourneyViewer): Promise<GoalWithRatings[]> {
    if (!isVisibleTo(viewer, { familyId: linkUp.seekingFamilyId, coachOnly: false })) return [];
    const goals = await this.goals.goalsOfLinkUp(linkUp.id);
    const ratings = await this.goals.ratingsOfLinkUp(linkUp.id);
    return goals.map((goal) => ({ goal, ratings: ratings.filter((r) => r.goalId === goal.id) }));
  }

  /** Active goals of the link-up (each is the Seeking family's, in its words): a stage guard fact. */
  countActiveGoals(linkUpId: string): Promise<number> {
    return this.goals.countActiveGoals(linkUpId);
  }

  /**
   * countActiveGoals(id) and countRatingsSince(id, since) of each link-up, in one read (the stage
   * guards of a whole worklist).
   */
  async goalFacts(
    linkUps: readonly { readonly id: string; readonly since: Date | null }[],
  ): Promise<{ activeGoals: number; ratingsSince: number }[]> {
    if (linkUps.length === 0) return [];
    const rows = await this.goals.goalFacts(linkUps);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return linkUps.map((linkUp) => ({
      activeGoals: byId.get(linkUp.id)?.active ?? 0,
      ratingsSince: byId.get(linkUp.id)?.ratings ?? 0,
    }));
  }

  /** Ratings of the link-up's goals made at or after `since` (all of them when null): a guard fact. */
  countRatingsSince(linkUpId: string, since: Date | null): Promise<number> {
    return this.goals.countRatingsSince(linkUpId, since);
  }

  private async lockGoal(goalId: string): Promise<Goal> {
    const goal = await this.goals.lockGoal(goalId);
    if (goal === null) throw CommonErrors.notFound('Goal');
    return goal;
  }

  /**
   * The link-up a write to an existing goal is about, read `FOR SHARE` (a concurrent transition
   * waits for this write, and this write for it). Answers 404 `Goal` when the link-up is out of the
   * actor's scope or the goal is hidden from it (a Sharing family without the Seeking family's
   * consent), so ids cannot be probed; then 403 for a family that is not the Seeking family, and 409
   * once the link-up is closed.
   */
  private async linkUpForGoalWrite(actor: Actor, goal: Goal): Promise<LinkUp> {
    const linkUp = await this.linkUps.shareLockLinkUpInScope(actor, goal.linkUpId).catch((error: unknown) => {
      throw isNotFound(error) ? CommonErrors.notFound('Goal') : error;
    });
    const viewer = await this.viewers.viewerFor(actor, linkUp);
    if (!isVisibleTo(viewer, { familyId: goal.familyId, coachOnly: false }))
      throw CommonErrors.notFound('Goal');
    this.assertGoalWriter(actor, linkUp);
    return linkUp;
  }

  /** Goals are written by staff or the Seeking family itself (403 otherwise), and not once closed (409). */
  private assertGoalWriter(actor: Actor, linkUp: LinkUp): void {
    if (actor.role === 'family' && actor.familyId !== linkUp.seekingFamilyId)
      throw JourneyErrors.seekingFamilyOnly();
    if (linkUp.status === 'completed' || linkUp.status === 'ended_early') throw LinkUpErrors.closed();
  }

  private async assertKnownTheme(theme: string): Promise<void> {
    const settings = await this.settings.currentSettings();
    if (!settings.vocabularies.goalThemes.some((term) => term.key === theme)) {
      throw JourneyErrors.invalidField('theme', 'theme must be one of the programme’s goal themes');
    }
  }
}
