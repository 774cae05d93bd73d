import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { User } from '../users';

export const NOTIFICATION_KINDS = [
  /** A check-in fell due: to the coach. */
  'check_in_due',
  /** A check-in passed its grace period unheld: to the supervisor. */
  'check_in_missed',
  /** An immediate-danger or high concern was raised: to the supervisor, at once. */
  'concern_urgent',
  /** A concern's triage deadline passed untriaged: to the admins. */
  'concern_triage_overdue',
  /** The Sharing family of a live link-up went on hold (an expired check): to the link-up's coach. */
  'sharing_family_on_hold',
  /** A link-up's feedback diverged or a family's answer dropped ("check in on this"): to its coach. */
  'feedback_check_in',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_SUBJECTS = [
  'check_in',
  'safeguarding_concern',
  'link_up',
  'feedback_alert',
] as const;
export type NotificationSubject = (typeof NOTIFICATION_SUBJECTS)[number];

/** What a notice may say: codes, dates and counts only, never names or notes. */
export type NotificationFacts = Readonly<Record<string, string | number | null>>;

/** `failed`: the SMTP server refused it for good (a 5xx reply); it is not tried again. */
export const EMAIL_STATUSES = ['not_sent', 'pending', 'sent', 'failed'] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

/**
 * One notice in a user's in-app inbox (DESIGN §6). Written in the same transaction as the change it
 * announces; `(kind, subject_id, recipient_id)` is unique, so a retried or duplicated job never
 * notifies twice. Its email copy, when SMTP is configured, is a separate job.
 */
@Entity({ name: 'notifications' })
@Index('UQ_notifications_kind_subject_recipient', ['kind', 'subjectId', 'recipientId'], { unique: true })
@Index('IDX_notifications_recipient_created', ['recipientId', 'createdAt'])
@Index('IDX_notifications_email_pending_created', ['createdAt'], { where: `"email_status" = 'pending'` })
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recipient_id', foreignKeyConstraintName: 'FK_notifications_recipient' })
  recipient?: User;

  @Column({ name: 'recipient_id', type: 'uuid' })
  recipientId: string;

  @Column({ type: 'varchar', length: 32 })
  kind: NotificationKind;

  @Column({ name: 'subject_type', type: 'varchar', length: 24 })
  subjectType: NotificationSubject;

  @Column({ name: 'subject_id', type: 'uuid' })
  subjectId: string;

  /** The link-up it is about, when there is one (for the link in the message). */
  @Column({ name: 'link_up_id', type: 'uuid', nullable: true })
  linkUpId: string | null;

  /** Codes and dates only (see NotificationFacts). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  facts: NotificationFacts;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @Column({ name: 'email_status', type: 'varchar', length: 8, default: 'not_sent' })
  emailStatus: EmailStatus;

  @Column({ name: 'emailed_at', type: 'timestamptz', nullable: true })
  emailedAt: Date | null;
}
