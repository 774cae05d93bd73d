import type { JobName, JobPayloads, QueueName } from '@app/queue';
import type { Job } from 'bullmq';

/** A job as a processor sees it: the name narrows the payload. */
export type TypedJob = { [N in JobName]: Job<JobPayloads[N], unknown, N> }[JobName];

/** One processor per queue: a switch over the queue's job names, each case delegating to a service. */
export interface QueueProcessor {
  readonly queue: QueueName;
  process(job: TypedJob): Promise<unknown>;
}

export const QUEUE_PROCESSORS = Symbol('QUEUE_PROCESSORS');
