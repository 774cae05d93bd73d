/**
 * The job registry: every queue, every job, its payload type, its queue and its id. Payloads carry
 * ids only, never names, contacts or notes.
 */
export const QUEUE_NAMES = ['system'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export interface JobPayloads {
  /** Proves the round trip api → queue → worker → database. */
  'system.ping': { pingId: string };
}

export type JobName = keyof JobPayloads;

export const JOB_QUEUE: { readonly [N in JobName]: QueueName } = {
  'system.ping': 'system',
};

export const JOB_NAMES = Object.keys(JOB_QUEUE) as JobName[];

/**
 * Deterministic job ids: enqueueing the same work twice is a no-op while the first job is kept,
 * and a reconciler can re-create a lost job under the same id.
 */
export function jobIdFor<N extends JobName>(name: N, payload: JobPayloads[N]): string {
  switch (name) {
    case 'system.ping':
      return `system-ping-${payload.pingId}`;
  }
  // Unreachable while the switch covers JobName (checked by the compiler and ESLint).
  throw new Error(`No job id rule for ${String(name)}`);
}
