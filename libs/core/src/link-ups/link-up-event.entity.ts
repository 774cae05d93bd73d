import type { LinkUpStage, LinkUpStatus } from '@app/domain';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users';
import { LinkUp } from './link-up.entity';

export const LINK_UP_EVENT_KINDS = [
  'created',
  'stage_advanced',
  'stage_moved_back',
  'paused',
  'resumed',
  'completed',
  'ended_early',
  'coach_changed',
] as const;
export type LinkUpEventKind = (typeof LINK_UP_EVENT_KINDS)[number];

/**
 * The link-up's history, append-only: every stage change, pause, resume, ending and coach change
 * (from, to, when, who, why). Durations and paused periods are derived from it.
 */
@Entity({ name: 'link_up_events' })
@Index('IDX_link_up_events_link_up_at', ['linkUpId', 'at'])
export class LinkUpEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => LinkUp, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'link_up_id', foreignKeyConstraintName: 'FK_link_up_events_link_up' })
  linkUp?: LinkUp;

  @Column({ name: 'link_up_id', type: 'uuid' })
  linkUpId: string;

  @Column({ type: 'varchar', length: 24 })
  kind: LinkUpEventKind;

  @Column({ name: 'from_stage', type: 'varchar', length: 24, nullable: true })
  fromStage: LinkUpStage | null;

  @Column({ name: 'to_stage', type: 'varchar', length: 24, nullable: true })
  toStage: LinkUpStage | null;

  @Column({ name: 'from_status', type: 'varchar', length: 16, nullable: true })
  fromStatus: LinkUpStatus | null;

  @Column({ name: 'to_status', type: 'varchar', length: 16, nullable: true })
  toStatus: LinkUpStatus | null;

  @Column({ name: 'from_coach_id', type: 'uuid', nullable: true })
  fromCoachId: string | null;

  @Column({ name: 'to_coach_id', type: 'uuid', nullable: true })
  toCoachId: string | null;

  /** Why (staff-visible; never exported). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

  @Column({ type: 'timestamptz' })
  at: Date;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'actor_id', foreignKeyConstraintName: 'FK_link_up_events_actor' })
  actor?: User;

  @Column({ name: 'actor_id', type: 'uuid' })
  actorId: string;
}
