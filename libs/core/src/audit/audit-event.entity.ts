import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One line of the audit log: who did or read what, when, in which request. Append-only (a trigger
 * refuses UPDATE, DELETE and TRUNCATE). It never holds names, contacts or notes: only ids, codes
 * and counts.
 */
@Entity({ name: 'audit_events' })
@Index('IDX_audit_events_occurred_at', ['occurredAt'])
@Index('IDX_audit_events_actor', ['actorId', 'occurredAt'])
@Index('IDX_audit_events_entity', ['entityType', 'entityId'])
@Index('IDX_audit_events_action', ['action', 'occurredAt'])
export class AuditEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @CreateDateColumn({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  /** Null for events without a signed-in actor (a failed sign-in, the start-up bootstrap). */
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ name: 'actor_role', type: 'varchar', length: 16, nullable: true })
  actorRole: string | null;

  /** `<entity>.<what happened>`, e.g. `user.created`, `auth.login_failed`, `settings.changed`. */
  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 48 })
  entityType: string;

  @Column({ name: 'entity_id', type: 'varchar', length: 64, nullable: true })
  entityId: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId: string | null;

  /** Codes, ids and counts only (see `AuditDetails`). */
  @Column({ type: 'jsonb', nullable: true })
  details: Record<string, string | number | boolean | null | string[]> | null;
}
