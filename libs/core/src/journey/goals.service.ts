import {
  isEarlierInstant,
  isFutureInstant,
  isVisibleTo,
  type GoalRater,
  type GoalStatus,
  type JourneyViewer,
} from '@app/domain';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, MoreThanOrEqual, Repository } from 'typeorm';
import type { Actor, Caller } from '../access';
import { AuditService } from '../audit';
import { CommonErrors, DomainError } from '../errors';
import type { LinkUp } from '../link-ups';
import { LinkUpErrors, LinkUpsService } from '../link-ups';
import { ProgrammeSettingsService } from '../settings';
import { GoalRating } from './goal-rating.entity';
import { Clock } from '../clock';
import { Goal } from './goal.entity';
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

/** The Seeking family's goals in its own words, and their Goal Attainment ratings (DESIGN §3). */
@Injectable()
export class GoalsService {
  constructor(
    @InjectRepository(Goal) private readonly goals: Repository<Goal>,
    private readonly dataSource: DataSource,
    private readonly linkUps: LinkUpsService,
    private readonly viewers: JourneyViewers,
    private readonly settings: ProgrammeSettingsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async recordGoal(caller: Caller, linkUpId: string, input: NewGoalInput): Promise<Goal> {
    const now = this.clock.now();
    await this.assertKnownTheme(input.theme);
    return this.dataSource.transaction(async (manager) => {
      const linkUp = await this.linkUps.shareLockLinkUpInScope(manager, caller.actor, linkUpId);
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
      const repository = manager.getRepository(Goal);
      const goal = await repository.save(
        repository.create({
          ...(writtenAt !== undefined ? { createdAt: writtenAt } : {}),
          linkUpId: linkUp.id,
          familyId: linkUp.seekingFamilyId,
          text: input.text.trim(),
          theme: input.theme,
          status: 'active',
          statusChangedAt: null,
          recordedBy: caller.actor.id,
          recordedByRole: caller.actor.role,
        }),
      );
      await this.audit.record(
        {
          actor: caller.actor,
          requestId: caller.requestId,
          action: 'goal.recorded',
          entityType: 'goal',
          entityId: goal.id,
          details: { linkUpId: linkUp.id, theme: goal.theme },
        },
        manager,
      );
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
    return this.dataSource.transaction(async (manager) => {
      const goal = await this.lockGoal(manager, goalId);
      await this.linkUpForGoalWrite(caller.actor, goal, manager);
      if (goal.version !== revision.version) {
        throw CommonErrors.versionConflict('The goal', revision.version, goal.version);
      }
      const statusChanged = revision.status !== undefined && revision.status !== goal.status;
      const repository = manager.getRepository(Goal);
      const saved = await repository.save(
        repository.merge(goal, {
          ...(revision.text !== undefined ? { text: revision.text.trim() } : {}),
          ...(revision.theme !== undefined ? { theme: revision.theme } : {}),
          ...(revision.status !== undefined ? { status: revision.status } : {}),
          ...(statusChanged ? { statusChangedAt: now } : {}),
        }),
      );
      await this.audit.record(
        {
          actor: caller.actor,
          requestId: caller.requestId,
          action: 'goal.revised',
          entityType: 'goal',
          entityId: goal.id,
          details: { linkUpId: goal.linkUpId, fields, status: saved.status, version: saved.version },
        },
        manager,
      );
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
    return this.dataSource.transaction(async (manager) => {
      const goal = await manager.getRepository(Goal).findOneBy({ id: goalId });
      if (goal === null) throw CommonErrors.notFound('Goal');
      await this.linkUpForGoalWrite(actor, goal, manager);
      if (isEarlierInstant(ratedAt, goal.createdAt)) {
        throw JourneyErrors.invalidField('ratedAt', 'ratedAt cannot be before the goal was written');
      }
      const repository = manager.getRepository(GoalRating);
      const rating = await repository.save(
        repository.create({
          goalId: goal.id,
          linkUpId: goal.linkUpId,
          rating: input.rating,
          ratedBy,
          ratedAt,
          recordedBy: actor.id,
        }),
      );
      await this.audit.record(
        {
          actor,
          requestId: caller.requestId,
          action: 'goal.rated',
          entityType: 'goal',
          entityId: goal.id,
          details: { linkUpId: goal.linkUpId, ratedBy },
        },
        manager,
      );
      return rating;
    });
  }

  /** The goals of a link-up in the caller's scope that the caller may see. */
  async listGoals(caller: Caller, linkUpId: string): Promise<GoalWithRatings[]> {
    const linkUp = await this.linkUps.getLinkUpInScope(caller.actor, linkUpId);
    return this.goalsOf(linkUp, await this.viewers.viewerFor(caller.actor, linkUp));
  }

  /** The goals of a link-up (already scope-checked) as `viewer` may see them, with ratings. */
  async goalsOf(linkUp: LinkUp, viewer: JourneyViewer, manager?: EntityManager): Promise<GoalWithRatings[]> {
    if (!isVisibleTo(viewer, { familyId: linkUp.seekingFamilyId, coachOnly: false })) return [];
    const repo = manager?.getRepository(Goal) ?? this.goals;
    const goals = await repo.find({ where: { linkUpId: linkUp.id }, order: { createdAt: 'ASC', id: 'ASC' } });
    const ratings = await repo.manager
      .getRepository(GoalRating)
      .find({ where: { linkUpId: linkUp.id }, order: { ratedAt: 'DESC', id: 'DESC' } });
    return goals.map((goal) => ({ goal, ratings: ratings.filter((r) => r.goalId === goal.id) }));
  }

  /** Active goals of the link-up (each is the Seeking family's, in its words): a stage guard fact. */
  countActiveGoals(linkUpId: string, manager?: EntityManager): Promise<number> {
    return (manager?.getRepository(Goal) ?? this.goals).countBy({ linkUpId, status: 'active' });
  }

  /**
   * countActiveGoals(id) and countRatingsSince(id, since) of each link-up, in one read (the stage
   * guards of a whole worklist).
   */
  async goalFacts(
    linkUps: readonly { readonly id: string; readonly since: Date | null }[],
    manager?: EntityManager,
  ): Promise<{ activeGoals: number; ratingsSince: number }[]> {
    if (linkUps.length === 0) return [];
    const rows = await (manager ?? this.goals.manager).query<
      { id: string; active: number; ratings: number }[]
    >(
      `SELECT x.id,
              (SELECT count(*)::int FROM goals g
                WHERE g.link_up_id = x.id AND g.status::text = 'active') AS active,
              (SELECT count(*)::int FROM goal_ratings r
                WHERE r.link_up_id = x.id AND (x.since IS NULL OR r.rated_at >= x.since)) AS ratings
         FROM unnest($1::uuid[], $2::timestamptz[]) AS x(id, since)`,
      [linkUps.map((linkUp) => linkUp.id), linkUps.map((linkUp) => linkUp.since)],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    return linkUps.map((linkUp) => ({
      activeGoals: byId.get(linkUp.id)?.active ?? 0,
      ratingsSince: byId.get(linkUp.id)?.ratings ?? 0,
    }));
  }

  /** Ratings of the link-up's goals made at or after `since` (all of them when null): a guard fact. */
  countRatingsSince(linkUpId: string, since: Date | null, manager?: EntityManager): Promise<number> {
    return (manager ?? this.goals.manager).getRepository(GoalRating).countBy({
      linkUpId,
      ...(since === null ? {} : { ratedAt: MoreThanOrEqual(since) }),
    });
  }

  private async lockGoal(manager: EntityManager, goalId: string): Promise<Goal> {
    const goal = await manager
      .getRepository(Goal)
      .createQueryBuilder('g')
      .setLock('pessimistic_write')
      .where('g.id = :id', { id: goalId })
      .getOne();
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
  private async linkUpForGoalWrite(actor: Actor, goal: Goal, manager: EntityManager): Promise<LinkUp> {
    const linkUp = await this.linkUps
      .shareLockLinkUpInScope(manager, actor, goal.linkUpId)
      .catch((error: unknown) => {
        throw isNotFound(error) ? CommonErrors.notFound('Goal') : error;
      });
    const viewer = await this.viewers.viewerFor(actor, linkUp, manager);
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
