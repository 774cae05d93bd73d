import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { Family } from '../families';
import { User } from '../users';

/**
 * A coach's invitation of a family's adult to Family Link (issue 15): an emailed link, or a short
 * code the coach reads out on the phone. Only hashes of the link's secret and of the code are kept;
 * it expires, and works once (then it names the account it made).
 */
@Entity({ name: 'family_invitations' })
export class FamilyInvitation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => Family, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'family_id', foreignKeyConstraintName: 'FK_family_invitations_family' })
  family?: Relation<Family>;

  @Index('IDX_family_invitations_family')
  @Column({ name: 'family_id', type: 'uuid' })
  familyId: string;

  /** The adult's sign-in email (staff only; never logged). */
  @Column({ type: 'varchar', length: 254 })
  email: string;

  /** The name the account shows (the family's preferred name for this adult). */
  @Column({ name: 'display_name', type: 'varchar', length: 120 })
  displayName: string;

  @Index('UQ_family_invitations_token_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Index('UQ_family_invitations_code_hash', { unique: true })
  @Column({ name: 'code_hash', type: 'varchar', length: 64 })
  codeHash: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'joined_at', type: 'timestamptz', nullable: true })
  joinedAt: Date | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'joined_user_id', foreignKeyConstraintName: 'FK_family_invitations_joined_user' })
  joinedUser?: Relation<User>;

  @Column({ name: 'joined_user_id', type: 'uuid', nullable: true })
  joinedUserId: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'invited_by', foreignKeyConstraintName: 'FK_family_invitations_invited_by' })
  inviter?: Relation<User>;

  @Column({ name: 'invited_by', type: 'uuid' })
  invitedBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
