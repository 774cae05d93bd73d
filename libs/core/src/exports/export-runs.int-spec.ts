import { callerOf, makeUser } from '@app/testing';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../../../../test/support/test-app';
import type { Caller } from '../access';
import { TransactionContext } from '../transaction';
import { resolveExportFilters } from './export-filters';
import { ExportsService } from './exports.service';

/** The export log takes its transaction from the TransactionContext (issue 13). */
describe('the export log in the transaction of the async context', () => {
  let t: TestApp;
  let transactions: TransactionContext;
  let caller: Caller;
  const failure = new Error('boom');
  const report = { rowCount: 3, json: '{"rows":3}' };

  /** The runs and audit lines of the caller's request. */
  const written = async (): Promise<{ runs: number; audit: number }> => {
    const [row] = await t.app.get(DataSource).query<{ runs: number; audit: number }[]>(
      `SELECT (SELECT count(*)::int FROM export_runs WHERE request_id = $1) AS runs,
              (SELECT count(*)::int FROM audit_events WHERE request_id = $1) AS audit`,
      [caller.requestId],
    );
    return row;
  };

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    transactions = t.app.get(TransactionContext);
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    caller = callerOf(await makeUser(t.app, { role: 'evaluator' }));
  });

  it('logs a report in the run it is called in: the run failing takes back the run and its audit lines', async () => {
    await expect(
      transactions.run(async () => {
        await t.app.get(ExportsService).recordReport(caller, resolveExportFilters({}), report);
        expect(await written()).toEqual({ runs: 0, audit: 0 });
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await written()).toEqual({ runs: 0, audit: 0 });
  });

  it('logs a report outside any run in a transaction of its own, started and finished', async () => {
    await t.app.get(ExportsService).recordReport(caller, resolveExportFilters({}), report);
    expect(await written()).toEqual({ runs: 1, audit: 2 });
  });
});
