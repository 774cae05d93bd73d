import type { MatchExplanation } from '@app/domain';
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
import { Site } from '../sites';
import { User } from '../users';

export const MATCH_PROPOSAL_STATUSES = [
  'open',
  /** The Seeking family chose; the Sharing family has not answered yet. */
  'awaiting_sharing_family',
  'chosen',
  'declined',
  'more_options_requested',
  'sharing_family_declined',
  'withdrawn',
] as const;
export type MatchProposalStatus = (typeof MATCH_PROPOSAL_STATUSES)[number];

/** One shortlisted Sharing family, with the explanation as it stood when the coach offered it. */
export interface ShortlistedCandidate {
  readonly sharingFamilyId: string;
  readonly rank: number;
  readonly score: number;
  /**
   * The figure it was ranked by (unknown factors at a neutral 0.5). Absent from shortlists offered
   * before issue 16: read it with `rankingScoreOf` from @app/domain, which derives it.
   */
  readonly rankingScore?: number;
  /** The matching engine's explanation at the time of the offer (ids, keys and plain reasons). */
  readonly explanation: MatchExplanation;
  /** The pair had been declined before and the coach overrode that. */
  readonly overrodeDecline: boolean;
}

/**
 * The shortlist a coach offered a Seeking family (DESIGN §3): its candidates with the explanation
 * snapshot, then the family's decision and the Sharing family's answer. `version` guards the
 * decision: a stale one is a 409.
 */
@Entity({ name: 'match_proposals' })
@Index('IDX_match_proposals_seeking_family', ['seekingFamilyId', 'createdAt'])
@Check(
  'CHK_match_proposals_status',
  `"status" IN ('open', 'awaiting_sharing_family', 'chosen', 'declined', 'more_options_requested', 'sharing_family_declined', 'withdrawn')`,
)
export class MatchProposal {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => Site, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'site_id', foreignKeyConstraintName: 'FK_match_proposals_site' })
  site?: Site;

  @Column({ name: 'site_id', type: 'uuid' })
  siteId: string;

  @ManyToOne(() => Family, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'seeking_family_id', foreignKeyConstraintName: 'FK_match_proposals_seeking_family' })
  seekingFamily?: Family;

  @Column({ name: 'seeking_family_id', type: 'uuid' })
  seekingFamilyId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'offered_by', foreignKeyConstraintName: 'FK_match_proposals_offered_by' })
  offeredByUser?: User;

  @Column({ name: 'offered_by', type: 'uuid' })
  offeredBy: string;

  @Column({ type: 'varchar', length: 24, default: 'open' })
  status: MatchProposalStatus;

  @Column({ type: 'jsonb' })
  candidates: ShortlistedCandidate[];

  /** The settings version the explanations were computed with. */
  @Column({ name: 'settings_version', type: 'integer' })
  settingsVersion: number;

  @ManyToOne(() => Family, { onDelete: 'SET NULL' })
  @JoinColumn({
    name: 'chosen_sharing_family_id',
    foreignKeyConstraintName: 'FK_match_proposals_chosen_sharing_family',
  })
  chosenSharingFamily?: Family;

  @Index('IDX_match_proposals_chosen_sharing_family')
  @Column({ name: 'chosen_sharing_family_id', type: 'uuid', nullable: true })
  chosenSharingFamilyId: string | null;

  @ManyToOne(() => LinkUp, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'link_up_id', foreignKeyConstraintName: 'FK_match_proposals_link_up' })
  linkUp?: LinkUp;

  @Index('IDX_match_proposals_link_up')
  @Column({ name: 'link_up_id', type: 'uuid', nullable: true })
  linkUpId: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
