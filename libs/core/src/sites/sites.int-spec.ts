import { factoryCaller, makeSite } from '@app/testing';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../../../../test/support/test-app';
import type { Caller } from '../access';
import { TransactionContext } from '../transaction';
import { SitesService } from './sites.service';

/** Sites take their transaction from the TransactionContext, not a `manager` (issue 13). */
describe('sites in the transaction of the async context', () => {
  let t: TestApp;
  let sites: SitesService;
  let transactions: TransactionContext;
  const failure = new Error('boom');

  /** Sites of that name, and the audit lines of the caller's request. */
  const written = async (caller: Caller, name: string): Promise<{ sites: number; audit: number }> => {
    const [row] = await t.app.get(DataSource).query<{ sites: number; audit: number }[]>(
      `SELECT (SELECT count(*)::int FROM sites WHERE name = $1) AS sites,
              (SELECT count(*)::int FROM audit_events WHERE request_id = $2) AS audit`,
      [name, caller.requestId],
    );
    return row;
  };

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    sites = t.app.get(SitesService);
    transactions = t.app.get(TransactionContext);
  });
  afterAll(() => t.close());

  it('creates a site in the run it is called in: the run failing takes back the site and its audit line', async () => {
    const caller = factoryCaller();
    await expect(
      transactions.run(async () => {
        await sites.createSite(caller, { name: 'Site in a failing run' });
        expect(await written(caller, 'Site in a failing run')).toEqual({ sites: 0, audit: 0 });
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await written(caller, 'Site in a failing run')).toEqual({ sites: 0, audit: 0 });
  });

  it('updates a site in the run it is called in: the run failing keeps its name and writes no audit line', async () => {
    const site = await makeSite(t.app, 'Site renamed in a failing run');
    const caller = factoryCaller();
    await expect(
      transactions.run(async () => {
        await sites.updateSite(caller, site.id, { name: 'Site renamed' });
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await written(caller, 'Site renamed in a failing run')).toEqual({ sites: 1, audit: 0 });
    expect(await written(caller, 'Site renamed')).toEqual({ sites: 0, audit: 0 });
  });

  it('commits a site created outside any run in a transaction of its own', async () => {
    const caller = factoryCaller();
    await sites.createSite(caller, { name: 'Site outside a run' });
    expect(await written(caller, 'Site outside a run')).toEqual({ sites: 1, audit: 1 });
  });
});
