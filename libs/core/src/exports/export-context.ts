import type { PseudonymKind } from '@app/domain';
import type { ExportFilters } from './export-filters';

/** What every row of one export run is computed with. */
export interface ExportContext {
  /** The moment of the export: durations up to now, and consent in force then. */
  readonly at: Date;
  readonly pseudonym: (kind: PseudonymKind, internalId: string) => string;
}

/** A parameterised query: the one SELECT an export streams through a cursor. */
export interface ExportQuery {
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

/** A record-level export: its SELECT, how a database row becomes an export row, and its columns. */
export interface ExportDefinition<Source, Row> {
  query(filters: ExportFilters): ExportQuery;
  prepare(source: Source, context: ExportContext): Row;
}

/** The transaction-local setting that holds the moment an export or report reads consent at. */
const SNAPSHOT_AT_SETTING = 'family_link.snapshot_at';

/**
 * Pins the moment of this export or report — the application clock's time, not PostgreSQL's —
 * for the rest of the transaction (`set_config(…, true)` is `SET LOCAL`). Consent grants are
 * stamped by the same clock, so "granted at or before the export" compares like with like even
 * when the clock runs away from the database's own time (a test clock, `CLOCK_OFFSET_DAYS`). Run it
 * first in every transaction that uses `evaluationConsentInSnapshot`: without it those conditions
 * fail loudly (`unrecognized configuration parameter`) rather than read another time.
 */
export async function pinSnapshotTime(
  query: (sql: string, parameters: unknown[]) => Promise<unknown>,
  at: Date,
): Promise<void> {
  await query('SELECT set_config($1, $2, true)', [SNAPSHOT_AT_SETTING, at.toISOString()]);
}

/**
 * The SQL condition "family `familyColumn` has `evaluation_use` consent in force at the export's
 * moment": an open grant (`withdrawn_at IS NULL`) given at or before the time `pinSnapshotTime` set.
 * Exports and reports run in one REPEATABLE READ transaction, so the consents they read and the rows
 * they export are the same snapshot: a withdrawal committed before the snapshot excludes the family,
 * and one committed after it does not change the file half-way. This is the domain rule
 * `hasEvaluationConsent` at the pinned time (withdrawals are always in the past); the exports'
 * integration test checks the two agree.
 */
export function evaluationConsentInSnapshot(familyColumn: string): string {
  return `EXISTS (${consentRows(familyColumn)})`;
}

/**
 * The same condition as a value for a SELECT list. A scalar subquery with LIMIT 1 is read through
 * the consents index per row; an EXISTS there may be planned as a scan of all consents per row
 * when it runs in a cursor.
 */
export function evaluationConsentValueInSnapshot(familyColumn: string): string {
  return `COALESCE((${consentRows(familyColumn)} LIMIT 1), false)`;
}

function consentRows(familyColumn: string): string {
  return `SELECT true FROM consents c WHERE c.family_id = ${familyColumn} AND c.kind = 'evaluation_use' AND c.withdrawn_at IS NULL AND c.granted_at <= current_setting('${SNAPSHOT_AT_SETTING}')::timestamptz`;
}

/**
 * Site and period conditions on a link-up alias, with their parameters numbered from `first` on
 * (site, start of the period, end of the period).
 */
export function linkUpScope(
  alias: string,
  filters: ExportFilters,
  first = 1,
): { where: string; parameters: unknown[] } {
  const [site, from, before] = [first, first + 1, first + 2];
  return {
    where: [
      `($${site}::uuid IS NULL OR ${alias}.site_id = $${site}::uuid)`,
      `($${from}::timestamptz IS NULL OR ${alias}.started_at >= $${from}::timestamptz)`,
      `($${before}::timestamptz IS NULL OR ${alias}.started_at < $${before}::timestamptz)`,
    ].join(' AND '),
    parameters: [filters.siteId, filters.startsAtOrAfter, filters.startsBefore],
  };
}
