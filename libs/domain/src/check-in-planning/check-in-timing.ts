import { LinkUpStatus } from '../link-up-stages';
import { CheckInCadenceSettings } from './check-in-cadence-settings';

/** A check-in's status (DESIGN §3). */
export const CHECK_IN_STATUSES = ['scheduled', 'due', 'completed', 'missed', 'cancelled'] as const;
export type CheckInStatus = (typeof CHECK_IN_STATUSES)[number];

/** Statuses of a check-in that has not happened yet and may still be cancelled or re-planned. */
export const PENDING_CHECK_IN_STATUSES = ['scheduled', 'due'] as const;
export type PendingCheckInStatus = (typeof PENDING_CHECK_IN_STATUSES)[number];

export function isPendingCheckInStatus(status: CheckInStatus): status is PendingCheckInStatus {
  return (PENDING_CHECK_IN_STATUSES as readonly string[]).includes(status);
}

/** When a check-in due at `dueAt` is missed and escalated: its due time plus the grace period. */
export function overdueAt(dueAt: Date, settings: Pick<CheckInCadenceSettings, 'gracePeriodMs'>): Date {
  return new Date(dueAt.getTime() + settings.gracePeriodMs);
}

/**
 * What a pending check-in's status should be at `now`: `scheduled` before its due time, `due` from
 * then until the grace period ends, `missed` from `overdueAt` on.
 */
export function pendingStatusAt(
  dueAt: Date,
  now: Date,
  settings: Pick<CheckInCadenceSettings, 'gracePeriodMs'>,
): 'scheduled' | 'due' | 'missed' {
  if (now.getTime() < dueAt.getTime()) return 'scheduled';
  return now.getTime() < overdueAt(dueAt, settings).getTime() ? 'due' : 'missed';
}

/**
 * Whether the coach may be reminded about (or escalated over) a check-in: only a pending one, on
 * an active link-up. Never about a paused, completed or ended link-up.
 */
export function mayRemindAboutCheckIn(linkUpStatus: LinkUpStatus, checkInStatus: CheckInStatus): boolean {
  return linkUpStatus === 'active' && isPendingCheckInStatus(checkInStatus);
}
