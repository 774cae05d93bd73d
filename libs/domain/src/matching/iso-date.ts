const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})/;
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 for an ISO date (or date-time; the date part is used), or null. */
export function isoDayNumber(value: string): number | null {
  const match = ISO_DAY.exec(value);
  if (match === null) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const check = new Date(time);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return Math.round(time / DAY_MS);
}

export function dayNumberToIso(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The YYYY-MM-DD part of an ISO date or date-time, or null when it does not look like one. Shape
 * check only (hot path): YYYY-MM-DD strings then compare correctly as plain strings.
 */
export function isoDayPart(value: string | null): string | null {
  if (value === null || !ISO_DAY.test(value)) return null;
  return value.length === 10 ? value : value.slice(0, 10);
}
