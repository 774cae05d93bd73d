import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { Job, JobsOptions, Queue } from 'bullmq';
import { QUEUE_WORK_TIMEOUT_MS } from './best-effort';
import { JOB_QUEUE, jobIdFor, type JobName, type JobPayloads, type QueueName } from './job-registry';

export interface EnqueueOptions {
  /** Run no earlier than this. */
  readonly runAt?: Date;
}

const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 14 * 24 * 3600 },
};

/**
 * Jobs derived from database rows (the rows are the truth, DESIGN §4.4) are removed once done, so
 * that the reconciler or a re-plan can always re-create one under its deterministic id; their
 * handlers are idempotent, so an extra run changes nothing.
 */
const DERIVED_JOB_OPTIONS: JobsOptions = { ...DEFAULT_JOB_OPTIONS, removeOnComplete: true };

const JOB_OPTIONS: { readonly [N in JobName]: JobsOptions } = {
  'system.ping': DEFAULT_JOB_OPTIONS,
  'check-ins.sweep': DERIVED_JOB_OPTIONS,
  'check-ins.due': DERIVED_JOB_OPTIONS,
  'check-ins.overdue': DERIVED_JOB_OPTIONS,
  'check-ins.reconcile': { ...DERIVED_JOB_OPTIONS, attempts: 1, removeOnFail: { count: 100 } },
  'safeguarding.triage-overdue': DERIVED_JOB_OPTIONS,
  'notifications.email': DERIVED_JOB_OPTIONS,
  'families.hold-expired-checks': { ...DERIVED_JOB_OPTIONS, attempts: 3, removeOnFail: { count: 100 } },
};

/**
 * The programme's clock (the `Clock` of @app/core, provided under this token by its ClockModule):
 * a job's `runAt` is in the clock's time, its BullMQ delay is `runAt − clock.now()` in real ms.
 */
export const QUEUE_CLOCK = Symbol('QUEUE_CLOCK');
export interface QueueClock {
  now(): Date;
}
const WALL_CLOCK: QueueClock = { now: () => new Date() };

/** A job to add, as `enqueueMany` takes it. */
export interface JobRequest<N extends JobName = JobName> {
  readonly name: N;
  readonly payload: JobPayloads[N];
  readonly runAt?: Date;
}

/** The only place that adds jobs. */
@Injectable()
export class JobProducer {
  private readonly logger = new Logger('JobProducer');
  private readonly queues: Record<QueueName, Queue>;

  constructor(
    @InjectQueue('system') system: Queue,
    @InjectQueue('check-ins') checkIns: Queue,
    @InjectQueue('safeguarding') safeguarding: Queue,
    @InjectQueue('notifications') notifications: Queue,
    @InjectQueue('families') families: Queue,
    @Optional() @Inject(QUEUE_CLOCK) private readonly clock: QueueClock = WALL_CLOCK,
  ) {
    this.queues = { system, 'check-ins': checkIns, safeguarding, notifications, families };
    // A lost connection is reported by readiness; BullMQ reconnects by itself. Without a listener the
    // client would print every failed reconnect to stderr.
    // Logged once per outage and queue (not per reconnect attempt), and once when it is back.
    for (const queue of Object.values(this.queues)) {
      queue.on('error', (error) => {
        if (!this.disconnected.has(queue.name))
          this.logger.warn({ queue: queue.name, err: error.name }, 'Queue connection error');
      });
      // The connection's own events: a lost connection is known at once (its socket closed), so a
      // request need not wait out a timeout to learn it; the reconnect clears it.
      const backend = queue.getBackend() as Partial<Pick<NodeJS.EventEmitter, 'on'>>;
      backend.on?.('close', () => this.disconnected.add(queue.name));
      backend.on?.('ready', () => {
        if (this.disconnected.delete(queue.name))
          this.logger.log({ queue: queue.name }, 'Queue connection restored');
      });
    }
  }

  private readonly disconnected = new Set<string>();

