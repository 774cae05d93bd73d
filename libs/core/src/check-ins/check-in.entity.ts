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
import { LinkUp } from '../link-ups';
import { User } from '../users';

export const CHECK_IN_PARTIES_STORED = ['sharing', 'seeking', 'both'] as const;
export type CheckInParty = (typeof CHECK_IN_PARTIES_STORED)[number];

/** Planned kinds come from the cadence planner; `ad_hoc` is a check-in a coach records unplanned. */
export const CHECK_IN_KINDS_STORED = [
  'first_contact',
  'stage_change',
  'resume',
  'cadence',
  'closure',
  'ad_hoc',
] as const;
export type CheckInKind = (typeof CHECK_IN_KINDS_STORED)[number];

export const CHECK_IN_STATUSES_STORED = ['scheduled', 'due', 'completed', 'missed', 'cancelled'] as const;
export type CheckInStatus = (typeof CHECK_IN_STATUSES_STORED)[number];
/** Still waiting to be held: planning may re-date or cancel these; a sweep marks them due or missed. */
export const PENDING_CHECK_IN_STATUSES: readonly CheckInStatus[] = ['scheduled', 'due'];

export const CHECK_IN_MODES = ['in_person', 'phone', 'video', 'message'] as const;
export type CheckInMode = (typeof CHECK_IN_MODES)[number];

/**
 * A coach's check-in with the Sharing family, the Seeking family or both (DESIGN §3, §4.4). The
 * database is the truth of what is scheduled; queue jobs are derived from these rows. `planKey`
 * (from the cadence planner) is unique per link-up, so planning twice never duplicates a check-in.
 */
@Entity({ name: 'check_ins' })
@Index('UQ_check_ins_plan_key', ['linkUpId', 'planKey'], { unique: true, where: '"plan_key" IS NOT NULL' })
@Index('IDX_check_ins_status_due', ['status', 'dueAt'])
@Index('IDX_check_ins_link_up_status', ['linkUpId', 'status'])
@Index('IDX_check_ins_pending_due', ['dueAt'], { where: `"status" IN ('scheduled', 'due')` })
@Index('IDX_check_ins_pending_overdue', ['overdueAt'], { where: `"status" IN ('scheduled', 'due')` })
@Check(
  'CHK_check_ins_relationship_rating',
  `"relationship_rating" IS NULL OR "relationship_rating" BETWEEN 1 AND 5`,
)
@Check('CHK_check_ins_wellbeing_rating', `"wellbeing_rating" IS NULL OR "wellbeing_rating" BETWEEN 1 AND 5`)
export class CheckIn {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => LinkUp, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'link_up_id', foreignKeyConstraintName: 'FK_check_ins_link_up' })
  linkUp?: LinkUp;

  @Column({ name: 'link_up_id', type: 'uuid' })
  linkUpId: string;

  @Column({ type: 'varchar', length: 8 })
  party: CheckInParty;

  @Column({ type: 'varchar', length: 16 })
  kind: CheckInKind;

  /** The planner's stable key (null for ad hoc check-ins). */
  @Column({ name: 'plan_key', type: 'varchar', length: 160, nullable: true })
  planKey: string | null;

  @Column({ type: 'varchar', length: 12 })
  status: CheckInStatus;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  /** When it counts as missed (due + grace period). */
  @Column({ name: 'overdue_at', type: 'timestamptz' })
  overdueAt: Date;

  @Column({ name: 'held_at', type: 'timestamptz', nullable: true })
  heldAt: Date | null;

  @Column({ type: 'varchar', length: 12, nullable: true })
  mode: CheckInMode | null;

  /** Staff-only notes: never shown to families, never logged, never exported. */
  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ name: 'relationship_rating', type: 'smallint', nullable: true })
  relationshipRating: number | null;

  @Column({ name: 'wellbeing_rating', type: 'smallint', nullable: true })
  wellbeingRating: number | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'completed_by', foreignKeyConstraintName: 'FK_check_ins_completed_by' })
  completer?: User;

  @Column({ name: 'completed_by', type: 'uuid', nullable: true })
  completedBy: string | null;

  /** Why it was cancelled (`link_up_paused`, `link_up_closed`, `no_longer_planned`). */
  @Column({ name: 'cancelled_reason', type: 'varchar', length: 24, nullable: true })
  cancelledReason: string | null;

  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
