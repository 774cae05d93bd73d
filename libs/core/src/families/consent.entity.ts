import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users';
import { Family } from './family.entity';
import type { ConsentKind } from './family.types';

/**
 * One grant of a consent, closed by its withdrawal; never deleted. At most one open grant per
 * family and kind. "Granted now" = a row with `withdrawn_at IS NULL`.
 */
@Entity({ name: 'consents' })
@Index('UQ_consents_open_grant', ['familyId', 'kind'], { unique: true, where: '"withdrawn_at" IS NULL' })
export class Consent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => Family, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'family_id', foreignKeyConstraintName: 'FK_consents_family' })
  family?: Family;

  @Index('IDX_consents_family')
  @Column({ name: 'family_id', type: 'uuid' })
  familyId: string;

  @Column({ type: 'varchar', length: 32 })
  kind: ConsentKind;

  @Column({ name: 'granted_at', type: 'timestamptz' })
  grantedAt: Date;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'granted_by', foreignKeyConstraintName: 'FK_consents_granted_by' })
  grantor?: User;

  @Column({ name: 'granted_by', type: 'uuid' })
  grantedBy: string;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @Column({ name: 'withdrawn_by', type: 'uuid', nullable: true })
  withdrawnBy: string | null;
}
