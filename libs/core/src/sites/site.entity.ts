import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A delivery location: families, coaches and link-ups belong to one site; matching is within a site. */
@Entity({ name: 'sites' })
export class Site {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('UQ_sites_name', { unique: true })
  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ type: 'boolean', default: false })
  demo: boolean;

  /** The IANA time zone its people live in: its "today", due dates and check expiries. */
  @Column({ name: 'time_zone', type: 'varchar', length: 64, default: 'Australia/Adelaide' })
  timeZone: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
