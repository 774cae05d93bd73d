import type { FeedbackViewpoint } from '@app/domain';
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

/**
 * One viewpoint's answer for one check-in period of a link-up (DESIGN §3 "Feedback"): how the
 * relationship is going and how things are changing (1–5), with optional words only staff read.
 * One row per link-up, viewpoint and period: answering again in the period replaces the answer.
 */
@Entity({ name: 'link_up_feedback' })
@Index('UQ_link_up_feedback_link_up_viewpoint_period', ['linkUpId', 'viewpoint', 'period'], { unique: true })
@Check('CHK_link_up_feedback_viewpoint', `"viewpoint" IN ('seeking', 'sharing', 'coach')`)
@Check('CHK_link_up_feedback_relationship', `"relationship" BETWEEN 1 AND 5`)
@Check('CHK_link_up_feedback_change', `"change" BETWEEN 1 AND 5`)
@Check('CHK_link_up_feedback_period', `"period" >= 1`)
export class LinkUpFeedback {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => LinkUp, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'link_up_id', foreignKeyConstraintName: 'FK_link_up_feedback_link_up' })
  linkUp?: LinkUp;

  @Column({ name: 'link_up_id', type: 'uuid' })
  linkUpId: string;

  @Column({ type: 'varchar', length: 8 })
  viewpoint: FeedbackViewpoint;

  /** The check-in period, 1 for the link-up's first `feedback.periodDays` days. */
  @Column({ type: 'integer' })
  period: number;

  @Column({ type: 'smallint' })
  relationship: number;

  @Column({ type: 'smallint' })
  change: number;

  /** Optional words for the coach (never logged, exported or shown to a family). */
  @Column({ type: 'text', nullable: true })
  words: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'given_by', foreignKeyConstraintName: 'FK_link_up_feedback_given_by' })
  giver?: User;

  @Column({ name: 'given_by', type: 'uuid' })
  givenBy: string;

  /** When the answer was (last) given, from the clock. */
  @Column({ name: 'given_at', type: 'timestamptz' })
  givenAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
