import { Injectable } from '@nestjs/common';
import { IsNull, LessThan } from 'typeorm';
import { TransactionContext } from '../transaction';
import {
  Notification,
  type EmailStatus,
  type NotificationFacts,
  type NotificationKind,
  type NotificationSubject,
} from './notification.entity';

/** One notice for one recipient, about to be written. */
export interface NoticeRow {
  readonly recipientId: string;
  readonly kind: NotificationKind;
  readonly subjectType: NotificationSubject;
  readonly subjectId: string;
  readonly linkUpId: string | null;
  readonly facts: NotificationFacts;
}

/**
 * The notices' rows, read and written in the transaction open in this async context (autocommit
 * outside one): no method takes a `manager`.
 */
@Injectable()
export class NotificationsRepository {
  constructor(private readonly transactions: TransactionContext) {}

  private get notifications() {
    return this.transactions.repository(Notification);
  }

  /** Writes the notices (one `INSERT … ON CONFLICT DO NOTHING`); the ids written now. */
  async insertUnlessPresent(rows: readonly NoticeRow[], emailStatus: EmailStatus): Promise<string[]> {
    const result = await this.transactions.manager
      .createQueryBuilder()
      .insert()
      .into(Notification)
      .values(rows.map((row) => ({ ...row, readAt: null, emailStatus, emailedAt: null })))
      .orIgnore()
      .returning(['id'])
      .execute();
    return (result.raw as { id: string }[]).map((row) => row.id);
  }

  /**
   * Writes many notices at once, created at `createdAt` (one `INSERT … SELECT … ON CONFLICT DO
   * NOTHING` over a JSON array); the ids written now.
   */
  async insertManyUnlessPresent(
    rows: readonly NoticeRow[],
    emailStatus: EmailStatus,
    createdAt: Date,
  ): Promise<string[]> {
    const written = await this.transactions.manager.query<{ id: string }[]>(
      `INSERT INTO notifications
              (created_at, recipient_id, kind, subject_type, subject_id, link_up_id, facts, read_at, email_status, emailed_at)
       SELECT $3, n.recipient_id, n.kind, n.subject_type, n.subject_id, n.link_up_id, n.facts, NULL, $2, NULL
         FROM jsonb_to_recordset($1::jsonb)
           AS n(recipient_id uuid, kind text, subject_type text, subject_id uuid, link_up_id uuid, facts jsonb)
       ON CONFLICT (kind, subject_id, recipient_id) DO NOTHING
       RETURNING id`,
      [
        JSON.stringify(
          rows.map((row) => ({
            recipient_id: row.recipientId,
            kind: row.kind,
            subject_type: row.subjectType,
            subject_id: row.subjectId,
            link_up_id: row.linkUpId,
            facts: row.facts,
          })),
        ),
        emailStatus,
        createdAt,
      ],
    );
    return written.map((row) => row.id);
  }

  /** Ids of notices whose email is still pending and that were written before `before`, oldest first. */
  async pendingEmailIdsBefore(before: Date, limit: number): Promise<string[]> {
    const stuck = await this.notifications.find({
      select: { id: true },
      where: { emailStatus: 'pending', createdAt: LessThan(before) },
      order: { createdAt: 'ASC' },
      take: limit,
    });
    return stuck.map((notification) => notification.id);
  }

  /** A page of the recipient's notices, newest first, and how many there are. */
  pageOf(
    recipientId: string,
    filter: { unreadOnly: boolean; limit: number; offset: number },
  ): Promise<[Notification[], number]> {
    return this.notifications.findAndCount({
      where: { recipientId, ...(filter.unreadOnly ? { readAt: IsNull() } : {}) },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: filter.limit,
      skip: filter.offset,
    });
  }

  countUnread(recipientId: string): Promise<number> {
    return this.notifications.countBy({ recipientId, readAt: IsNull() });
  }

  findById(id: string): Promise<Notification | null> {
    return this.notifications.findOneBy({ id });
  }

  findByIdOrFail(id: string): Promise<Notification> {
    return this.notifications.findOneByOrFail({ id });
  }

  findOfRecipient(id: string, recipientId: string): Promise<Notification | null> {
    return this.notifications.findOneBy({ id, recipientId });
  }

  /** Marks the notice read at `at` unless it already is. */
  async markReadIfUnread(id: string, at: Date): Promise<void> {
    await this.notifications.update({ id, readAt: IsNull() }, { readAt: at });
  }

  /** Moves the notice's email from pending to `status` (and its sending time, when sent). */
  async settlePendingEmail(
    id: string,
    status: Exclude<EmailStatus, 'pending'>,
    emailedAt?: Date,
  ): Promise<void> {
    await this.notifications.update(
      { id, emailStatus: 'pending' },
      emailedAt === undefined ? { emailStatus: status } : { emailStatus: status, emailedAt },
    );
  }
}
