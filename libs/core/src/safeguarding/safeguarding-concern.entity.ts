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
import { Family } from '../families/family.entity';
import { LinkUp } from '../link-ups/link-up.entity';
import { Site } from '../sites/site.entity';
import { User } from '../users/user.entity';

export const CONCERN_SEVERITIES = ['immediate_danger', 'high', 'medium', 'low'] as const;
export type ConcernSeverity = (typeof CONCERN_SEVERITIES)[number];

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
}
