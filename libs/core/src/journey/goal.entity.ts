import type { GoalStatus } from '@app/domain';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Family } from '../families';
import { LinkUp } from '../link-ups';
import { User } from '../users';

/**
 * A Seeking family's change goal in its own words (DESIGN §3), with a theme from the goal-theme
 * vocabulary. `version` guards edits and status changes.
 */
@Entity({ name: 'goals' })
@Index('IDX_goals_link_up_status', ['linkUpId', 'status'])
@Check('CHK_goals_status', `"status" IN ('active', 'achieved', 'set_aside')`)
export class Goal {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => LinkUp, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'link_up_id', foreignKeyConstraintName: 'FK_goals_link_up' })
  linkUp?: LinkUp;

  @Column({ name: 'link_up_id', type: 'uuid' })
  linkUpId: string;

  /** The Seeking family whose goal it is. */
  @ManyToOne(() => Family, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'family_id', foreignKeyConstraintName: 'FK_goals_family' })
  family?: Family;

  @Index('IDX_goals_family')
  @Column({ name: 'family_id', type: 'uuid' })
  familyId: string;

  /** The family's own words (shown to the family and its coach; never logged or exported). */
  @Column({ type: 'varchar', length: 500 })
  text: string;

  @Column({ type: 'varchar', length: 64 })
  theme: string;

  @Column({ type: 'varchar', length: 12, default: 'active' })
  status: GoalStatus;

  @Column({ name: 'status_changed_at', type: 'timestamptz', nullable: true })
  statusChangedAt: Date | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by', foreignKeyConstraintName: 'FK_goals_recorded_by' })
  recorder?: User;

  /** Who typed it in: the family user itself, or its coach writing down the family's words. */
  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy: string;

  @Column({ name: 'recorded_by_role', type: 'varchar', length: 16 })
  recordedByRole: string;

  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
