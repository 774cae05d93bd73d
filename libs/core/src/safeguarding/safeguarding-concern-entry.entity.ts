import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users';
import { SafeguardingConcern, type ConcernSeverity, type ConcernStatus } from './safeguarding-concern.entity';

export const CONCERN_ENTRY_KINDS = ['raised', 'triaged', 'amended', 'escalated'] as const;
export type ConcernEntryKind = (typeof CONCERN_ENTRY_KINDS)[number];

/** What the triage decided. */
export const TRIAGE_DECISIONS = [
  'no_further_action',
  'monitor',
  'support_plan',
  'referred_to_child_protection',
  'referred_to_police',
  'referred_to_other_service',
] as const;
export type TriageDecision = (typeof TRIAGE_DECISIONS)[number];

/** What the triage does to the link-up. */
export const LINK_UP_EFFECTS = ['none', 'pause', 'resume', 'end'] as const;
export type LinkUpEffect = (typeof LINK_UP_EFFECTS)[number];

/**
 * The append-only history of a safeguarding concern (a trigger refuses UPDATE and DELETE): its
 * raising, each triage decision, each amendment and the escalation of a missed triage deadline. An
 * amendment is a new entry, never a change to an old one. Notes are staff-only.
 */
@Entity({ name: 'safeguarding_concern_entries' })
@Index('IDX_safeguarding_concern_entries_concern_at', ['concernId', 'at'])
export class SafeguardingConcernEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => SafeguardingConcern, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'concern_id', foreignKeyConstraintName: 'FK_safeguarding_concern_entries_concern' })
  concern?: SafeguardingConcern;

  @Column({ name: 'concern_id', type: 'uuid' })
  concernId: string;

  @Column({ type: 'varchar', length: 12 })
  kind: ConcernEntryKind;

  /** The severity from this entry on (raised, or changed by an amendment). */
  @Column({ type: 'varchar', length: 16 })
  severity: ConcernSeverity;

  /** The concern's status after this entry. */
  @Column({ type: 'varchar', length: 8 })
  status: ConcernStatus;

  @Column({ type: 'varchar', length: 32, nullable: true })
  decision: TriageDecision | null;

  @Column({ name: 'link_up_effect', type: 'varchar', length: 12, nullable: true })
  linkUpEffect: LinkUpEffect | null;

  /** Staff-only: never logged, exported or shown to families. */
  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** Null for the system (an escalation). */
  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'actor_id', foreignKeyConstraintName: 'FK_safeguarding_concern_entries_actor' })
  actor?: User;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}
