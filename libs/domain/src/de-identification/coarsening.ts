/**
 * Coarsening for evaluator exports (DESIGN §4.5): age bands instead of birth years, and dates as
 * whole days since the link-up's start plus the start month instead of calendar dates.
 *
 * A date is either an instant (`Date`), read as a calendar date in `timeZone` (default UTC; pass
 * the site's zone so a link-up that starts just after local midnight keeps its local start day),
 * or a calendar date string `YYYY-MM-DD` (a Postgres `date` column), taken as it is.
 */
export type DateInput = Date | string;

/** Age bands used across the programme, youngest first. */
export const AGE_BANDS = Object.freeze([
  '0-4',
  '5-9',
  '10-14',
  '15-17',
  '18-24',
  '25-34',
  '35-44',
  '45-54',
  '55-64',
  '65+',
] as const);

export type AgeBand = (typeof AGE_BANDS)[number];

const AGE_BAND_LOWER_BOUNDS: readonly number[] = [0, 5, 10, 15, 18, 25, 35, 45, 55, 65];
const MS_PER_DAY = 86_400_000;
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The band containing `age` (whole years, at least 0). */
export function ageBandForAge(age: number): AgeBand {
  if (!Number.isInteger(age) || age < 0) {
    throw new RangeError(`age must be a whole number of years, at least 0, got ${age}`);
  }
  let index = 0;
  while (index + 1 < AGE_BAND_LOWER_BOUNDS.length && age >= AGE_BAND_LOWER_BOUNDS[index + 1]) index += 1;
  return AGE_BANDS[index];
}

/**
 * The age band of someone born in `birthYear`, at `referenceDate` (read in `timeZone`).
 *
 * Only the birth year is held, so the birthday is taken to be 1 July: before July the person is
 * counted as `year - birthYear - 1`, from July as `year - birthYear`. That estimate is right for at
 * least half of the people born in any year, whatever the reference date, where the plain year
 * difference is right for only the share of the year already gone.
 *
 * Returns null when the birth year is unknown, or after the reference year (no age at that date).
 */
export function ageBand(
  birthYear: number | null,
  referenceDate: DateInput,
  timeZone = 'UTC',
): AgeBand | null {
  if (birthYear === null) return null;
  if (!Number.isInteger(birthYear)) throw new RangeError(`birth year must be an integer, got ${birthYear}`);
  const { year, month } = calendarDate(referenceDate, timeZone);
  if (birthYear > year) return null;
  const age = year - birthYear - (month < 7 ? 1 : 0);
  return ageBandForAge(Math.max(age, 0));
}

/** `YYYY-MM` of the date (read in `timeZone`); null in, null out. */
export function startMonth(date: DateInput, timeZone?: string): string;
export function startMonth(date: DateInput | null, timeZone?: string): string | null;
export function startMonth(date: DateInput | null, timeZone = 'UTC'): string | null {
  if (date === null) return null;
  const { year, month } = calendarDate(date, timeZone);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/**
 * Whole calendar days from `start` to `date` (negative when `date` is earlier), both read as
 * calendar dates in `timeZone`; null when either is null.
 */
export function daysFrom(start: DateInput, date: DateInput, timeZone?: string): number;
export function daysFrom(start: DateInput | null, date: DateInput | null, timeZone?: string): number | null;
export function daysFrom(start: DateInput | null, date: DateInput | null, timeZone = 'UTC'): number | null {
  if (start === null || date === null) return null;
  return dayNumber(calendarDate(date, timeZone)) - dayNumber(calendarDate(start, timeZone));
}

/**
 * Weeks from `start` to `end`: whole calendar days divided by 7, unrounded (round when presenting,
 * after taking medians); null when either is null. Paused periods are the caller's to subtract.
 */
export function weeksBetween(start: DateInput, end: DateInput, timeZone?: string): number;
export function weeksBetween(
  start: DateInput | null,
  end: DateInput | null,
  timeZone?: string,
): number | null;
export function weeksBetween(
  start: DateInput | null,
  end: DateInput | null,
  timeZone = 'UTC',
): number | null {
  const days = daysFrom(start, end, timeZone);
  return days === null ? null : days / 7;
}

interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function calendarDate(date: DateInput, timeZone: string): CalendarDate {
  if (typeof date === 'string') return parseCalendarDate(date);
  assertValidDate(date);
  // UTC needs no time-zone database: the fast path exports take for every row.
  if (timeZone === 'UTC')
    return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      calendar: 'gregory',
      numberingSystem: 'latn',
    });
    formatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(date);
  const part = (type: 'year' | 'month' | 'day'): number => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day') };
}

function parseCalendarDate(value: string): CalendarDate {
  const match = CALENDAR_DATE.exec(value);
  if (match !== null) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const check = new Date(0);
    check.setUTCFullYear(year, month - 1, day);
    if (check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day) {
      return { year, month, day };
    }
  }
  throw new RangeError(`expected a calendar date YYYY-MM-DD, got ${JSON.stringify(value)}`);
}

function dayNumber({ year, month, day }: CalendarDate): number {
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  return Math.round(utc.getTime() / MS_PER_DAY);
}

function assertValidDate(date: Date): void {
  if (Number.isNaN(date.getTime())) throw new RangeError('invalid date');
}
