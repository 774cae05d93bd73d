import { JobProducer } from '@app/queue';
import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../audit';
import { Clock } from '../clock';
import { CommonErrors, isConnectionFailure } from '../errors';
import { NotificationsService } from '../notifications';
import { TransactionContext } from '../transaction';
import { SafeguardingRepository } from './safeguarding.repository';

export type EscalationOutcome = 'escalated' | 'not_open' | 'already_escalated' | 'not_yet';

/**
 * A concern's triage deadline (DESIGN §4.4): the `safeguarding.triage-overdue` job that escalates a
 * concern still open past it to the admins, and the reconciler's part (escalate what is overdue,
 * derive again the jobs the queue lost). The job is enqueued when a concern is raised and withdrawn
 * when it is triaged (`SafeguardingService`, `ConcernTriageService`).
 */
@Injectable()
export class TriageDeadlinesService {
  private readonly logger = new Logger('TriageDeadlinesService');

  constructor(
    private readonly concerns: SafeguardingRepository,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly producer: JobProducer,
    private readonly clock: Clock,
    private readonly transactions: TransactionContext,
  ) {}

  /**
   * The `safeguarding.triage-overdue` job: when the concern is still open past its deadline, tells
   * every admin once and records the escalation. Anything else is skipped.
   */
  async escalateOverdueTriage(concernId: string, now = this.clock.now()): Promise<EscalationOutcome> {
    const outcome = await this.transactions.run(async () => {
      const concern = await this.concerns.lockForUpdate(concernId);
      if (concern === null) throw CommonErrors.notFound('Safeguarding concern');
      if (concern.status !== 'open') return { result: 'not_open' as const, ids: [] };
      if (concern.escalatedAt !== null) return { result: 'already_escalated' as const, ids: [] };
      if (concern.triageDueAt.getTime() > now.getTime() + 1_000)
        return { result: 'not_yet' as const, ids: [] };
      await this.concerns.markEscalated(concernId, now);
      await this.concerns.appendEntryFor(concern, {
        kind: 'escalated',
        decision: null,
        linkUpEffect: null,
        note: null,
        actorId: null,
      });
      const ids = await this.notifications.notify({
        kind: 'concern_triage_overdue',
        subjectType: 'safeguarding_concern',
        subjectId: concernId,
        linkUpId: concern.linkUpId,
        facts: { severity: concern.severity, triageDueAt: concern.triageDueAt.toISOString() },
        recipientIds: await this.notifications.adminIds(),
      });
      await this.audit.record({
        actor: null,
        requestId: null,
        action: 'safeguarding_concern.escalated',
        entityType: 'safeguarding_concern',
        entityId: concernId,
        details: { severity: concern.severity, admins: ids.length },
      });
      // The notices are committed before their emails are queued (commit, then enqueue).
      await this.transactions.afterCommit(() => this.notifications.dispatchEmails(ids));
      return { result: 'escalated' as const, ids };
    });
    if (outcome.result === 'escalated') this.logger.log({ concernId }, 'Untriaged concern escalated');
    return outcome.result;
  }

  /**
   * For the reconciler: escalates every open concern past its deadline, and re-creates the deadline
   * job of every other open one that lost it. One failing concern does not stop the others (logged
   * with its id). Returns how many of each, and how many failed.
   */
  async reconcileTriageDeadlines(
    now = this.clock.now(),
  ): Promise<{ escalated: number; requeued: number; errors: number }> {
    const open = await this.concerns.openNotEscalated();
    let escalated = 0;
    let requeued = 0;
    let errors = 0;
    for (const concern of open) {
      try {
        if (concern.triageDueAt.getTime() <= now.getTime()) {
          if ((await this.escalateOverdueTriage(concern.id, now)) === 'escalated') escalated += 1;
          continue;
        }
        const job = await this.producer.findJob('safeguarding.triage-overdue', { concernId: concern.id });
        if (job !== undefined && job.finishedOn === undefined) continue;
        if (job !== undefined)
          await this.producer.withdraw('safeguarding.triage-overdue', { concernId: concern.id });
        await this.producer.enqueue(
          'safeguarding.triage-overdue',
          { concernId: concern.id },
          { runAt: concern.triageDueAt },
        );
        requeued += 1;
      } catch (error) {
        // The database or the queue is gone: the rest would fail the same way (the caller says so once).
        if (isConnectionFailure(error)) throw error;
        errors += 1;
        this.logger.warn(
          { concernId: concern.id, err: error instanceof Error ? error.name : typeof error },
          'Reconciler: a triage deadline could not be handled',
        );
      }
    }
    return { escalated, requeued, errors };
  }

  /** Open concerns whose deadline passed before `now` (for tests and reports). */
  countUntriagedPastDeadline(now = this.clock.now()): Promise<number> {
    return this.concerns.countOpenDueBy(now);
  }
}
