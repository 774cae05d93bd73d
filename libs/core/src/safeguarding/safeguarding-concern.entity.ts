import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  VersionColumn,
} from 'typeorm';
import { Family } from '../families';
import { LinkUp } from '../link-ups';
import { Site } from '../sites';
import { User } from '../users';

export const CONCERN_SEVERITIES = ['immediate_danger', 'high', 'medium', 'low'] as const;
export type ConcernSeverity = (typeof CONCERN_SEVERITIES)[number];

/** Who brought the concern: staff themselves, or a family through its coach. */
export const CONCERN_SOURCES = ['staff', 'family'] as const;
export type ConcernSource = (typeof CONCERN_SOURCES)[number];

export const CONCERN_STATUSES = ['open', 'triaged', 'closed'] as const;
export type ConcernStatus = (typeof CONCERN_STATUSES)[number];

/**
 * A safeguarding concern (DESIGN §3, §4.4): raised by staff (a family's worry through its coach),
 * never visible to family users, every read audited. `status` is the current state; the history of
 * triage decisions and amendments is kept as new entries, never by rewriting.
 */
@Entity({ name: 'safeguarding_concerns' })
@Index('IDX_safeguarding_concerns_link_up_status', ['linkUpId', 'status'])
@Index('IDX_safeguarding_concerns_site_status', ['siteId', 'status'])
@Index('IDX_safeguarding_concerns_open_triage_due', ['triageDueAt'], { where: `"status" = 'open'` })
@Check('CHK_safeguarding_concerns_severity', `"severity" IN ('immediate_danger', 'high', 'medium', 'low')`)
@Check('CHK_safeguarding_concerns_status', `"status" IN ('open', 'triaged', 'closed')`)
export class SafeguardingConcern {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => Site, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'site_id', foreignKeyConstraintName: 'FK_safeguarding_concerns_site' })
  site?: Site;

  @Column({ name: 'site_id', type: 'uuid' })
  siteId: string;

  @ManyToOne(() => LinkUp, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'link_up_id', foreignKeyConstraintName: 'FK_safeguarding_concerns_link_up' })
  linkUp?: LinkUp;

  @Column({ name: 'link_up_id', type: 'uuid', nullable: true })
  linkUpId: string | null;

  @ManyToOne(() => Family, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'family_id', foreignKeyConstraintName: 'FK_safeguarding_concerns_family' })
  family?: Family;

  @Column({ name: 'family_id', type: 'uuid', nullable: true })
  familyId: string | null;

  @Column({ type: 'varchar', length: 16 })
  severity: ConcernSeverity;

  @Column({ type: 'varchar', length: 8, default: 'open' })
  status: ConcernStatus;

  /** Staff-only description: never logged, never exported, never shown to families. */
  @Column({ type: 'text' })
  description: string;

  @Column({ name: 'triage_due_at', type: 'timestamptz' })
  triageDueAt: Date;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'raised_by', foreignKeyConstraintName: 'FK_safeguarding_concerns_raised_by' })
  raiser?: User;

  @Column({ name: 'raised_by', type: 'uuid' })
  raisedBy: string;

  @CreateDateColumn({ name: 'raised_at', type: 'timestamptz' })
  raisedAt: Date;

  /**
   * The check-in at which it was raised, if any. Named by its entity name, and typed by its key only,
   * not its class: check-ins raise concerns through this feature, so importing even the type here
   * would close an import loop. Nothing loads the relation; `checkInId` is what the code reads.
   */
  @ManyToOne('CheckIn', { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'check_in_id', foreignKeyConstraintName: 'FK_safeguarding_concerns_check_in' })
  checkIn?: Relation<{ id: string }>;

  @Column({ name: 'check_in_id', type: 'uuid', nullable: true })
  checkInId: string | null;

  @Column({ type: 'varchar', length: 8, default: 'staff' })
  source: ConcernSource;

  /** When it was first triaged (null while open). */
  @Column({ name: 'triaged_at', type: 'timestamptz', nullable: true })
  triagedAt: Date | null;

  /** When its triage deadline passed untriaged and admins were told. */
  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true })
  escalatedAt: Date | null;

  @VersionColumn({ default: 1 })
  version: number;
}
