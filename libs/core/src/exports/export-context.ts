import type { PseudonymKind } from '@app/domain';
import type { ExportFilters } from './export-filters';

/** What every row of one export run is computed with. */
export interface ExportContext {
  /** The moment of the export: durations up to now (consent is read in the database snapshot). */
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

/**
 * The SQL condition "family `familyColumn` has `evaluation_use` consent in force in this
 * transaction's snapshot": an open grant (`withdrawn_at IS NULL`) given at or before the start of
 * the transaction. Exports and reports run in one REPEATABLE READ transaction, so the consents they
 * read and the rows they export are the same moment: a withdrawal committed before the snapshot
 * excludes the family whatever the application's clock says, and one committed after it does not
 * change the file half-way. This is the domain rule `hasEvaluationConsent` at the snapshot time
 * (withdrawals are always in the past); the exports' integration test checks the two agree.
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
  return `SELECT true FROM consents c WHERE c.family_id = ${familyColumn} AND c.kind = 'evaluation_use' AND c.withdrawn_at IS NULL AND c.granted_at <= transaction_timestamp()`;
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
