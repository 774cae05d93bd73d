import type { MatchExclusionReason } from '@app/domain';
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
import { User } from '../users';
import { MatchProposal } from './match-proposal.entity';

/** Why a coach lifts an exclusion by hand (a mistaken decline, say). */
export const EXCLUSION_LIFT_REASONS = [
  'recorded_in_error',
  'family_changed_mind',
  'circumstances_changed',
  'other',
] as const;
export type ExclusionLiftReason = (typeof EXCLUSION_LIFT_REASONS)[number];

/**
 * A pair never to propose (DESIGN §3), with its reason code. A `declined` pair may be overridden
 * by a coach (it then stops excluding); the other reasons always hold. Never deleted.
 */
@Entity({ name: 'match_exclusions' })
@Index('UQ_match_exclusions_live_pair', ['seekingFamilyId', 'sharingFamilyId'], {
  unique: true,
  where: '"overridden_at" IS NULL',
})
@Check(
  'CHK_match_exclusions_reason',
  `"reason" IN ('known_to_each_other', 'declined', 'ended_badly', 'other')`,
)
@Check(
  'CHK_match_exclusions_lift_reason',
  `"lift_reason" IS NULL OR "lift_reason" IN ('recorded_in_error', 'family_changed_mind', 'circumstances_changed', 'other')`,
)
export class MatchExclusion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => Family, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'seeking_family_id', foreignKeyConstraintName: 'FK_match_exclusions_seeking_family' })
  seekingFamily?: Family;

  @Index('IDX_match_exclusions_seeking_family')
  @Column({ name: 'seeking_family_id', type: 'uuid' })
  seekingFamilyId: string;

  @ManyToOne(() => Family, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'sharing_family_id', foreignKeyConstraintName: 'FK_match_exclusions_sharing_family' })
  sharingFamily?: Family;

  @Index('IDX_match_exclusions_sharing_family')
  @Column({ name: 'sharing_family_id', type: 'uuid' })
  sharingFamilyId: string;

  @Column({ type: 'varchar', length: 24 })
  reason: MatchExclusionReason;

  @ManyToOne(() => MatchProposal, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'match_proposal_id', foreignKeyConstraintName: 'FK_match_exclusions_match_proposal' })
  matchProposal?: MatchProposal;

  /** The proposal whose decision recorded it (declined pairs), if any. */
  @Index('IDX_match_exclusions_match_proposal')
  @Column({ name: 'match_proposal_id', type: 'uuid', nullable: true })
  matchProposalId: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'FK_match_exclusions_created_by' })
  creator?: User;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** A coach overrode a `declined` pair: it may be proposed again. */
  @Column({ name: 'overridden_at', type: 'timestamptz', nullable: true })
  overriddenAt: Date | null;

  @Column({ name: 'overridden_by', type: 'uuid', nullable: true })
  overriddenBy: string | null;

  /** Why a coach lifted it (a code of EXCLUSION_LIFT_REASONS); null when not lifted by hand. */
  @Column({ name: 'lift_reason', type: 'varchar', length: 24, nullable: true })
  liftReason: ExclusionLiftReason | null;
}
