import { JobProducer, QUEUE_NAMES, type QueueName } from '@app/queue';
import { Injectable } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';

/** The job states `/metrics` reports per queue. */
export const REPORTED_JOB_STATES = ['waiting', 'delayed', 'active', 'failed'] as const;

/** How long a scrape waits for the queue (a down Redis makes calls wait, not fail). */
const QUEUE_READ_DEADLINE_MS = 2_000;

interface QueueReading {
  readonly counts: Record<(typeof REPORTED_JOB_STATES)[number], number>;
  /** When the oldest waiting job became ready to run (ms since the epoch, the queue's own time), or null. */
  readonly oldestWaitingSince: number | null;
}

/**
 * Queue depth and lag, read from the queue at scrape time through the app's queues, so every process
 * that has them (the API, the worker) reports the same values, on Redis and on BullMQ's PostgreSQL
 * backend alike (counts and one job per queue, without `paginate`, which that backend lacks).
 */
@Injectable()
export class QueueMetrics {
  readonly registry = new Registry();

  private readonly jobs = new Gauge({
    name: 'family_link_queue_jobs',
    help: 'Jobs in each queue by state (waiting, delayed, active, failed), read at scrape time.',
    labelNames: ['queue', 'state'] as const,
    registers: [this.registry],
  });

  private readonly oldestWaitingAge = new Gauge({
    name: 'family_link_queue_oldest_waiting_job_age_seconds',
    help: 'Lag: how long the oldest waiting job of each queue has been ready to run without a worker taking it (0 when none waits).',
    labelNames: ['queue'] as const,
    registers: [this.registry],
  });

  private readonly up = new Gauge({
    name: 'family_link_queue_up',
    help: `1 when the queue backend answered this scrape within ${QUEUE_READ_DEADLINE_MS} ms, else 0 (and no depth or lag is reported).`,
    registers: [this.registry],
  });

  constructor(private readonly producer: JobProducer) {}

  /** Reads every queue and sets the gauges; on a queue that does not answer in time, `up` is 0. */
  async refresh(): Promise<void> {
    this.jobs.reset();
    this.oldestWaitingAge.reset();
    let timer: NodeJS.Timeout | undefined;
    const readings = await Promise.race([
      Promise.all(QUEUE_NAMES.map(async (name) => [name, await this.read(name)] as const)).catch(() => null),
      new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), QUEUE_READ_DEADLINE_MS))),
    ]).finally(() => clearTimeout(timer));
    if (readings === null) {
      this.up.set(0);
      return;
    }
    this.up.set(1);
    const now = Date.now(); // duration: BullMQ stamps jobs in real ms
    for (const [queue, reading] of readings) {
      for (const state of REPORTED_JOB_STATES) this.jobs.set({ queue, state }, reading.counts[state]);
      const since = reading.oldestWaitingSince;
      this.oldestWaitingAge.set({ queue }, since === null ? 0 : Math.max(0, now - since) / 1000);
    }
  }

  private async read(name: QueueName): Promise<QueueReading> {
    const queue = this.producer.queue(name);
    const counts = await queue.getJobCounts(...REPORTED_JOB_STATES);
    const waiting = counts.waiting ?? 0;
    // The waiting list is newest first on both backends, so its last entry is the oldest. Not
    // `getJobs(…, 0, 0, true)`: the PostgreSQL backend slices before it reverses, giving the newest.
    // (A job taken meanwhile can leave the slot empty: then no lag is read this time.)
    const job =
      waiting === 0 ? undefined : (await queue.getJobs(['waiting'], waiting - 1, waiting - 1)).at(0);
    return {
      counts: Object.fromEntries(
        REPORTED_JOB_STATES.map((state) => [state, counts[state] ?? 0]),
      ) as QueueReading['counts'],
      // A delayed job waits from when its delay ran out, not from when it was added.
      oldestWaitingSince: job === undefined ? null : job.timestamp + (job.delay ?? 0),
    };
  }
}
