import { JobProducer } from '@app/queue';
import { makeApprovedSharingFamily, makeLinkUp, makeSite, makeUser, tokenFor, waitFor } from '@app/testing';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from './support/test-app';

interface NotificationItem {
  kind: string;
  linkUpId: string | null;
  text: string;
}

describe('an expired Working With Children Check (DESIGN §4.1), on the queue', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('puts the Sharing family on hold and tells the coach of its live link-up, once', async () => {
    const site = await makeSite(t.app);
    const coach = await makeUser(t.app, { role: 'coach', siteId: site.id });
    const sharing = await makeApprovedSharingFamily(t.app, coach);
    const { linkUp } = await makeLinkUp(t.app, coach, { sharingFamily: sharing });
    const dataSource = t.app.get(DataSource);
    // Time passes: the adult's check runs out (the clock is outside the system; the data says so).
    await dataSource.query(`UPDATE people SET wwcc_expires_on = $2 WHERE family_id = $1`, [
      sharing.id,
      t.clock.todayPlus(-1),
    ]);

    const producer = t.app.get(JobProducer);
    await waitFor(
      async () => {
        // (Re-)enqueue until it has run after the expiry: the worker's own start-up run has the same
        // job id and may still be in flight from before it.
        await producer.enqueue('families.hold-expired-checks', {});
        const rows = await dataSource.query<{ status: string }[]>(
          'SELECT status FROM families WHERE id = $1',
          [sharing.id],
        );
        return rows[0].status === 'on_hold' ? true : undefined;
      },
      { what: 'the family to go on hold' },
    );
    const token = await tokenFor(t.app, coach);
    const inbox = await waitFor(
      async () => {
        const res = await t
          .http()
          .get('/api/notifications')
          .set('authorization', `Bearer ${token}`)
          .expect(200);
        const items = (res.body as { items: NotificationItem[] }).items.filter(
          (n) => n.kind === 'sharing_family_on_hold',
        );
        return items.length > 0 ? items : undefined;
      },
      { what: 'the coach’s notice' },
    );
    expect(inbox).toHaveLength(1);
    expect(inbox[0].linkUpId).toBe(linkUp.id);
    expect(inbox[0].text).not.toMatch(/Adult|Legal|WWC/);

    // A second run changes nothing and writes no second notice (done jobs are removed: wait for it).
    await producer.enqueue('families.hold-expired-checks', {});
    await waitFor(
      async () =>
        (await producer.findJob('families.hold-expired-checks', {})) === undefined ? true : undefined,
      {
        what: 'the second run to finish',
      },
    );
    const notices = await dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM notifications WHERE kind = 'sharing_family_on_hold' AND subject_id = $1`,
      [linkUp.id],
    );
    expect(notices[0].n).toBe(1);
  });
});
