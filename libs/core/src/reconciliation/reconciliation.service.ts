import { Injectable, Logger } from '@nestjs/common';
import { CheckInsReconciliationService } from '../check-ins';
import { Clock } from '../clock';
import { recordReconcilerPass } from '../metrics';
import { NotificationsService } from '../notifications';
import { ReconcilePass } from '../platform';
import { TriageDeadlinesService } from '../safeguarding';

/** What one reconciler pass did, all features together. */
export interface ReconcileReport {
  readonly linkUpsPlanned: number;
  readonly markedDue: number;
  readonly markedMissed: number;
  readonly jobsRestored: number;
  readonly concernsEscalated: number;
  readonly concernJobsRestored: number;
  /** Email copies whose job was lost or failed, derived again from their pending notice. */
  readonly emailJobsRestored: number;
  /** Failed check-in jobs removed because their work was done since (by the reconciler or a rerun). */
  readonly failedJobsCleared: number;
  /** Items (link-ups, check-ins, concerns, notices) that failed; each phase still ran to the end. */
  readonly errors: number;
}

/**
 * The reconciler (a job scheduler in the worker, every RECONCILE_INTERVAL_MS): repairs what the event
 * bus or the queue left undone — a worker that was down, a flushed queue, a failed job. It owns no
 * data: it asks each feature to reconcile what that feature owns (check-ins, safeguarding triage
 * deadlines, notification emails), in one pass that stops at the first lost connection. Safe to run
 * concurrently with the jobs and with itself.
 */
@Injectable()
export class ReconciliationService {
  private readonly logger = new Logger('Reconciler');

  constructor(
    private readonly checkIns: CheckInsReconciliationService,
    private readonly triageDeadlines: TriageDeadlinesService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  async reconcile(now = this.clock.now()): Promise<ReconcileReport> {
    const pass = new ReconcilePass(this.logger);
    const checkIns = await this.checkIns.reconcileCheckIns(pass, now);
    const concerns = await pass.phase('concerns', { escalated: 0, requeued: 0, errors: 0 }, () =>
      this.triageDeadlines.reconcileTriageDeadlines(now),
    );
    const emails = await pass.phase('emails', { restored: 0, errors: 0 }, () =>
      this.notifications.restorePendingEmails(now),
    );
    pass.countErrors(concerns.errors + emails.errors);
    const report: ReconcileReport = {
      ...checkIns,
      concernsEscalated: concerns.escalated,
      concernJobsRestored: concerns.requeued,
      emailJobsRestored: emails.restored,
      errors: pass.errors,
    };
    const repairs =
      report.markedDue +
      report.markedMissed +
      report.jobsRestored +
      report.concernsEscalated +
      report.concernJobsRestored +
      report.emailJobsRestored;
    if (repairs > 0) this.logger.log(report, 'Reconciler caught up');
    if (report.errors > 0 && !pass.stopped())
      this.logger.warn(report, 'Reconciler pass finished with errors');
    recordReconcilerPass(report);
    return report;
  }
}
