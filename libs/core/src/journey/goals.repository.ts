import { Injectable } from '@nestjs/common';
import { MoreThanOrEqual } from 'typeorm';
import { TransactionContext } from '../transaction';
import { GoalRating } from './goal-rating.entity';
import { Goal } from './goal.entity';

/** A link-up's goal facts for the stage guards: active goals, and ratings since a time. */
export interface GoalFactsRow {
  readonly id: string;
  readonly active: number;
  readonly ratings: number;
}

/**
 * The goals' and their ratings' rows, read and written in the transaction open in this async context
 * (autocommit outside one): no method takes a `manager`.
 */
@Injectable()
export class GoalsRepository {
  constructor(private readonly transactions: TransactionContext) {}

  private get goals() {
    return this.transactions.repository(Goal);
  }

  private get ratings() {
    return this.transactions.repository(GoalRating);
  }

  /** Saves a new goal (its id, version and times filled in). */
  insertGoal(
    goal: Omit<Goal, 'id' | 'version' | 'createdAt' | 'updatedAt'> & { createdAt?: Date },
  ): Promise<Goal> {
    return this.goals.save(this.goals.create(goal));
  }

  /** The goal, locked `FOR UPDATE` until the transaction ends; null when there is none. */
  lockGoal(goalId: string): Promise<Goal | null> {
    return this.goals
      .createQueryBuilder('g')
      .setLock('pessimistic_write')
      .where('g.id = :id', { id: goalId })
      .getOne();
  }

  findGoal(goalId: string): Promise<Goal | null> {
    return this.goals.findOneBy({ id: goalId });
  }

  /** The goal of this link-up with that id, or null. */
  goalOfLinkUp(goalId: string, linkUpId: string): Promise<Goal | null> {
    return this.goals.findOneBy({ id: goalId, linkUpId });
  }

  /** Saves the changes to the goal (its version moves on). */
  reviseGoal(
    goal: Goal,
    changes: Partial<Pick<Goal, 'text' | 'theme' | 'status' | 'statusChangedAt'>>,
  ): Promise<Goal> {
    return this.goals.save(this.goals.merge(goal, changes));
  }

  /** Saves a new rating (its id filled in). */
  insertRating(rating: Omit<GoalRating, 'id' | 'createdAt'>): Promise<GoalRating> {
    return this.ratings.save(this.ratings.create(rating));
  }

  /** A link-up's goals, oldest first. */
  goalsOfLinkUp(linkUpId: string): Promise<Goal[]> {
    return this.goals.find({ where: { linkUpId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** A link-up's ratings, newest first. */
  ratingsOfLinkUp(linkUpId: string): Promise<GoalRating[]> {
    return this.ratings.find({ where: { linkUpId }, order: { ratedAt: 'DESC', id: 'DESC' } });
  }

  countActiveGoals(linkUpId: string): Promise<number> {
    return this.goals.countBy({ linkUpId, status: 'active' });
  }

  /** Ratings of the link-up's goals made at or after `since` (all of them when null). */
  countRatingsSince(linkUpId: string, since: Date | null): Promise<number> {
    return this.ratings.countBy({
      linkUpId,
      ...(since === null ? {} : { ratedAt: MoreThanOrEqual(since) }),
    });
  }

  /** Active goals and ratings since each link-up's time, in one read. */
  goalFacts(
    linkUps: readonly { readonly id: string; readonly since: Date | null }[],
  ): Promise<GoalFactsRow[]> {
    return this.transactions.manager.query<GoalFactsRow[]>(
      `SELECT x.id,
              (SELECT count(*)::int FROM goals g
                WHERE g.link_up_id = x.id AND g.status::text = 'active') AS active,
              (SELECT count(*)::int FROM goal_ratings r
                WHERE r.link_up_id = x.id AND (x.since IS NULL OR r.rated_at >= x.since)) AS ratings
         FROM unnest($1::uuid[], $2::timestamptz[]) AS x(id, since)`,
      [linkUps.map((linkUp) => linkUp.id), linkUps.map((linkUp) => linkUp.since)],
    );
  }
}
