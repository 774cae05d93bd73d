import { CommonErrors } from '../errors';
import type { TransactionContext } from '../transaction';
import { pinSnapshotTime } from './export-context';

/** A site as a report names it. */
export interface ReportSite {
  readonly id: string;
  readonly name: string;
}

/**
 * Runs `read` in one read-only REPEATABLE READ snapshot with the report's moment pinned, handing it
 * every site by name (a site filter naming none is a 404). A transaction apart, not a run: no
 * caller's transaction may join or write in it; the report's run is logged afterwards, on its own.
 */
export function inReportSnapshot<T>(
  transactions: TransactionContext,
  at: Date,
  siteId: string | null,
  read: (sites: ReportSite[]) => Promise<T>,
): Promise<T> {
  return transactions.runApart(
    async () => {
      await pinSnapshotTime((sql, parameters) => transactions.manager.query(sql, parameters), at);
      const sites = await transactions.manager.query<ReportSite[]>(
        'SELECT id, name FROM sites ORDER BY name, id',
      );
      if (siteId !== null && !sites.some((site) => site.id === siteId)) throw CommonErrors.notFound('Site');
      return read(sites);
    },
    { readOnlySnapshot: true },
  );
}
