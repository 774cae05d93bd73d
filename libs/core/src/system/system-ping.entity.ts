import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A round trip through the queue: the API writes the row and enqueues `system.ping`; the worker
 * stamps `processed_at`. It proves, on a running system, that jobs flow.
 */
@Entity({ name: 'system_pings' })
export class SystemPing {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @CreateDateColumn({ name: 'requested_at', type: 'timestamptz' })
  requestedAt: Date;

  @Column({ name: 'processed_at', type: 'timestamptz', nullable: true })
  processedAt: Date | null;

  /** The queue backend that carried the job (`redis` or `postgres`). */
  @Column({ name: 'processed_via', type: 'varchar', length: 16, nullable: true })
  processedVia: string | null;
}
