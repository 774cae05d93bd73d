import { AppConfig } from '@app/config';
import { Clock, DomainError, processMetrics } from '@app/core';
import { configureQueueBackend, JOB_QUEUE, RunLaterError, type JobName } from '@app/queue';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import { QUEUE_PROCESSORS, type QueueProcessor, type TypedJob } from './processors/queue-processor';

/**
 * Starts one BullMQ worker per processor once the app is up, with the concurrency, lock duration
 * and stalled-check interval from the configuration, and closes them (finishing running jobs)
 * before the database connections close.
 */
@Injectable()
export class QueueWorkers implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('QueueWorkers');
  private workers: Worker[] = [];

  constructor(
    private readonly config: AppConfig,
    @Inject(QUEUE_PROCESSORS) private readonly processors: QueueProcessor[],
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    const connection = configureQueueBackend(this.config);
    this.workers = this.processors.map((processor) => {
      const worker = new Worker(
        processor.queue,
        (job: Job, token?: string) => this.run(processor, job, token),
        {
          connection,
          prefix: this.config.queuePrefix,
          concurrency: this.config.worker.concurrency,
          lockDuration: this.config.worker.lockDurationMs,
          stalledInterval: this.config.worker.stalledIntervalMs,
        },
      );
      // Without a listener a lost connection would crash the process; BullMQ reconnects by itself.
      worker.on('error', (error) =>
        this.logger.warn({ queue: processor.queue, err: error.name }, 'Queue worker error'),
      );
      worker.on('failed', (job, error) => {
        processMetrics.jobAttemptsFailed.inc({ queue: processor.queue });
        this.logger.warn(
          { jobId: job?.id, job: job?.name, attempts: job?.attemptsMade, err: error.name },
          error.message,
        );
      });
      return worker;
    });
    this.logger.log(
      { queues: this.processors.map((p) => p.queue), backend: this.config.queueBackend },
      'Workers started',
    );
  }

  /**
   * Stops taking jobs at once and lets running ones finish until WORKER_DRAIN_DEADLINE_MS; what is
   * still running then is released (its lock is left to expire, so another worker takes it up as
   * stalled and runs it again: handlers are idempotent and transactional), so shutdown is bounded.
   */
  async onModuleDestroy(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    await closeWorkers(workers, this.config.worker.drainDeadlineMs, (running) =>
      this.logger.warn(
        { running, deadlineMs: this.config.worker.drainDeadlineMs },
        'Worker drain deadline passed: releasing the jobs still running',
      ),
    );
  }

  private async run(processor: QueueProcessor, job: Job, token: string | undefined): Promise<unknown> {
    if (!(job.name in JOB_QUEUE) || JOB_QUEUE[job.name as JobName] !== processor.queue) {
      throw new UnrecoverableError(`Unknown job ${job.name} on queue ${processor.queue}`);
    }
    const started = Date.now(); // duration
    try {
      const result = await processor.process(job as TypedJob);
      this.logger.debug({ jobId: job.id, job: job.name, ms: Date.now() - started }, 'Job done'); // duration
      return result;
    } catch (error) {
      // Fired early (clock skew): back to delayed until its time, under the same id, not retried.
      if (error instanceof RunLaterError) {
        // `runAt` is in the clock's time; BullMQ's delayed set is in real ms.
        const delayMs = Math.max(0, error.runAt.getTime() - this.clock.now().getTime());
        await job.moveToDelayed(Date.now() + delayMs, token); // duration: real ms from now
        throw new DelayedError();
      }
      // A job about a row that no longer exists, or bad input, will never succeed: don't retry it.
      if (error instanceof DomainError && (error.kind === 'not_found' || error.kind === 'invalid')) {
        throw new UnrecoverableError(`${error.code}: ${error.message}`);
      }
      throw error;
    }
  }
}

/** What `closeWorkers` needs of a BullMQ worker. */
export interface ClosableWorker {
  pause(doNotWaitActive?: boolean): Promise<void>;
  close(force?: boolean): Promise<void>;
}

/**
 * Stops `workers` taking jobs and waits up to `deadlineMs` for their running jobs to finish, then
 * closes them: gracefully when they drained, with force when the deadline passed (running jobs are
 * not waited for; their locks expire and another worker takes them up as stalled). BullMQ's
 * `close()` cannot be hurried once called, hence `pause()` first. Bounded by about the deadline.
 */
export async function closeWorkers(
  workers: readonly ClosableWorker[],
  deadlineMs: number,
  onDeadline: (running: number) => void,
): Promise<'drained' | 'released'> {
  let timer: NodeJS.Timeout | undefined;
  const drained = Promise.all(workers.map((worker) => worker.pause(false))).then(() => 'drained' as const);
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), deadlineMs);
  });
  let outcome: 'drained' | 'late';
  try {
    outcome = await Promise.race([drained, late]);
  } finally {
    clearTimeout(timer);
  }
  if (outcome === 'late') {
    onDeadline(workers.length);
    drained.catch(() => undefined);
  }
  await Promise.all(workers.map((worker) => worker.close(outcome === 'late')));
  return outcome === 'late' ? 'released' : 'drained';
}
