/** The programme's default time zone until a site says otherwise (DESIGN §3). */
export const DEFAULT_TIME_ZONE = 'Australia/Adelaide';

export const DAY_MS = 86_400_000;

/**
 * The one source of time (DESIGN §3): services, job handlers, guards and SQL statements take "now"
 * and "today" from here, never from `new Date()`, so tests can set and move it. Durations measured
 * for logs or timeouts may still read the monotonic clock.
 */
export abstract class Clock {
  abstract now(): Date;

  /** The calendar date (YYYY-MM-DD) of the current instant in `timeZone` (an IANA name). */
  today(timeZone: string = DEFAULT_TIME_ZONE): string {
    return calendarDateIn(this.now(), timeZone);
  }

  /** `now()` moved by whole days (negative for the past). */
  daysFromNow(days: number): Date {
    return new Date(this.now().getTime() + days * DAY_MS);
  }

  /** `today()` moved by whole calendar days, as YYYY-MM-DD. */
  todayPlus(days: number, timeZone: string = DEFAULT_TIME_ZONE): string {
    return addDays(this.today(timeZone), days);
  }
}

/** The real time, optionally shifted by a fixed offset (the test suite's shifted-clock runs). */
export class SystemClock extends Clock {
  constructor(private readonly offsetMs = 0) {
    super();
  }

  now(): Date {
    // The clock itself: the one place allowed to read the wall clock.
    return new Date(Date.now() + this.offsetMs);
  }
}

/**
 * A clock tests can move: it runs with real time (so timeouts and queue delays still pass) from a
 * starting offset, and `set`/`advance` jump it. `freeze` stops it where it is, for a test whose
 * assertion must not depend on how much real time its steps take (a busy machine); `set`/`advance`
 * still move a frozen clock, and `resume` lets it run on from where it stands. Shared by the API and
 * worker of one test app.
 */
export class ControllableClock extends Clock {
  private offsetMs: number;
  /** The instant a frozen clock stands at, in epoch ms; null while it runs. */
  private frozenAtMs: number | null = null;

  constructor(initialOffsetMs = 0) {
    super();
    this.offsetMs = initialOffsetMs;
  }

  now(): Date {
    return new Date(this.frozenAtMs ?? Date.now() + this.offsetMs);
  }

  /** Jump to `instant` (time then runs on from there, unless the clock is frozen). */
  set(instant: Date): void {
    if (this.frozenAtMs !== null) this.frozenAtMs = instant.getTime();
    else this.offsetMs = instant.getTime() - Date.now();
  }

  /** Move forward (or back, with a negative amount). */
  advance(by: { days?: number; hours?: number; minutes?: number; ms?: number }): void {
    const ms =
      (by.days ?? 0) * DAY_MS + (by.hours ?? 0) * 3_600_000 + (by.minutes ?? 0) * 60_000 + (by.ms ?? 0);
    if (this.frozenAtMs !== null) this.frozenAtMs += ms;
    else this.offsetMs += ms;
  }

  /** Stop the clock at its current instant: `now()` stays there until `set`, `advance` or `resume`. */
  freeze(): void {
    this.frozenAtMs ??= Date.now() + this.offsetMs;
  }

  /** Let a frozen clock run on with real time from the instant it stands at. */
  resume(): void {
    if (this.frozenAtMs === null) return;
    this.offsetMs = this.frozenAtMs - Date.now();
    this.frozenAtMs = null;
  }
}

/** YYYY-MM-DD of `instant` as a person in `timeZone` would read it on a calendar. */
export function calendarDateIn(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** A calendar date (YYYY-MM-DD) moved by whole days. */
/** ISO date (UTC) of an instant. */
export const isoDay = (at: Date): string => at.toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  return new Date(at.getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whether `timeZone` is an IANA zone this runtime knows. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}
