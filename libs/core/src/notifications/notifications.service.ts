import { AppConfig } from '@app/config';
import { JobProducer } from '@app/queue';
import { Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import type { Caller } from '../access';
import { CommonErrors, isConnectionFailure } from '../errors';
import { UsersService } from '../users';
import type {
  Notification,
  NotificationFacts,
  NotificationKind,
  NotificationSubject,
} from './notification.entity';
import { NotificationsRepository, type NoticeRow } from './notifications.repository';
import { SmtpClient, SmtpError } from './smtp-client';
import { Clock } from '../clock';

export interface NewNotice {
  readonly kind: NotificationKind;
  readonly subjectType: NotificationSubject;
  readonly subjectId: string;
  readonly linkUpId: string | null;
  readonly facts: NotificationFacts;
  readonly recipientIds: readonly string[];
}

/** A notice as its recipient reads it: a title, a short text without names or notes, and a link. */
export interface NoticeText {
  readonly title: string;
  readonly text: string;
  readonly link: string;
}

export interface NotificationListItem extends NoticeText {
  readonly notification: Notification;
}

export interface NotificationPage {
  readonly items: NotificationListItem[];
  readonly total: number;
  readonly unread: number;
  readonly limit: number;
  readonly offset: number;
}

const PARTY_WORDS: Readonly<Record<string, string>> = {
  sharing: 'with the Sharing family',
  seeking: 'with the Seeking family',
  both: 'with both families',
};

const CHECK_IN_WORDS: Readonly<Record<string, string>> = {
  first_contact: 'first-contact check-in',
  stage_change: 'stage-change check-in',
  resume: 'check-in after the pause',
  cadence: 'regular check-in',
  closure: 'closure check-in',
  ad_hoc: 'check-in',
};

/** A notice whose email is still pending this long after it was written has lost its job. */
export const EMAIL_STUCK_AFTER_MS = 60_000;
/** How many stuck emails one reconciler pass re-derives (the next pass takes the rest). */
const EMAIL_RESTORE_BATCH = 500;

const when = (value: string | number | null | undefined): string =>
  typeof value === 'string' ? `${new Date(value).toISOString().slice(0, 16).replace('T', ' ')} UTC` : 'now';

/**
 * The in-app inbox and its email copy (DESIGN §6). A notice is written with the change it announces
 * (same transaction, unique per kind, subject and recipient); its email, when SMTP_URL is set, is a
 * job of its own. Messages carry no names and no notes: what is due, when, and a link. Reads and
 * writes join the transaction open in this async context (TransactionContext).
 */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger('NotificationsService');
  private readonly smtp: SmtpClient | null;

  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly users: UsersService,
    private readonly producer: JobProducer,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    const url = config.notifications.smtpUrl;
    this.smtp = url === null ? null : new SmtpClient(url);
  }

  /**
   * Writes the notice for each recipient in the transaction open in this async context; a notice that
   * already exists (same kind, subject and recipient) is left alone. Returns the ids written now: pass
   * them to `dispatchEmails` after commit.
   */
  notify(notice: NewNotice): Promise<string[]> {
    return this.writeNotice(notice);
  }

  /**
   * `notify` for many notices at once: one `INSERT … SELECT … ON CONFLICT DO NOTHING` in the transaction
   * open in this async context (a notice already written is left alone). Returns the ids written now.
   */
  notifyMany(notices: readonly NewNotice[]): Promise<string[]> {
    return this.writeNotices(notices);
  }

  /**
   * Supervisors to tell about a coach's overdue work (see UsersService.findSupervisorsFor), read in the
   * transaction open in this async context: inside one, a second connection could starve the pool.
   */
  supervisorIdsFor(siteId: string, coachId: string | null): Promise<string[]> {
    return this.readSupervisorIds(siteId, coachId);
  }

  /** Every active admin, read in the transaction open in this async context (as `supervisorIdsFor`). */
  async adminIds(): Promise<string[]> {
    return (await this.users.findActiveAdmins()).map((user) => user.id);
  }

  // The bridges above call these, not the public methods, so a test's spy on one sees each call once.
  private async writeNotice(notice: NewNotice): Promise<string[]> {
    const rows = noticeRows([notice]);
    if (rows.length === 0) return [];
    return this.notifications.insertUnlessPresent(rows, this.smtp === null ? 'not_sent' : 'pending');
  }

  private async writeNotices(notices: readonly NewNotice[]): Promise<string[]> {
    const rows = noticeRows(notices);
    if (rows.length === 0) return [];
    return this.notifications.insertManyUnlessPresent(
      rows,
      this.smtp === null ? 'not_sent' : 'pending',
      // Written at the clock's time, as every other write (not PostgreSQL's now()).
      this.clock.now(),
    );
  }

  private async readSupervisorIds(siteId: string, coachId: string | null): Promise<string[]> {
    return (await this.users.findSupervisorsFor(siteId, coachId)).map((user) => user.id);
  }

  /** After commit: one email job per notice written (a no-op without SMTP_URL). */
  async dispatchEmails(notificationIds: readonly string[]): Promise<void> {
    if (this.smtp === null || notificationIds.length === 0) return;
    await this.producer.enqueueMany(
      notificationIds.map((notificationId) => ({
        name: 'notifications.email' as const,
        payload: { notificationId },
      })),
    );
  }

  /**
   * For the reconciler: re-derives the `notification-email-<id>` job of every notice whose email is
   * still pending a minute after it was written (its job was lost, or failed for good): a failed job
   * is withdrawn first. One failing notice does not stop the others (logged with its id).
   */
  async restorePendingEmails(now = this.clock.now()): Promise<{ restored: number; errors: number }> {
    if (this.smtp === null) return { restored: 0, errors: 0 };
    const stuck = await this.notifications.pendingEmailIdsBefore(
      new Date(now.getTime() - EMAIL_STUCK_AFTER_MS),
      EMAIL_RESTORE_BATCH,
    );
    let restored = 0;
    let errors = 0;
    for (const notificationId of stuck) {
      try {
        const job = await this.producer.findJob('notifications.email', { notificationId });
        if (job !== undefined && job.finishedOn === undefined) continue;
        if (job !== undefined) await this.producer.withdraw('notifications.email', { notificationId });
        await this.producer.enqueue('notifications.email', { notificationId });
        restored += 1;
      } catch (error) {
        // The database or the queue is gone: the rest would fail the same way (the caller says so once).
        if (isConnectionFailure(error)) throw error;
        errors += 1;
        this.logger.warn(
          { notificationId, err: error instanceof Error ? error.name : typeof error },
          'Reconciler: an email job could not be restored',
        );
      }
    }
    return { restored, errors };
  }

  /** The caller's own notices, newest first. */
  async listNotifications(
    caller: Caller,
    filter: { unreadOnly: boolean; limit: number; offset: number },
  ): Promise<NotificationPage> {
    const [items, total] = await this.notifications.pageOf(caller.actor.id, filter);
    const unread = await this.notifications.countUnread(caller.actor.id);
    return {
      items: items.map((notification) => ({ notification, ...this.describe(notification) })),
      total,
      unread,
      limit: filter.limit,
      offset: filter.offset,
    };
  }

  /** Marks one of the caller's notices read (idempotent); anyone else's is a 404. */
  async markRead(caller: Caller, id: string): Promise<NotificationListItem> {
    const notification = await this.notifications.findOfRecipient(id, caller.actor.id);
    if (notification === null) throw CommonErrors.notFound('Notification');
    if (notification.readAt === null) {
      await this.notifications.markReadIfUnread(id, this.clock.now());
    }
    const fresh = await this.notifications.findByIdOrFail(id);
    return { notification: fresh, ...this.describe(fresh) };
  }

  /**
   * The `notifications.email` job: sends the notice's email once it is pending, then marks it sent
   * as soon as the relay has accepted it (its reply to DATA; QUIT is not waited for). A worker that
   * dies between the two sends it again, with the same Message-ID (`messageIdOf`), so the repeat is
   * recognisable by mail systems: that is as close to exactly once as SMTP allows.
   * A transient failure (a 4xx reply, a network error) throws and the job is retried with backoff; a
   * permanent refusal (a 5xx reply) marks the notice `failed` and is not retried. A notice already
   * sent (or failed) is skipped.
   */
  async sendEmail(notificationId: string): Promise<'sent' | 'skipped'> {
    const notification = await this.notifications.findById(notificationId);
    if (notification === null) throw CommonErrors.notFound('Notification');
    if (this.smtp === null || notification.emailStatus !== 'pending') return 'skipped';
    const recipient = await this.users.findUserForToken(notification.recipientId);
    if (recipient === null || !recipient.active) {
      await this.notifications.settlePendingEmail(notificationId, 'not_sent');
      return 'skipped';
    }
    const { title, text, link } = this.describe(notification);
    try {
      await this.smtp.send({
        from: this.config.notifications.smtpFrom,
        to: recipient.email,
        subject: `Family Link: ${title}`,
        messageId: this.messageIdOf(notificationId),
        date: this.clock.now(),
        text: `${text}\n\nOpen it in Family Link: ${link}\n\nThis message was sent by Family Link. It holds no names or notes: sign in to see the details.\n`,
      });
    } catch (error) {
      if (error instanceof SmtpError && error.replyCode !== null && error.replyCode >= 500) {
        await this.notifications.settlePendingEmail(notificationId, 'failed');
        this.logger.warn({ notificationId, replyCode: error.replyCode }, 'Email refused for good');
        throw new UnrecoverableError(`SMTP server refused the email (${error.replyCode})`);
      }
      throw error;
    }
    await this.notifications.settlePendingEmail(notificationId, 'sent', this.clock.now());
    this.logger.debug({ notificationId, kind: notification.kind }, 'Notification emailed');
    return 'sent';
  }

  /** The Message-ID of a notice's email (without angle brackets): the same on every attempt. */
  messageIdOf(notificationId: string): string {
    return `notification.${notificationId}@${new URL(this.config.notifications.publicUrl).hostname || 'family-link.local'}`;
  }

  /** Title, text and link of a notice: built from codes and dates, never from names or notes. */
  describe(notification: Notification): NoticeText {
    const base = this.config.notifications.publicUrl;
    const facts = notification.facts;
    const checkIn = `${CHECK_IN_WORDS[String(facts.checkInKind)] ?? 'check-in'} ${
      PARTY_WORDS[String(facts.party)] ?? ''
    }`.trim();
    const severity = String(facts.severity ?? '').replace(/_/g, ' ');
    switch (notification.kind) {
      case 'check_in_due':
        return {
          title: 'A check-in is due',
          text: `A ${checkIn} is due (${when(facts.dueAt)}). Please hold it by ${when(facts.overdueAt)}.`,
          link: `${base}/check-ins/${notification.subjectId}`,
        };
      case 'check_in_missed':
        return {
          title: 'A check-in was missed',
          text: `A ${checkIn} due ${when(facts.dueAt)} was not held within its grace period.`,
          link: `${base}/check-ins/${notification.subjectId}`,
        };
      case 'concern_urgent':
        return {
          title: 'An urgent safeguarding concern was raised',
          text: `A safeguarding concern of severity "${severity}" was raised. Triage it by ${when(facts.triageDueAt)}.`,
          link: `${base}/safeguarding-concerns/${notification.subjectId}`,
        };
      case 'concern_triage_overdue':
        return {
          title: 'A safeguarding concern is past its triage deadline',
          text: `A safeguarding concern of severity "${severity}" was not triaged by ${when(facts.triageDueAt)}.`,
          link: `${base}/safeguarding-concerns/${notification.subjectId}`,
        };
      case 'sharing_family_on_hold':
        return {
          title: 'A Sharing family is on hold',
          text: 'The Sharing family of one of your link-ups went on hold: a Working With Children Check has expired. Please renew it with them.',
          link: `${base}/link-ups/${notification.subjectId}`,
        };
      case 'feedback_check_in': {
        const question =
          facts.question === 'change' ? 'how things are changing' : 'how the relationship is going';
        const side = (viewpoint: unknown): string =>
          viewpoint === 'coach'
            ? 'you'
            : viewpoint === 'sharing'
              ? 'the Sharing family'
              : 'the Seeking family';
        return {
          title: 'Check in on this: feedback on a link-up',
          text:
            facts.alert === 'dropped'
              ? `In period ${facts.period}, ${side(facts.lowViewpoint)} rated ${question} ${facts.lowRating} of 5, down from ${facts.highRating}.`
              : `In period ${facts.period}, the viewpoints on ${question} differ: ${side(facts.lowViewpoint)} ${facts.lowRating} of 5, ${side(facts.highViewpoint)} ${facts.highRating} of 5.`,
          link: `${base}/link-ups/${notification.linkUpId ?? ''}`,
        };
      }
    }
  }
}

/** One row per notice and distinct recipient, in order. */
function noticeRows(notices: readonly NewNotice[]): NoticeRow[] {
  return notices.flatMap((notice) =>
    [...new Set(notice.recipientIds)].map((recipientId) => ({
      recipientId,
      kind: notice.kind,
      subjectType: notice.subjectType,
      subjectId: notice.subjectId,
      linkUpId: notice.linkUpId,
      facts: notice.facts,
    })),
  );
}
