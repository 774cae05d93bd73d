import { makeSite, makeUser } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../../../../test/support/test-app';
import { TransactionContext } from '../transaction';
import type { User } from '../users';
import { NotificationsService, type NewNotice } from './notifications.service';

/** Notices take their transaction from the TransactionContext, not a `manager` (issue 13). */
describe('notifications in the transaction of the async context', () => {
  let t: TestApp;
  let notifications: NotificationsService;
  let transactions: TransactionContext;
  let coach: User;
  const failure = new Error('boom');

  const notice = (subjectId: string): NewNotice => ({
    kind: 'sharing_family_on_hold',
    subjectType: 'link_up',
    subjectId,
    linkUpId: null,
    facts: {},
    recipientIds: [coach.id, coach.id],
  });
  const written = async (subjectId: string): Promise<number> => {
    const [row] = await t.app
      .get(DataSource)
      .query<{ n: number }[]>('SELECT count(*)::int AS n FROM notifications WHERE subject_id = $1', [
        subjectId,
      ]);
    return row.n;
  };

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    notifications = t.app.get(NotificationsService);
    transactions = t.app.get(TransactionContext);
    coach = await makeUser(t.app, { role: 'coach', siteId: (await makeSite(t.app)).id });
  });
  afterAll(() => t.close());

  it('writes notices in the run it is called in: the run failing takes them back', async () => {
    const one = randomUUID();
    const many = randomUUID();
    await expect(
      transactions.run(async () => {
        expect(await notifications.notify(notice(one))).toHaveLength(1);
        expect(await notifications.notifyMany([notice(many), notice(many)])).toHaveLength(1);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect([await written(one), await written(many)]).toEqual([0, 0]);
  });

  it('commits notices written outside any run, once per kind, subject and recipient', async () => {
    const one = randomUUID();
    expect(await notifications.notify(notice(one))).toHaveLength(1);
    expect(await notifications.notify(notice(one))).toEqual([]);
    expect(await notifications.notifyMany([notice(one)])).toEqual([]);
    expect(await written(one)).toBe(1);
  });
});
