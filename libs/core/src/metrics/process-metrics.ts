import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The metrics a process records as things happen (HTTP requests, reconciler passes, exports, failed
 * job attempts), in one registry per process, like the process's one database outage log: the API
 * and the worker inside it (the embedded default) report into the same registry, so the API's
 * `/metrics` shows the reconciler too; a separate worker process shows them on its own `/metrics`.
 * Label values are route templates, queue names, states and counts: never an id, a name, a contact
 * or a note.
 */
export class ProcessMetrics {
  readonly registry = new Registry();

  readonly httpRequestDuration = new Histogram({
    name: 'family_link_http_request_duration_seconds',
    help: 'HTTP requests by method, route template (never the raw path) and status, with their duration.',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly reconcilerPasses = new Counter({
    name: 'family_link_reconciler_passes_total',
    help: 'Reconciler passes finished in this process, by result (clean, or with_errors).',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  readonly reconcilerRepairs = new Counter({
    name: 'family_link_reconciler_repairs_total',
    help: 'What the reconciler did that the event bus or the queue had left undone, by kind.',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  readonly reconcilerErrors = new Counter({
    name: 'family_link_reconciler_errors_total',
    help: 'Items (link-ups, check-ins, concerns, notices) a reconciler pass failed on; the next pass tries again.',
    registers: [this.registry],
  });

  readonly exportsRunning = new Gauge({
    name: 'family_link_exports_running',
    help: 'Evaluator CSV exports streaming in this process now.',
    registers: [this.registry],
  });

  readonly jobAttemptsFailed = new Counter({
    name: 'family_link_job_attempts_failed_total',
    help: 'Job attempts that failed in this process’s queue workers, by queue (a retried job counts each attempt).',
    labelNames: ['queue'] as const,
    registers: [this.registry],
  });

  private collectingProcessMetrics = false;

  /**
   * Starts the Node.js process's own metrics (`process_*`, `nodejs_*`: CPU, memory, event-loop lag,
   * handles) in this registry; once, by the process's entry point (`main`), not at import. They are
   * process-wide for good: prom-client observes GC pauses with a PerformanceObserver and the event
   * loop with a histogram, and offers no way to stop either. Started at import, every test file (jest
   * loads the libraries afresh for each) left an observer behind, and its callback kept that file's
   * whole module graph alive: a jest worker grew by some 30 MB per file and, at the end of a run, took
   * longer than jest's 500 ms to exit ("A worker process has failed to exit gracefully").
   */
  collectProcessMetrics(): void {
    if (this.collectingProcessMetrics) return;
    this.collectingProcessMetrics = true;
    collectDefaultMetrics({ register: this.registry });
  }
}

/** The process's one set of recorded metrics. */
export const processMetrics = new ProcessMetrics();

/** The reconciler report's counts, as `family_link_reconciler_repairs_total{kind}` labels. */
export const RECONCILER_REPAIR_KINDS = {
  markedDue: 'marked_due',
  markedMissed: 'marked_missed',
  jobsRestored: 'jobs_restored',
  concernsEscalated: 'concerns_escalated',
  concernJobsRestored: 'concern_jobs_restored',
  emailJobsRestored: 'email_jobs_restored',
  failedJobsCleared: 'failed_jobs_cleared',
} as const;

export type ReconcilerRepairCounts = { readonly [K in keyof typeof RECONCILER_REPAIR_KINDS]: number } & {
  readonly errors: number;
};

/** Counts one reconciler pass from its report. */
export function recordReconcilerPass(report: ReconcilerRepairCounts, metrics = processMetrics): void {
  for (const [field, kind] of Object.entries(RECONCILER_REPAIR_KINDS)) {
    metrics.reconcilerRepairs.inc({ kind }, report[field as keyof typeof RECONCILER_REPAIR_KINDS]);
  }
  metrics.reconcilerErrors.inc(report.errors);
  metrics.reconcilerPasses.inc({ result: report.errors > 0 ? 'with_errors' : 'clean' });
}
