import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { Site } from '../sites';
import type { UserRole } from '../access';

/**
 * A person who signs in: staff (admin, supervisor, coach, evaluator) or an adult of a family.
 * `tokenVersion` is in every access token; bumping it (deactivation, password change) makes the
 * tokens issued before stop working on their next request.
 */
@Entity({ name: 'users' })
@Index('IDX_users_site_role', ['siteId', 'role'])
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored trimmed and lower-cased; unique. */
  @Index('UQ_users_email', { unique: true })
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ name: 'display_name', type: 'varchar', length: 120 })
  displayName: string;

  @Column({ type: 'varchar', length: 16 })
  role: UserRole;

  /** Null only for programme-wide admins and evaluators. */
  @ManyToOne(() => Site, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'site_id', foreignKeyConstraintName: 'FK_users_site' })
  site?: Site;

  @Column({ name: 'site_id', type: 'uuid', nullable: true })
  siteId: string | null;

  /**
   * The family a `family` user belongs to. Named by its entity name, and typed by its key only, not
   * its class: families stand above users (and refer to them), so users imports nothing of families.
   * Nothing loads the relation; `familyId` is what the code reads.
   */
  @ManyToOne('Family', { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'family_id', foreignKeyConstraintName: 'FK_users_family' })
  family?: Relation<{ id: string }>;

  @Index('IDX_users_family')
  @Column({ name: 'family_id', type: 'uuid', nullable: true })
  familyId: string | null;

  /** A coach's supervisor. */
  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'supervisor_id', foreignKeyConstraintName: 'FK_users_supervisor' })
  supervisor?: User;

  @Index('IDX_users_supervisor')
  @Column({ name: 'supervisor_id', type: 'uuid', nullable: true })
  supervisorId: string | null;

  /** argon2id, PHC string. */
  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'token_version', type: 'integer', default: 1 })
  tokenVersion: number;

  @Column({ name: 'deactivated_at', type: 'timestamptz', nullable: true })
  deactivatedAt: Date | null;

  @Column({ name: 'password_changed_at', type: 'timestamptz', nullable: true })
  passwordChangedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
