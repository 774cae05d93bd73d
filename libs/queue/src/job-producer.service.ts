import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
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

/** The only place that adds jobs. */
@Injectable()
export class JobProducer {
  private readonly logger = new Logger('JobProducer');
  private readonly queues: Record<QueueName, Queue>;

  constructor(@InjectQueue('system') system: Queue) {
    this.queues = { system };
    // A lost connection is reported by readiness; BullMQ reconnects by itself. Without a listener the
    // client would print every failed reconnect to stderr.
    for (const queue of Object.values(this.queues)) {
      queue.on('error', (error) =>
        this.logger.warn({ queue: queue.name, err: error.name }, 'Queue connection error'),
      );
    }
  }

  async enqueue<N extends JobName>(
    name: N,
    payload: JobPayloads[N],
    options: EnqueueOptions = {},
  ): Promise<string> {
    const jobId = jobIdFor(name, payload);
    const delay = options.runAt === undefined ? 0 : Math.max(0, options.runAt.getTime() - Date.now());
    await this.queues[JOB_QUEUE[name]].add(name, payload, { ...DEFAULT_JOB_OPTIONS, jobId, delay });
    return jobId;
  }

  queue(name: QueueName): Queue {
    return this.queues[name];
  }
}
