/**
 * Every date and time shown to a person goes through these helpers, in one time zone: the site's
 * (an IANA name), Australia/Adelaide until sites carry their own. `setTimeZone` switches it when the
 * API says which zone the person's site uses (the worklist answers with it).
 */
export const DEFAULT_TIME_ZONE = 'Australia/Adelaide';

let timeZone = DEFAULT_TIME_ZONE;

export function currentTimeZone(): string {
  return timeZone;
}

/** Use the site's zone (ignored if the browser does not know the name). */
export function setTimeZone(zone: string | null | undefined): void {
  if (zone === null || zone === undefined || zone === '' || zone === timeZone) return;
  try {
    new Intl.DateTimeFormat('en-AU', { timeZone: zone });
    timeZone = zone;
  } catch {
    // An unknown zone name: keep the current one.
  }
}

function valid(iso: string | null | undefined): Date | null {
  if (iso === null || iso === undefined) return null;
  // A bare date ("2026-12-06") is a calendar day, not an instant: read it at noon UTC so every zone
  // shows the same day.
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T12:00:00Z` : iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "6 Dec 2026" (a calendar date, or the day of an instant in the site's zone). */
export function formatDate(iso: string | null | undefined): string {
  const d = valid(iso);
  if (d === null) return '—';
  const bareDate = iso !== null && iso !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(iso);
  return d.toLocaleDateString('en-AU', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: bareDate ? 'UTC' : timeZone,
  });
}

/** "Sat 6 Dec, 3:30 pm" in the site's zone. */
export function formatDateTime(iso: string | null | undefined): string {
  const d = valid(iso);
  if (d === null) return '—';
  return d.toLocaleString('en-AU', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
  });
}

/**
 * The web app's one clock: the browser's. Every "now" in the pages comes from here (the server's
 * clock stays the programme's; the browser tests move this one with it in a shifted-clock run).
 */
export function browserNow(): Date {
  return new Date();
}

/** "Sun 6 Dec 2026, 3:30:05 pm" in the site's zone: an instant someone may need to pin down (audit). */
export function formatTimestamp(iso: string | null | undefined): string {
  const d = valid(iso);
  if (d === null) return '—';
  return d.toLocaleString('en-AU', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    second: '2-digit',
    timeZone,
  });
}

/** The calendar date after `isoDate` ("2026-12-06" → "2026-12-07"). */
export function nextDate(isoDate: string): string {
  const d = new Date(`${isoDate}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** "Saturday 6 December" for a calendar date ("2026-12-06"). */
export function formatLongDate(isoDate: string): string {
  const d = valid(isoDate);
  if (d === null) return '—';
  return d.toLocaleDateString('en-AU', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
}

/** The zone's short name for people ("ACDT"), or the IANA name if the browser has none. */
export function timeZoneName(at: string | null | undefined = undefined): string {
  const d = valid(at ?? browserNow().toISOString()) ?? browserNow();
  const part = new Intl.DateTimeFormat('en-AU', { timeZone, timeZoneName: 'short' })
    .formatToParts(d)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

/** A length of time in minutes as its largest sensible unit: { unit, n }. */
export function spanOf(minutes: number): { unit: 'minutes' | 'hours' | 'days'; n: number } {
  const m = Math.abs(Math.round(minutes));
  if (m < 60) return { unit: 'minutes', n: m };
  if (m < 48 * 60) return { unit: 'hours', n: Math.floor(m / 60) };
  return { unit: 'days', n: Math.floor(m / (24 * 60)) };
}

/**
 * The first instant of a calendar date ("2026-12-06") in `zone`, as an ISO string: a day recorded
 * by date (training completed on…) that is never later than now when the date is today.
 */
export function startOfDayIn(isoDate: string, zone: string = timeZone): string {
  const [y = 0, m = 1, d = 1] = isoDate.split('-').map(Number);
  const guess = Date.UTC(y, m - 1, d);
  const offsetAt = (instant: number): number => {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-AU', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      })
        .formatToParts(new Date(instant))
        .map((p) => [p.type, Number(p.value)]),
    ) as Record<string, number>;
    const local = Date.UTC(
      parts.year ?? y,
      (parts.month ?? m) - 1,
      parts.day ?? d,
      parts.hour ?? 0,
      parts.minute ?? 0,
      parts.second ?? 0,
    );
    return local - instant;
  };
  // Twice: the offset at midnight may differ from the offset at the first guess (a DST change).
  let instant = guess - offsetAt(guess);
  instant = guess - offsetAt(instant);
  return new Date(instant).toISOString();
}
