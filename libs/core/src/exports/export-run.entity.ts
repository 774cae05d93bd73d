import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users';

export const EXPORT_RUN_KINDS = ['link_ups', 'goals', 'outcome_measures', 'summary_report'] as const;
export type ExportRunKind = (typeof EXPORT_RUN_KINDS)[number];

export const EXPORT_RUN_STATUSES = ['running', 'finished', 'failed'] as const;
export type ExportRunStatus = (typeof EXPORT_RUN_STATUSES)[number];

/** The filters of an export as recorded: ids, months and flags only. */
export interface ExportRunFilters {
  readonly siteId: string | null;
  readonly from: string | null;
  readonly to: string | null;
  readonly bom?: boolean;
}

/**
 * The log of evaluator exports and reports (DESIGN §4.5): who asked for what, with which filters,
 * how many rows went out and the SHA-256 of the exact bytes sent. A row is written (and audited)
 * when the export starts and completed when it finishes or fails.
 */
@Entity({ name: 'export_runs' })
@Index('IDX_export_runs_started_at', ['startedAt'])
@Index('IDX_export_runs_actor', ['actorId', 'startedAt'])
@Check('CHK_export_runs_kind', `"kind" IN ('link_ups', 'goals', 'outcome_measures', 'summary_report')`)
@Check('CHK_export_runs_status', `"status" IN ('running', 'finished', 'failed')`)
export class ExportRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 24 })
  kind: ExportRunKind;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'actor_id', foreignKeyConstraintName: 'FK_export_runs_actor' })
  actor?: User;

  @Column({ name: 'actor_id', type: 'uuid' })
  actorId: string;

  @Column({ name: 'actor_role', type: 'varchar', length: 16 })
  actorRole: string;

  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId: string | null;

  @Column({ type: 'jsonb' })
  filters: ExportRunFilters;

  @Column({ type: 'varchar', length: 12, default: 'running' })
  status: ExportRunStatus;

  /** Data rows written (the CSV header not counted); for a report, the link-ups it counted. */
  @Column({ name: 'row_count', type: 'integer', nullable: true })
  rowCount: number | null;

  @Column({ name: 'byte_count', type: 'bigint', nullable: true })
  byteCount: string | null;

  /** SHA-256 of exactly the bytes sent, hex. */
  @Column({ type: 'char', length: 64, nullable: true })
  sha256: string | null;

  /** Why it failed, as a code (`client_aborted`, `database_error`, ...). */
  @Column({ name: 'failure_code', type: 'varchar', length: 32, nullable: true })
  failureCode: string | null;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
