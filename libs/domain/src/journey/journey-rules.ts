/**
 * The Seeking family's goals, small wins and get-togethers (DESIGN §3): vocabularies, text limits,
 * dates and what a family user may see of the partner family's records.
 */

export const GOAL_STATUSES = ['active', 'achieved', 'set_aside'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

/** Goal Attainment Scaling: −2 (much less than expected) … 0 (as expected) … +2 (much more). */
export const GOAL_RATING_MIN = -2;
export const GOAL_RATING_MAX = 2;

export const GOAL_RATERS = ['family', 'coach', 'joint'] as const;
export type GoalRater = (typeof GOAL_RATERS)[number];

export const SMALL_WIN_VISIBILITIES = ['link_up', 'coach_only'] as const;
export type SmallWinVisibility = (typeof SMALL_WIN_VISIBILITIES)[number];

export const GET_TOGETHER_KINDS = ['chat', 'fun_activity', 'side_by_side', 'community_connection'] as const;
export type GetTogetherKind = (typeof GET_TOGETHER_KINDS)[number];

/** Text limits: short enough to read on a phone, long enough for a family's own words. */
export const GOAL_TEXT_MAX = 500;
export const SMALL_WIN_TEXT_MAX = 280;
export const REASON_TEXT_MAX = 500;

/**
 * The latest calendar date (`YYYY-MM-DD`) that is not in the future anywhere: "today" in the
 * easternmost time zone (UTC+14). A family in Adelaide recording something "today" is never refused
 * because the server runs on UTC.
 */
export function latestPastOrPresentDate(now: Date): string {
  return new Date(now.getTime() + 14 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

/**
 * The earliest calendar date (`YYYY-MM-DD`) that `at` falls on anywhere: its date in the westernmost
 * time zone (UTC−12). A get-together "on the day the link-up started" is never refused because the
 * server runs on UTC.
 */
export function earliestDateOf(at: Date): string {
  return new Date(at.getTime() - 12 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

/** Whether a calendar date is earlier than `at`'s date everywhere on Earth (e.g. before a link-up began). */
export function isDateBefore(date: string, at: Date): boolean {
  return date < earliestDateOf(at);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `date` (`YYYY-MM-DD`) is a real calendar date. */
export function isCalendarDate(date: string): boolean {
  if (!ISO_DATE.test(date)) return false;
  const parsed = new Date(`${date}T00:00:00.000Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}

/** Whether a calendar date is later than today everywhere on Earth. */
export function isFutureDate(date: string, now: Date): boolean {
  return date > latestPastOrPresentDate(now);
}

/** A moment more than `toleranceMs` (clock skew between devices) after `now`. */
export function isFutureInstant(at: Date, now: Date, toleranceMs = 5 * 60 * 1000): boolean {
  return at.getTime() > now.getTime() + toleranceMs;
}

/** A moment more than `toleranceMs` (clock skew between devices) before `floor` (e.g. a goal's creation). */
export function isEarlierInstant(at: Date, floor: Date, toleranceMs = 5 * 60 * 1000): boolean {
  return at.getTime() < floor.getTime() - toleranceMs;
}

/** Who is looking at a link-up's goals and small wins. */
export type JourneyViewer =
  | { readonly kind: 'staff' }
  | {
      readonly kind: 'family';
      readonly familyId: string;
      /** Whether the partner family's `share_with_partner_family` consent is granted now. */
      readonly partnerShares: boolean;
    };

/** A record as far as visibility goes: whose it is, and whether it is for the coach only. */
export interface JourneyRecordVisibility {
  readonly familyId: string;
  readonly coachOnly: boolean;
}

/**
 * DESIGN §2: staff see everything; a family sees its own records (never `coach_only` ones) and the
 * partner family's only while that family shares with it.
 */
export function isVisibleTo(viewer: JourneyViewer, record: JourneyRecordVisibility): boolean {
  if (viewer.kind === 'staff') return true;
  if (record.coachOnly) return false;
  return record.familyId === viewer.familyId || viewer.partnerShares;
}
