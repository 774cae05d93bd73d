import type { JobNameOf, JobPayloads, QueueName } from '@app/queue';
import type { Job } from 'bullmq';

/** A job of queue `Q` as its processor sees it: the name narrows the payload. */
export type TypedJob<Q extends QueueName = QueueName> = {
  [N in JobNameOf<Q>]: Job<JobPayloads[N], unknown, N>;
}[JobNameOf<Q>];

/** One processor per queue: a switch over the queue's job names, each case delegating to a service. */
export interface QueueProcessor<Q extends QueueName = QueueName> {
  readonly queue: Q;
  process(job: TypedJob<Q>): Promise<unknown>;
}

export const QUEUE_PROCESSORS = Symbol('QUEUE_PROCESSORS');
