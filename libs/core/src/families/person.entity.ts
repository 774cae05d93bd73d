import {
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
import { Family } from './family.entity';
import type { PersonRole } from './family.types';

/** An adult or child of a family. `preferredName` is always shown; `legalName` only to staff. */
@Entity({ name: 'people' })
// Trigram index for the families list's search (migration FamiliesSearch).
@Index('IDX_people_preferred_name_trgm', { synchronize: false })
export class Person {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => Family, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'family_id', foreignKeyConstraintName: 'FK_people_family' })
  family?: Family;

  @Index('IDX_people_family')
  @Column({ name: 'family_id', type: 'uuid' })
  familyId: string;

  @Column({ type: 'varchar', length: 8 })
  role: PersonRole;

  @Column({ name: 'preferred_name', type: 'varchar', length: 80 })
  preferredName: string;

  @Column({ name: 'legal_name', type: 'varchar', length: 160, nullable: true })
  legalName: string | null;

  @Column({ name: 'birth_year', type: 'smallint', nullable: true })
  birthYear: number | null;

  /** A key of the programme's age bands vocabulary. */
  @Column({ name: 'age_band', type: 'varchar', length: 64, nullable: true })
  ageBand: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  pronouns: string | null;

  /** A key of the programme's languages vocabulary (keys are at most 64 characters). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  language: string | null;

  @Column({ name: 'interpreter_needed', type: 'boolean', default: false })
  interpreterNeeded: boolean;

  @Column({ name: 'communication_needs', type: 'varchar', length: 500, nullable: true })
  communicationNeeds: string | null;

  /** Sharing adults: Working With Children Check. */
  @Column({ name: 'wwcc_number', type: 'varchar', length: 40, nullable: true })
  wwccNumber: string | null;

  @Column({ name: 'wwcc_expires_on', type: 'date', nullable: true })
  wwccExpiresOn: string | null;

  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
