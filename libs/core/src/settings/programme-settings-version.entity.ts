import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * One version of the programme settings document. Every change adds a row (version + 1), so the
 * table is also the history; the current settings are the highest version (none: the defaults).
 */
@Entity({ name: 'programme_settings' })
export class ProgrammeSettingsVersion {
  @PrimaryColumn({ type: 'integer' })
  version: number;

  @Column({ type: 'jsonb' })
  document: object;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;

  @CreateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
