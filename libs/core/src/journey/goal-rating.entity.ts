import type { GoalRater } from '@app/domain';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { LinkUp } from '../link-ups';
import { User } from '../users';
import { Goal } from './goal.entity';

/** One Goal Attainment Scaling rating (−2…+2) of a goal, append-only. */
@Entity({ name: 'goal_ratings' })
@Index('IDX_goal_ratings_goal_rated_at', ['goalId', 'ratedAt'])
@Index('IDX_goal_ratings_link_up_rated_at', ['linkUpId', 'ratedAt'])
@Check('CHK_goal_ratings_rating', `"rating" BETWEEN -2 AND 2`)
@Check('CHK_goal_ratings_rated_by', `"rated_by" IN ('family', 'coach', 'joint')`)
export class GoalRating {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => Goal, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'goal_id', foreignKeyConstraintName: 'FK_goal_ratings_goal' })
  goal?: Goal;

  @Column({ name: 'goal_id', type: 'uuid' })
  goalId: string;

  @ManyToOne(() => LinkUp, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'link_up_id', foreignKeyConstraintName: 'FK_goal_ratings_link_up' })
  linkUp?: LinkUp;

  @Column({ name: 'link_up_id', type: 'uuid' })
  linkUpId: string;

  @Column({ type: 'smallint' })
  rating: number;

  @Column({ name: 'rated_by', type: 'varchar', length: 8 })
  ratedBy: GoalRater;

  @Column({ name: 'rated_at', type: 'timestamptz' })
  ratedAt: Date;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by', foreignKeyConstraintName: 'FK_goal_ratings_recorded_by' })
  recorder?: User;

  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
