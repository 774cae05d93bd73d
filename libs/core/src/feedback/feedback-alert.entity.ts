import type { FeedbackQuestion, FeedbackViewpoint } from '@app/domain';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { LinkUp } from '../link-ups';

/**
 * A "check in on this" alert of a link-up's feedback: viewpoints that diverged on a question in a
 * period, or a family's answer that dropped. `key` is unique per link-up, so each divergence or
 * drop is recorded (and its coach notified) exactly once, however often answers are given.
 */
@Entity({ name: 'link_up_feedback_alerts' })
@Index('UQ_link_up_feedback_alerts_link_up_key', ['linkUpId', 'key'], { unique: true })
@Check('CHK_link_up_feedback_alerts_kind', `"kind" IN ('diverged', 'dropped')`)
export class FeedbackAlert {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => LinkUp, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'link_up_id', foreignKeyConstraintName: 'FK_link_up_feedback_alerts_link_up' })
  linkUp?: LinkUp;

  @Column({ name: 'link_up_id', type: 'uuid' })
  linkUpId: string;

  @Column({ type: 'varchar', length: 64 })
  key: string;

  @Column({ type: 'varchar', length: 8 })
  kind: 'diverged' | 'dropped';

  @Column({ type: 'integer' })
  period: number;

  @Column({ type: 'varchar', length: 16 })
  question: FeedbackQuestion;

  /** Diverged: the lowest answer's viewpoint; dropped: the family whose answer dropped. */
  @Column({ name: 'low_viewpoint', type: 'varchar', length: 8 })
  lowViewpoint: FeedbackViewpoint;

  @Column({ name: 'low_rating', type: 'smallint' })
  lowRating: number;

  /** Diverged: the highest answer's viewpoint; dropped: the same family (its previous answer). */
  @Column({ name: 'high_viewpoint', type: 'varchar', length: 8 })
  highViewpoint: FeedbackViewpoint;

  @Column({ name: 'high_rating', type: 'smallint' })
  highRating: number;

  @Column({ name: 'detected_at', type: 'timestamptz' })
  detectedAt: Date;
}
