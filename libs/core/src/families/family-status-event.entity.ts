import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Family } from './family.entity';

/** What moved a family's lifecycle status. */
export const FAMILY_STATUS_CAUSES = [
  'hand_move',
  'shortlist_offered',
  'link_up_started',
  'link_up_completed',
  'link_up_ended_early',
  'checks_expired',
] as const;
export type FamilyStatusCause = (typeof FAMILY_STATUS_CAUSES)[number];

/**
 * A family's status history (DESIGN §4.1), append-only: every move, with what caused it and, for a
 * link-up closing, the link-up and its reason code (never free text).
 */
@Entity({ name: 'family_status_events' })
@Index('IDX_family_status_events_family_at', ['familyId', 'at'])
export class FamilyStatusEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => Family, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'family_id', foreignKeyConstraintName: 'FK_family_status_events_family' })
  family?: Family;

  @Column({ name: 'family_id', type: 'uuid' })
  familyId: string;

  @Column({ name: 'from_status', type: 'varchar', length: 16, nullable: true })
  fromStatus: string | null;

  @Column({ name: 'to_status', type: 'varchar', length: 16 })
  toStatus: string;

  @Column({ type: 'varchar', length: 24 })
  cause: FamilyStatusCause;

  /** The link-up whose start or closing moved the family. */
  @Column({ name: 'link_up_id', type: 'uuid', nullable: true })
  linkUpId: string | null;

  /** For a link-up closing: its closure or end-early reason code. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  reason: string | null;

  @Column({ type: 'timestamptz' })
  at: Date;

  /** Who moved it (null: the system, e.g. an expired check). */
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;
}
