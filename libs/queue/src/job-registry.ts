/**
 * The job registry: every queue, every job, its payload type, its queue and its id. Payloads carry
 * ids only, never names, contacts or notes.
 */
export const QUEUE_NAMES = ['system', 'check-ins', 'safeguarding', 'notifications', 'families'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export interface JobPayloads {
  /** Proves the round trip api → queue → worker → database. */
  'system.ping': { pingId: string };
  /**
   * The check-ins sweep (DESIGN §4.4): every check-in whose time has come is marked due (the coach
   * told) or missed (the supervisor told), in a few set-based statements. `at`: the due or overdue
   * time this run was scheduled for (one delayed job per distinct time, id by that time); without
   * it (the sweeper's job scheduler), whatever has come by the clock's now.
   */
  'check-ins.sweep': { at?: string };
  /**
   * Before the sweep (issue 17) each check-in had a due and an overdue job; a queue upgraded from
   * then still holds them. Nothing adds these any more: each left runs as a sweep as of now.
   */
  'check-ins.due': { checkInId: string };
  'check-ins.overdue': { checkInId: string };
  /**
   * The reconciler (a job scheduler registered by the worker): re-plans live link-ups, handles
   * check-ins whose time passed while no worker ran, and re-creates lost jobs. Nothing in the payload.
   */
  'check-ins.reconcile': Record<string, never>;
  /** A safeguarding concern's triage deadline: escalate to admins if it is still untriaged. */
  'safeguarding.triage-overdue': { concernId: string };
  /** The email copy of an in-app notification (only when SMTP_URL is configured). */
  'notifications.email': { notificationId: string };
  /**
   * Recurring (a job scheduler registered by the worker): approved Sharing families whose Working
   * With Children Check has expired go on hold, and the coaches of their live link-ups are told.
   */
  'families.hold-expired-checks': Record<string, never>;
}

export type JobName = keyof JobPayloads;

export const JOB_QUEUE = {
  'system.ping': 'system',
  'check-ins.sweep': 'check-ins',
  'check-ins.due': 'check-ins',
  'check-ins.overdue': 'check-ins',
  'check-ins.reconcile': 'check-ins',
  'safeguarding.triage-overdue': 'safeguarding',
  'notifications.email': 'notifications',
  'families.hold-expired-checks': 'families',
} as const satisfies { readonly [N in JobName]: QueueName };

export const JOB_NAMES = Object.keys(JOB_QUEUE) as JobName[];

/** The job names of one queue (what its processor's switch covers). */
export type JobNameOf<Q extends QueueName> = {
  [N in JobName]: (typeof JOB_QUEUE)[N] extends Q ? N : never;
}[JobName];

/** The id of the expired-checks job scheduler. */
export const EXPIRED_CHECKS_SCHEDULER_ID = 'families-expired-checks';

/** The id of the reconciler's job scheduler (one per queue prefix, whatever the number of workers). */
export const CHECK_INS_RECONCILER_ID = 'check-ins-reconciler';

/** The id of the check-ins sweeper's job scheduler (every minute: the backstop of the timed sweeps). */
export const CHECK_INS_SWEEPER_ID = 'check-ins-sweeper';

/** The payload of the timed sweep at `at` (its job id is `checkin-sweep-<epoch ms>`). */
export function sweepAt(at: Date): JobPayloads['check-ins.sweep'] {
  return { at: at.toISOString() };
}

/**
 * Deterministic job ids: enqueueing the same work twice is a no-op while the first job is kept,
 * and a reconciler can re-create a lost job under the same id.
 */
export function jobIdFor<N extends JobName>(name: N, payload: JobPayloads[N]): string {
  // The casts narrow the payload with the name (TypeScript does not correlate the two).
  switch (name) {
    case 'system.ping':
      return `system-ping-${(payload as JobPayloads['system.ping']).pingId}`;
    case 'check-ins.sweep': {
      const at = (payload as JobPayloads['check-ins.sweep']).at;
      return at === undefined ? 'checkin-sweep-now' : `checkin-sweep-${Date.parse(at)}`;
    }
    case 'check-ins.due':
      return `checkin-due-${(payload as JobPayloads['check-ins.due']).checkInId}`;
    case 'check-ins.overdue':
      return `checkin-overdue-${(payload as JobPayloads['check-ins.overdue']).checkInId}`;
    case 'check-ins.reconcile':
      return 'checkin-reconcile-now';
    case 'safeguarding.triage-overdue':
      return `concern-triage-overdue-${(payload as JobPayloads['safeguarding.triage-overdue']).concernId}`;
    case 'notifications.email':
      return `notification-email-${(payload as JobPayloads['notifications.email']).notificationId}`;
    case 'families.hold-expired-checks':
      return 'families-hold-expired-checks-now';
  }
  // Unreachable while the switch covers JobName (checked by the compiler and ESLint).
  throw new Error(`No job id rule for ${String(name)}`);
}