  /**
   * How long work after a commit may hold up its caller (`afterCommitQueueWork`): not at all while a
   * queue's connection is known to be lost — the commands wait in the client for the reconnect and
   * run then, and the reconciler re-derives whatever a crash loses meanwhile — else
   * `QUEUE_WORK_TIMEOUT_MS` (a slow but connected queue).
   */
  waitBudgetMs(): number {
    return this.disconnected.size > 0 ? 0 : QUEUE_WORK_TIMEOUT_MS;
  }

  async enqueue<N extends JobName>(
    name: N,
    payload: JobPayloads[N],
    options: EnqueueOptions = {},
  ): Promise<string> {
    const jobId = jobIdFor(name, payload);
    const delay =
      options.runAt === undefined ? 0 : Math.max(0, options.runAt.getTime() - this.clock.now().getTime());
    await this.queues[JOB_QUEUE[name]].add(name, payload, { ...JOB_OPTIONS[name], jobId, delay });
    return jobId;
  }

  /**
   * Adds the job, first withdrawing a finished one kept under the same id: a kept failed run (say of
   * a one-off reconcile) would otherwise make the add a silent no-op. A waiting, delayed or running
   * job is left as it is.
   */
  async enqueueFresh<N extends JobName>(
    name: N,
    payload: JobPayloads[N],
    options: EnqueueOptions = {},
  ): Promise<string> {
    const kept = await this.findJob(name, payload);
    if (kept !== undefined && kept.finishedOn !== undefined) await this.withdraw(name, payload);
    return this.enqueue(name, payload, options);
  }

  /** Adds many jobs (bulk per queue); ids already in the queue are left as they are. */
  async enqueueMany(requests: readonly JobRequest[]): Promise<void> {
    const byQueue = new Map<QueueName, Parameters<Queue['addBulk']>[0]>();
    const now = this.clock.now().getTime();
    for (const request of requests) {
      const queue = JOB_QUEUE[request.name];
      const jobId = jobIdFor(request.name, request.payload);
      const delay = request.runAt === undefined ? 0 : Math.max(0, request.runAt.getTime() - now);
      const list = byQueue.get(queue) ?? [];
      list.push({
        name: request.name,
        data: request.payload,
        opts: { ...JOB_OPTIONS[request.name], jobId, delay },
      });
      byQueue.set(queue, list);
    }
    for (const [queue, jobs] of byQueue) {
      for (let i = 0; i < jobs.length; i += 500) await this.queues[queue].addBulk(jobs.slice(i, i + 500));
    }
  }

  /**
   * Removes the job of this work if it is waiting or delayed (a running or locked job is left to
   * finish: its handler re-reads the row). Returns whether one was removed.
   */
  async withdraw<N extends JobName>(name: N, payload: JobPayloads[N]): Promise<boolean> {
    const removed = await this.queues[JOB_QUEUE[name]].remove(jobIdFor(name, payload));
    return removed === 1;
  }

  /** The job of this work if the queue still holds it (in any state). */
  async findJob<N extends JobName>(name: N, payload: JobPayloads[N]): Promise<Job | undefined> {
    return this.queues[JOB_QUEUE[name]].getJob(jobIdFor(name, payload));
  }

  /**
   * Registers (or updates) a recurring job: one scheduler per id, however many processes call this.
   * The payload must be the same every time (job schedulers share one template).
   */
  async scheduleEvery<N extends JobName>(
    schedulerId: string,
    name: N,
    payload: JobPayloads[N],
    everyMs: number,
  ): Promise<void> {
    const { attempts, removeOnComplete, removeOnFail } = JOB_OPTIONS[name];
    await this.queues[JOB_QUEUE[name]].upsertJobScheduler(
      schedulerId,
      { every: everyMs },
      { name, data: payload, opts: { attempts, removeOnComplete, removeOnFail } },
    );
  }

  queue(name: QueueName): Queue {
    return this.queues[name];
  }
}
