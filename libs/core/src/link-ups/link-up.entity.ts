import type { LinkUpStage, LinkUpStatus } from '@app/domain';
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
import { Site } from '../sites';
import { User } from '../users';

/**
 * A pairing of a Seeking and a Sharing family (DESIGN §3, §4.3). `version` guards every change:
 * a stale version is a 409, never a lost update. A Seeking family has at most one live link-up.
 */
@Entity({ name: 'link_ups' })
@Index('UQ_link_ups_live_seeking_family', ['seekingFamilyId'], {
  unique: true,
  where: `"status" IN ('active', 'paused')`,
})
@Index('IDX_link_ups_sharing_status', ['sharingFamilyId', 'status'])
@Index('IDX_link_ups_site_status', ['siteId', 'status'])
@Check('CHK_link_ups_stage', `"stage" IN ('relationship_building', 'doing_with', 'doing_without')`)
@Check('CHK_link_ups_status', `"status" IN ('active', 'paused', 'completed', 'ended_early')`)
export class LinkUp {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => Site, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'site_id', foreignKeyConstraintName: 'FK_link_ups_site' })
  site?: Site;

  @Column({ name: 'site_id', type: 'uuid' })
  siteId: string;

  @ManyToOne(() => Family, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'seeking_family_id', foreignKeyConstraintName: 'FK_link_ups_seeking_family' })
  seekingFamily?: Family;

  @Column({ name: 'seeking_family_id', type: 'uuid' })
  seekingFamilyId: string;

  @ManyToOne(() => Family, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'sharing_family_id', foreignKeyConstraintName: 'FK_link_ups_sharing_family' })
  sharingFamily?: Family;

  @Column({ name: 'sharing_family_id', type: 'uuid' })
  sharingFamilyId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'coach_id', foreignKeyConstraintName: 'FK_link_ups_coach' })
  coach?: User;

  @Index('IDX_link_ups_coach')
  @Column({ name: 'coach_id', type: 'uuid' })
  coachId: string;

  /** The shortlist the Seeking family chose from (null for link-ups recorded otherwise). */
  @Column({ name: 'match_proposal_id', type: 'uuid', nullable: true })
  matchProposalId: string | null;

  @ManyToOne(() => LinkUp, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'previous_link_up_id', foreignKeyConstraintName: 'FK_link_ups_previous_link_up' })
  previousLinkUp?: LinkUp;

  /** A re-match: the Seeking family's link-up before this one (closed), or null for its first. */
  @Column({ name: 'previous_link_up_id', type: 'uuid', nullable: true })
  previousLinkUpId: string | null;

  @Column({ type: 'varchar', length: 24, default: 'relationship_building' })
  stage: LinkUpStage;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: LinkUpStatus;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  /** Planned length in weeks (10–30 in the programme). */
  @Column({ name: 'planned_weeks', type: 'smallint', default: 20 })
  plannedWeeks: number;

  /** Set while paused: the start of the current pause. */
  @Column({ name: 'paused_since', type: 'timestamptz', nullable: true })
  pausedSince: Date | null;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  /** Completed: the closure reason; ended early: one of the END_EARLY_REASONS. */
  @Column({ name: 'closure_reason', type: 'varchar', length: 40, nullable: true })
  closureReason: string | null;

  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
