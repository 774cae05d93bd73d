import { DomainError } from '../errors';

/**
 * Which records an export or report covers: a site, and a period of link-up starts. The period is
 * given in whole months (`2025-01`), both ends inclusive, read in UTC. Days are refused: a one-day
 * period (`from=2025-03-03&to=2025-03-03`) would tell the exact start date of every record in it,
 * which the exports otherwise coarsen to a month (DESIGN §4.5).
 */
export interface ExportFilterInput {
  readonly siteId?: string | null;
  /** First month of the period (inclusive). */
  readonly from?: string | null;
  /** Last month of the period (inclusive). */
  readonly to?: string | null;
}

export interface ExportFilters {
  readonly siteId: string | null;
  /** As given (recorded in the export log). */
  readonly from: string | null;
  readonly to: string | null;
  /** Start of the period, inclusive (UTC midnight on the first of its first month); null: from the beginning. */
  readonly startsAtOrAfter: Date | null;
  /** End of the period, exclusive (UTC midnight on the first of the month after); null: up to now. */
  readonly startsBefore: Date | null;
}

const MONTH = /^(\d{4})-(\d{2})$/;
/** A month (`YYYY-MM`): what the API accepts for `from` and `to`. */
export const PERIOD_BOUND_PATTERN = /^\d{4}-\d{2}$/;
export const PERIOD_BOUND_PROBLEM = (field: 'from' | 'to'): string => `${field} must be a month (YYYY-MM)`;

interface Bound {
  readonly first: Date;
  /** UTC midnight on the first of the month after. */
  readonly after: Date;
}

function parseBound(value: string): Bound | null {
  const month = MONTH.exec(value);
  if (month === null) return null;
  const [year, m] = [Number(month[1]), Number(month[2])];
  if (m < 1 || m > 12 || year < 1900) return null;
  return { first: new Date(Date.UTC(year, m - 1, 1)), after: new Date(Date.UTC(year, m, 1)) };
}

function invalid(field: string, problem: string): DomainError {
  return new DomainError('VALIDATION_FAILED', 'invalid', `Please check these fields: ${field}.`, {
    fields: [{ field, problems: [problem] }],
  });
}

/** Validates and resolves the filters; a bad bound (a day included) or an empty period is a 400 naming the field. */
export function resolveExportFilters(input: ExportFilterInput): ExportFilters {
  const from = input.from ?? null;
  const to = input.to ?? null;
  const fromBound = from === null ? null : parseBound(from);
  const toBound = to === null ? null : parseBound(to);
  if (from !== null && fromBound === null) throw invalid('from', PERIOD_BOUND_PROBLEM('from'));
  if (to !== null && toBound === null) throw invalid('to', PERIOD_BOUND_PROBLEM('to'));
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
