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

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
    this.workers = [];
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
