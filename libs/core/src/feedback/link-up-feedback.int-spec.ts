import { callerOf, makeLinkUp, makeSite, makeUser, type MadeLinkUp } from '@app/testing';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../../../../test/support/test-app';
import { TransactionContext } from '../transaction';
import type { User } from '../users';
import { LinkUpFeedbackService } from './link-up-feedback.service';

/** Feedback takes its transaction from the TransactionContext, not a `manager` (issue 13). */
describe('link-up feedback in the transaction of the async context', () => {
  let t: TestApp;
  let coach: User;
  let made: MadeLinkUp;
  let feedback: LinkUpFeedbackService;
  let transactions: TransactionContext;
  const failure = new Error('boom');

  const written = async (): Promise<{ answers: number; audit: number }> => {
    const [row] = await t.app.get(DataSource).query<{ answers: number; audit: number }[]>(
      `SELECT (SELECT count(*)::int FROM link_up_feedback WHERE link_up_id = $1) AS answers,
              (SELECT count(*)::int FROM audit_events
                WHERE action = 'link_up_feedback.given' AND entity_id = $2) AS audit`,
      [made.linkUp.id, made.linkUp.id],
    );
    return row;
  };

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    const site = await makeSite(t.app);
    coach = await makeUser(t.app, { role: 'coach', siteId: site.id });
    made = await makeLinkUp(t.app, coach);
    feedback = t.app.get(LinkUpFeedbackService);
    transactions = t.app.get(TransactionContext);
  });
  afterAll(() => t.close());

  it('gives feedback in the run it is called in: the run failing takes back the answer and its audit line', async () => {
    await expect(
      transactions.run(async () => {
        await feedback.giveFeedback(callerOf(coach), made.linkUp.id, { relationship: 4, change: 3 });
        expect(await written()).toEqual({ answers: 0, audit: 0 });
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await written()).toEqual({ answers: 0, audit: 0 });
  });

  it('commits feedback given outside any run in a transaction of its own', async () => {
    const given = await feedback.giveFeedback(callerOf(coach), made.linkUp.id, {
      relationship: 4,
      change: 3,
    });
    expect(given).toMatchObject({ viewpoint: 'coach', replaced: false });
    expect(await written()).toEqual({ answers: 1, audit: 1 });
  });
});
