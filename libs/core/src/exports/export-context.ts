import type { PseudonymKind } from '@app/domain';
import type { ExportFilters } from './export-filters';

/** What every row of one export run is computed with. */
export interface ExportContext {
  /** The moment of the export: consents in force now, durations up to now. */
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
  query(filters: ExportFilters, at: Date): ExportQuery;
  prepare(source: Source, context: ExportContext): Row;
}

/**
 * The SQL condition "family `familyColumn` has `evaluation_use` consent in force at $1" — the same
 * rule as `hasEvaluationConsent` in the domain library (a grant at or before the moment, not
 * withdrawn by then), written as SQL so the database filters before anything reaches the app. The
 * exports' integration test checks the two agree.
 */
export function evaluationConsentAt(familyColumn: string, atParameter = '$1'): string {
  return `EXISTS (${consentRows(familyColumn, atParameter)})`;
}

/**
 * The same condition as a value for a SELECT list. A scalar subquery with LIMIT 1 is read through
 * the consents index per row; an EXISTS there may be planned as a scan of all consents per row
 * when it runs in a cursor.
 */
export function evaluationConsentValueAt(familyColumn: string, atParameter = '$1'): string {
  return `COALESCE((${consentRows(familyColumn, atParameter)} LIMIT 1), false)`;
}

function consentRows(familyColumn: string, atParameter: string): string {
  return `SELECT true FROM consents c WHERE c.family_id = ${familyColumn} AND c.kind = 'evaluation_use' AND c.granted_at <= ${atParameter} AND (c.withdrawn_at IS NULL OR c.withdrawn_at > ${atParameter})`;
}

/** Site and period conditions on a link-up alias, with their parameters from `$2` on. */
export function linkUpScope(alias: string, filters: ExportFilters): { where: string; parameters: unknown[] } {
  return {
    where: [
      `($2::uuid IS NULL OR ${alias}.site_id = $2::uuid)`,
      `($3::timestamptz IS NULL OR ${alias}.started_at >= $3::timestamptz)`,
      `($4::timestamptz IS NULL OR ${alias}.started_at < $4::timestamptz)`,
    ].join(' AND '),
    parameters: [filters.siteId, filters.startsAtOrAfter, filters.startsBefore],
  };
}
