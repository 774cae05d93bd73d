import type { OutcomeAssessor, OutcomeDeclineReason, OutcomeTimepoint } from '@app/domain';
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

/**
 * One outcome measure of a family (DESIGN §3): an instrument at a timepoint with its score, or
 * declined with a coded reason. Append-only. `linkUpId` is the family's live link-up when it was
 * recorded (null before the family is linked): the stage guards read the measures of their link-up.
 */
@Entity({ name: 'outcome_measures' })
@Index('IDX_outcome_measures_family_timepoint', ['familyId', 'timepoint', 'administeredAt'])
@Index('IDX_outcome_measures_link_up', ['linkUpId'])
@Check('CHK_outcome_measures_timepoint', `"timepoint" IN ('baseline', 'review', 'exit', 'follow_up')`)
@Check(
  'CHK_outcome_measures_score_or_declined',
  `("declined" AND "score" IS NULL AND "decline_reason" IS NOT NULL) OR (NOT "declined" AND "score" IS NOT NULL AND "decline_reason" IS NULL)`,
)
export class OutcomeMeasure {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => Family, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'family_id', foreignKeyConstraintName: 'FK_outcome_measures_family' })
  family?: Family;

  @Column({ name: 'family_id', type: 'uuid' })
  familyId: string;

  @ManyToOne(() => LinkUp, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'link_up_id', foreignKeyConstraintName: 'FK_outcome_measures_link_up' })
  linkUp?: LinkUp;

  @Column({ name: 'link_up_id', type: 'uuid', nullable: true })
  linkUpId: string | null;

  @Column({ type: 'varchar', length: 40 })
  instrument: string;

  @Column({ type: 'varchar', length: 12 })
  timepoint: OutcomeTimepoint;

  @Column({ type: 'double precision', nullable: true })
  score: number | null;

  @Column({ type: 'boolean', default: false })
  declined: boolean;

  @Column({ name: 'decline_reason', type: 'varchar', length: 24, nullable: true })
  declineReason: OutcomeDeclineReason | null;

  @Column({ name: 'administered_at', type: 'timestamptz' })
  administeredAt: Date;

  /** Who answered: the family, the coach, or both together. */
  @Column({ name: 'assessed_by', type: 'varchar', length: 8 })
  assessedBy: OutcomeAssessor;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by', foreignKeyConstraintName: 'FK_outcome_measures_recorded_by' })
  recorder?: User;

  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
