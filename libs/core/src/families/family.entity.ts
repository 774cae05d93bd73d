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
import { Site } from '../sites';
import { User } from '../users';
import type { FamilyAvoidance, FamilyKind, FamilyStatus } from './family.types';

/** A Seeking or Sharing household (DESIGN §3). What every response shows is `displayName`. */
@Entity({ name: 'families' })
@Index('IDX_families_site_kind_status', ['siteId', 'kind', 'status'])
// Trigram indexes for the list's search (migration FamiliesSearch): not expressible here.
@Index('IDX_families_display_name_trgm', { synchronize: false })
@Index('IDX_families_suburb_trgm', { synchronize: false })
@Check('CHK_families_kind', `"kind" IN ('seeking', 'sharing')`)
@Check('CHK_families_capacity', `"max_concurrent_link_ups" BETWEEN 1 AND 3`)
@Check('CHK_families_latitude', `"latitude" IS NULL OR "latitude" BETWEEN -90 AND 90`)
@Check('CHK_families_longitude', `"longitude" IS NULL OR "longitude" BETWEEN -180 AND 180`)
export class Family {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 8 })
  kind: FamilyKind;

  @Column({ type: 'varchar', length: 16 })
  status: FamilyStatus;

  /** The household's preferred display name ("The Nguyen family"). */
  @Column({ name: 'display_name', type: 'varchar', length: 120 })
  displayName: string;

  @ManyToOne(() => Site, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'site_id', foreignKeyConstraintName: 'FK_families_site' })
  site?: Site;

  @Column({ name: 'site_id', type: 'uuid' })
  siteId: string;

  /** The family's coach (continuity: the same coach throughout). */
  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'primary_coach_id', foreignKeyConstraintName: 'FK_families_primary_coach' })
  primaryCoach?: User;

  @Index('IDX_families_primary_coach')
  @Column({ name: 'primary_coach_id', type: 'uuid', nullable: true })
  primaryCoachId: string | null;

  @Column({ type: 'varchar', length: 80, nullable: true })
  suburb: string | null;

  @Column({ type: 'varchar', length: 4, nullable: true })
  postcode: string | null;

  @Column({ type: 'double precision', nullable: true })
  latitude: number | null;

  @Column({ type: 'double precision', nullable: true })
  longitude: number | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  languages: string[];

  @Column({ name: 'interpreter_needed', type: 'boolean', default: false })
  interpreterNeeded: boolean;

  /** An interpreter has been arranged, so matching does not require a shared language. */
  @Column({ name: 'interpreter_arranged', type: 'boolean', default: false })
  interpreterArranged: boolean;

  /** Unknown (`null`) is not the same as none (`[]`): matching leaves unknown factors out. */
  @Column({ type: 'text', array: true, nullable: true })
  interests: string[] | null;

  @Column({ name: 'life_experiences', type: 'text', array: true, nullable: true })
  lifeExperiences: string[] | null;

  /** Seeking families: the themes of their goals. */
  @Column({ name: 'goal_themes', type: 'text', array: true, nullable: true })
  goalThemes: string[] | null;

  /** Sharing families: what they bring. */
  @Column({ type: 'text', array: true, nullable: true })
  strengths: string[] | null;

  @Column({ name: 'availability_slots', type: 'text', array: true, nullable: true })
  availabilitySlots: string[] | null;

  @Column({ name: 'children_age_bands', type: 'text', array: true, nullable: true })
  childrenAgeBands: string[] | null;

  /** Sharing families: facts about the household a Seeking family may ask to avoid (pets, smoking). */
  @Column({ name: 'household_traits', type: 'text', array: true, nullable: true })
  householdTraits: string[] | null;

  /** Sharing families: how many link-ups at once (default 1, at most 3). */
  @Column({ name: 'max_concurrent_link_ups', type: 'smallint', default: 1 })
  maxConcurrentLinkUps: number;

  /** Seeking families: hard constraints they stated (never matched with these). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  avoidances: FamilyAvoidance[];

  /** Sharing families: approval guards (DESIGN §4.1). */
  @Column({ name: 'training_completed_at', type: 'timestamptz', nullable: true })
  trainingCompletedAt: Date | null;

  @Column({ name: 'coach_sign_off_by', type: 'uuid', nullable: true })
  coachSignOffBy: string | null;

  @Column({ name: 'coach_sign_off_at', type: 'timestamptz', nullable: true })
  coachSignOffAt: Date | null;

  /** Seeking families: since when they wait for a link-up (cohort fairness). */
  @Column({ name: 'waiting_since', type: 'timestamptz', nullable: true })
  waitingSince: Date | null;

  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
