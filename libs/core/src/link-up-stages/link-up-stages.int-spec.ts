import { callerOf, makeLinkUp, makeSite, makeUser } from '@app/testing';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../../../../test/support/test-app';
import { LinkUpChangesBus, type LinkUpChanged } from '../link-ups';
import { TransactionContext } from '../transaction';
import type { User } from '../users';
import { LinkUpStagesService } from './link-up-stages.service';

/** Stage changes take their transaction from the TransactionContext, not a `manager` (issue 13). */
describe('link-up stage changes in the transaction of the async context', () => {
  let t: TestApp;
  let coach: User;
  let stages: LinkUpStagesService;
  let transactions: TransactionContext;
  const published: LinkUpChanged[] = [];
  let unsubscribe: () => void;
  const failure = new Error('boom');

  const written = async (linkUpId: string): Promise<{ version: number; events: number; audit: number }> => {
    const [row] = await t.app.get(DataSource).query<{ version: number; events: number; audit: number }[]>(
      `SELECT (SELECT version FROM link_ups WHERE id = $1) AS version,
              (SELECT count(*)::int FROM link_up_events WHERE link_up_id = $1) AS events,
              (SELECT count(*)::int FROM audit_events
                WHERE action = 'link_up.transitioned' AND entity_id = $2) AS audit`,
      [linkUpId, linkUpId],
    );
    return row;
  };

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    const site = await makeSite(t.app);
    coach = await makeUser(t.app, { role: 'coach', siteId: site.id });
    stages = t.app.get(LinkUpStagesService);
    transactions = t.app.get(TransactionContext);
    unsubscribe = t.app.get(LinkUpChangesBus).subscribe((event) => {
      published.push(event);
    });
  });
  afterAll(async () => {
    unsubscribe();
    await t.close();
  });

  it('changes the stage in the run it is called in: the run failing takes back the change, its history and audit line, and nothing is published', async () => {
    const made = await makeLinkUp(t.app, coach);
    const before = await written(made.linkUp.id);
    await expect(
      transactions.run(async () => {
        const paused = await stages.changeStage(callerOf(coach), made.linkUp.id, {
          to: 'paused',
          reason: 'Family holiday',
          version: made.linkUp.version,
        });
        expect(paused).toMatchObject({ status: 'paused', version: made.linkUp.version + 1 });
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await written(made.linkUp.id)).toEqual(before);
    expect(published.filter((event) => event.linkUpId === made.linkUp.id)).toEqual([]);
  });

  it('commits a change made outside any run in a transaction of its own, then publishes it', async () => {
    const made = await makeLinkUp(t.app, coach);
    const before = await written(made.linkUp.id);
    await stages.changeStage(callerOf(coach), made.linkUp.id, {
      to: 'paused',
      reason: 'Family holiday',
      version: made.linkUp.version,
    });
    expect(await written(made.linkUp.id)).toEqual({
      version: before.version + 1,
      events: before.events + 1,
      audit: before.audit + 1,
    });
    expect(published.filter((event) => event.linkUpId === made.linkUp.id)).toMatchObject([
      { kind: 'paused' },
    ]);
  });
});
