import { factoryCaller } from '@app/testing';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../../../../test/support/test-app';
import type { Caller } from '../access';
import { TransactionContext } from '../transaction';
import { ProgrammeSettingsService } from './programme-settings.service';

/** Programme settings take their transaction from the TransactionContext (issue 13). */
describe('programme settings in the transaction of the async context', () => {
  let t: TestApp;
  let settings: ProgrammeSettingsService;
  let transactions: TransactionContext;
  const failure = new Error('boom');

  /** Versions numbered `version`, and the audit lines of the caller's request. */
  const written = async (caller: Caller, version: number): Promise<{ versions: number; audit: number }> => {
    const [row] = await t.app.get(DataSource).query<{ versions: number; audit: number }[]>(
      `SELECT (SELECT count(*)::int FROM programme_settings WHERE version = $1) AS versions,
              (SELECT count(*)::int FROM audit_events WHERE request_id = $2) AS audit`,
      [version, caller.requestId],
    );
    return row;
  };

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    settings = t.app.get(ProgrammeSettingsService);
    transactions = t.app.get(TransactionContext);
  });
  afterAll(() => t.close());

  it('changes the settings in the run it is called in: the run failing takes back the version, its audit line and what was read of it', async () => {
    const before = await settings.readSettings();
    const caller = factoryCaller();
    await expect(
      transactions.run(async () => {
        const changed = await settings.changeSettings(caller, {
          version: before.version,
          changes: { feedback: { periodDays: 21 } },
        });
        expect(changed.version).toBe(before.version + 1);
        expect((await settings.readSettings()).settings.feedback.periodDays).toBe(21);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await written(caller, before.version + 1)).toEqual({ versions: 0, audit: 0 });
    const after = await settings.readSettings();
    expect(after.version).toBe(before.version);
    expect(after.settings.feedback.periodDays).toBe(before.settings.feedback.periodDays);
  });

  it('reads its own change later in the run, though another request cached the committed version meanwhile', async () => {
    const before = await settings.readSettings();
    const caller = factoryCaller();
    await expect(
      transactions.run(async () => {
        const changed = await settings.changeSettings(caller, {
          version: before.version,
          changes: { feedback: { periodDays: 23 } },
        });
        // Another request, in no transaction, reads the committed settings and fills the cache with them.
        const elsewhere = await transactions.within(t.app.get(DataSource).manager, () =>
          settings.readSettings(),
        );
        expect(elsewhere.version).toBe(before.version);
        const here = await settings.readSettings();
        expect(here.version).toBe(changed.version);
        expect(here.settings.feedback.periodDays).toBe(23);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect((await settings.readSettings()).version).toBe(before.version);
  });

  it('commits a change made outside any run in a transaction of its own', async () => {
    const before = await settings.readSettings();
    const caller = factoryCaller();
    const changed = await settings.changeSettings(caller, {
      version: before.version,
      changes: { feedback: { periodDays: 21 } },
    });
    expect(changed.version).toBe(before.version + 1);
    expect(await written(caller, before.version + 1)).toEqual({ versions: 1, audit: 1 });
    expect((await settings.readSettings()).settings.feedback.periodDays).toBe(21);
  });
});
