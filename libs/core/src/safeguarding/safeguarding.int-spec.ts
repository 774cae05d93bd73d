import { callerOf, makeLinkUp, makeSite, makeUser, type MadeLinkUp } from '@app/testing';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../../../../test/support/test-app';
import type { Caller } from '../access';
import { TransactionContext } from '../transaction';
import type { User } from '../users';
import { ConcernTriageService } from './concern-triage.service';
import { SafeguardingService } from './safeguarding.service';

/** Safeguarding takes its transaction from the TransactionContext, not a `manager` (issue 13). */
describe('safeguarding concerns in the transaction of the async context', () => {
  let t: TestApp;
  let coach: User;
  let made: MadeLinkUp;
  let safeguarding: SafeguardingService;
  let transactions: TransactionContext;
  const failure = new Error('boom');

  /**
   * What raising or triaging a concern about the link-up writes, with the audit lines of the caller's
   * request (the reads' own lines aside: they are written apart, as before).
   */
  const written = async (caller: Caller): Promise<Record<string, number | string>> => {
    const [row] = await t.app.get(DataSource).query<Record<string, number | string>[]>(
      `SELECT (SELECT count(*)::int FROM safeguarding_concerns WHERE link_up_id = $1) AS concerns,
              (SELECT count(*)::int FROM safeguarding_concern_entries e
                 JOIN safeguarding_concerns c ON c.id = e.concern_id WHERE c.link_up_id = $1) AS entries,
              (SELECT count(*)::int FROM notifications WHERE link_up_id = $1) AS notices,
              (SELECT count(*)::int FROM audit_events
                WHERE request_id = $2 AND action <> 'safeguarding_concern.read') AS audit,
              (SELECT status::text FROM link_ups WHERE id = $1) AS status`,
      [made.linkUp.id, caller.requestId],
    );
    return row;
  };

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    const site = await makeSite(t.app);
    await makeUser(t.app, { role: 'supervisor', siteId: site.id });
    coach = await makeUser(t.app, { role: 'coach', siteId: site.id });
    made = await makeLinkUp(t.app, coach);
    safeguarding = t.app.get(SafeguardingService);
    transactions = t.app.get(TransactionContext);
  });
  afterAll(() => t.close());

  const nothing = { concerns: 0, entries: 0, notices: 0, audit: 0, status: 'active' };

  it('raises an urgent concern in the run it is called in: the run failing takes back the concern, its entry, the pause, the notice and the audit lines', async () => {
    const caller = callerOf(coach);
    await expect(
      transactions.run(async () => {
        await safeguarding.raiseConcern(caller, {
          linkUpId: made.linkUp.id,
          severity: 'high',
          description: 'Raised in a run that fails.',
        });
        expect(await written(caller)).toEqual(nothing);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await written(caller)).toEqual(nothing);
  });

  it('records a concern in the transaction of a manager handed over with within, rolled back with it', async () => {
    const slas = await safeguarding.triageSlas();
    const caller = callerOf(coach);
    await expect(
      t.app.get(DataSource).transaction((manager) =>
        transactions.within(manager, async () => {
          const raised = await safeguarding.recordConcern(
            caller,
            { linkUpId: made.linkUp.id, severity: 'immediate_danger', description: 'Within a manager.' },
            slas,
          );
          expect(raised.pausedLinkUpIds).toEqual([made.linkUp.id]);
          throw failure;
        }),
      ),
    ).rejects.toBe(failure);
    expect(await written(caller)).toEqual(nothing);
  });

  it('commits a concern raised outside any run, then triages it in a run that fails: the triage is taken back', async () => {
    const caller = callerOf(coach);
    const concern = await safeguarding.raiseConcern(caller, {
      linkUpId: made.linkUp.id,
      severity: 'low',
      description: 'Raised outside a run.',
    });
    const raised = { concerns: 1, entries: 1, notices: 0, audit: 1, status: 'active' };
    expect(await written(caller)).toEqual(raised);
    await expect(
      transactions.run(async () => {
        await t.app.get(ConcernTriageService).triageConcern(caller, concern.id, {
          decision: 'no_further_action',
          linkUpEffect: 'pause',
          close: true,
          version: concern.version,
        });
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await written(caller)).toEqual(raised);
    const [row] = await t.app
      .get(DataSource)
      .query<{ status: string; version: number }[]>(
        'SELECT status::text, version FROM safeguarding_concerns WHERE id = $1',
        [concern.id],
      );
    expect(row).toEqual({ status: 'open', version: concern.version });
  });
});
