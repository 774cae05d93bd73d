import { DomainError } from '../errors';

/**
 * Which records an export or report covers: a site, and a period of link-up starts. The period is
 * given as months (`2025-01`) or days (`2025-01-15`), both ends inclusive, read in UTC.
 */
export interface ExportFilterInput {
  readonly siteId?: string | null;
  /** First month or day of the period (inclusive). */
  readonly from?: string | null;
  /** Last month or day of the period (inclusive). */
  readonly to?: string | null;
}

export interface ExportFilters {
  readonly siteId: string | null;
  /** As given (recorded in the export log). */
  readonly from: string | null;
  readonly to: string | null;
  /** Start of the period, inclusive (UTC midnight); null: from the beginning. */
  readonly startsAtOrAfter: Date | null;
  /** End of the period, exclusive (UTC midnight after its last day); null: up to now. */
  readonly startsBefore: Date | null;
}

const MONTH = /^(\d{4})-(\d{2})$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A month (`YYYY-MM`) or a day (`YYYY-MM-DD`): what the API accepts for `from` and `to`. */
export const PERIOD_BOUND_PATTERN = /^\d{4}-\d{2}(-\d{2})?$/;

interface Bound {
  readonly first: Date;
  /** The UTC midnight after the bound's last day. */
  readonly after: Date;
}

function parseBound(value: string): Bound | null {
  const month = MONTH.exec(value);
  if (month !== null) {
    const [year, m] = [Number(month[1]), Number(month[2])];
    if (m < 1 || m > 12 || year < 1900) return null;
    return { first: new Date(Date.UTC(year, m - 1, 1)), after: new Date(Date.UTC(year, m, 1)) };
  }
  const day = DAY.exec(value);
  if (day !== null) {
    const [year, m, d] = [Number(day[1]), Number(day[2]), Number(day[3])];
    const first = new Date(Date.UTC(year, m - 1, d));
    if (
      year < 1900 ||
      first.getUTCFullYear() !== year ||
      first.getUTCMonth() !== m - 1 ||
      first.getUTCDate() !== d
    )
      return null;
    return { first, after: new Date(Date.UTC(year, m - 1, d + 1)) };
  }
  return null;
}

function invalid(field: string, problem: string): DomainError {
  return new DomainError('VALIDATION_FAILED', 'invalid', `Please check these fields: ${field}.`, {
    fields: [{ field, problems: [problem] }],
  });
}

/** Validates and resolves the filters; a bad bound or an empty period is a 400 naming the field. */
export function resolveExportFilters(input: ExportFilterInput): ExportFilters {
  const from = input.from ?? null;
  const to = input.to ?? null;
  const fromBound = from === null ? null : parseBound(from);
  const toBound = to === null ? null : parseBound(to);
  if (from !== null && fromBound === null)
    throw invalid('from', 'from must be a month (YYYY-MM) or a day (YYYY-MM-DD)');
  if (to !== null && toBound === null)
    throw invalid('to', 'to must be a month (YYYY-MM) or a day (YYYY-MM-DD)');
  if (fromBound !== null && toBound !== null && toBound.after.getTime() <= fromBound.first.getTime())
    throw invalid('to', 'to must not be before from');
  return {
    siteId: input.siteId ?? null,
    from,
    to,
    startsAtOrAfter: fromBound?.first ?? null,
    startsBefore: toBound?.after ?? null,
  };
}
