import type { SmallWinVisibility } from '@app/domain';
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
import { Family } from '../families';
import { LinkUp } from '../link-ups';
import { User } from '../users';
import { Goal } from './goal.entity';

/**
 * A small win (DESIGN §3): short text, the day it happened, optionally the goal it moves on, and
 * whose win it is (`familyId`: what the partner family may see depends on that family's consent).
 * `coach_only` wins are never shown to family users.
 */
@Entity({ name: 'small_wins' })
@Index('IDX_small_wins_link_up_occurred', ['linkUpId', 'occurredOn'])
@Check('CHK_small_wins_visibility', `"visibility" IN ('link_up', 'coach_only')`)
export class SmallWin {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => LinkUp, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'link_up_id', foreignKeyConstraintName: 'FK_small_wins_link_up' })
  linkUp?: LinkUp;

  @Column({ name: 'link_up_id', type: 'uuid' })
  linkUpId: string;

  @ManyToOne(() => Family, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'family_id', foreignKeyConstraintName: 'FK_small_wins_family' })
  family?: Family;

  @Column({ name: 'family_id', type: 'uuid' })
  familyId: string;

  @ManyToOne(() => Goal, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'goal_id', foreignKeyConstraintName: 'FK_small_wins_goal' })
  goal?: Goal;

  @Column({ name: 'goal_id', type: 'uuid', nullable: true })
  goalId: string | null;

  /** The family's words (never logged or exported). */
  @Column({ type: 'varchar', length: 280 })
  text: string;

  @Column({ name: 'occurred_on', type: 'date' })
  occurredOn: string;

  @Column({ type: 'varchar', length: 12 })
  visibility: SmallWinVisibility;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by', foreignKeyConstraintName: 'FK_small_wins_recorded_by' })
  recorder?: User;

  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy: string;

  @Column({ name: 'recorded_by_role', type: 'varchar', length: 16 })
  recordedByRole: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
