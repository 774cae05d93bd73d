import { FamilyLifecycleService, type User } from '@app/core';
import { makeApprovedSharingFamily, makeSite, makeUser, tokenFor } from '@app/testing';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Each site keeps its own time zone (issue 14, item 5): its "today" and its check expiries are read
 * on its own calendar, never UTC's. The clock is put at 20:00 UTC, when Adelaide is already on the
 * next day and Honolulu still on the same one.
 */
describe('site time zones', () => {
  let t: TestApp;
  let admin: User;
  let adminToken: string;

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    admin = await makeUser(t.app, { role: 'admin' });
    adminToken = `Bearer ${await tokenFor(t.app, admin)}`;
  });
  afterAll(() => t.close());

  /** Today's UTC date, and the clock put at 20:00 UTC on it. */
  function eveningUtc(): { utcDate: string; nextDate: string } {
    const utcDate = t.clock.now().toISOString().slice(0, 10);
    t.clock.set(new Date(`${utcDate}T20:00:00Z`));
    const next = new Date(`${utcDate}T12:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    return { utcDate, nextDate: next.toISOString().slice(0, 10) };
  }

  const setZone = (siteId: string, timeZone: string) =>
    t.http().patch(`/api/sites/${siteId}`).set('authorization', adminToken).send({ timeZone });

  it('is set when a site is created or changed, as an IANA name; anything else is a 400', async () => {
    const created = await t
      .http()
      .post('/api/sites')
      .set('authorization', adminToken)
      .send({ name: `Zone site ${t.clock.now().getTime()}`, timeZone: 'Pacific/Honolulu' })
      .expect(201);
    expect(created.body.timeZone).toBe('Pacific/Honolulu');
    const plain = await makeSite(t.app);
    const read = await t.http().get(`/api/sites/${plain.id}`).set('authorization', adminToken).expect(200);
    expect(read.body.timeZone).toBe('Australia/Adelaide');

    const refused = await setZone(plain.id, 'Mars/Olympus_Mons').expect(400);
    expect(refused.body.code).toBe('VALIDATION_FAILED');
    expect((await setZone(plain.id, 'Australia/Darwin').expect(200)).body.timeZone).toBe('Australia/Darwin');
    const coach = await makeUser(t.app, { role: 'coach', siteId: plain.id });
    await t
      .http()
      .patch(`/api/sites/${plain.id}`)
      .set('authorization', `Bearer ${await tokenFor(t.app, coach)}`)
      .send({ timeZone: 'UTC' })
      .expect(403);
    const after = await t.app
      .get(DataSource)
      .query<{ time_zone: string }[]>('SELECT time_zone FROM sites WHERE id = $1', [plain.id]);
    expect(after[0].time_zone).toBe('Australia/Darwin');
  });

  it("gives a coach's worklist the site's today", async () => {
    const site = await makeSite(t.app);
    const coach = await makeUser(t.app, { role: 'coach', siteId: site.id });
    const token = `Bearer ${await tokenFor(t.app, coach)}`;
    const { utcDate, nextDate } = eveningUtc();
    const worklist = async () =>
      (await t.http().get('/api/worklist').set('authorization', token).expect(200)).body as {
        today: string;
        timeZone: string;
      };
    expect(await worklist()).toMatchObject({ timeZone: 'Australia/Adelaide', today: nextDate });
    await setZone(site.id, 'Pacific/Honolulu').expect(200);
    expect(await worklist()).toMatchObject({ timeZone: 'Pacific/Honolulu', today: utcDate });
  });

  it("holds a Sharing family once its adult's check has expired on the site's calendar", async () => {
    const site = await makeSite(t.app);
    const coach = await makeUser(t.app, { role: 'coach', siteId: site.id });
    const { utcDate } = eveningUtc();
    // Valid until the end of the UTC date: still valid in Honolulu at 20:00 UTC, expired in Adelaide.
    await setZone(site.id, 'Pacific/Honolulu').expect(200);
    const sharing = await makeApprovedSharingFamily(t.app, coach, { checkExpiries: [utcDate] });
    const families = t.app.get(FamilyLifecycleService);
    const status = async () =>
      (
        await t.app
          .get(DataSource)
          .query<{ status: string }[]>('SELECT status FROM families WHERE id = $1', [sharing.id])
      )[0].status;

    const notYet = await families.holdSharingFamiliesWithExpiredChecks(t.clock.now());
    expect(notYet.heldFamilyIds).not.toContain(sharing.id);
    expect(await status()).toBe('approved');

    await setZone(site.id, 'Australia/Adelaide').expect(200);
    const held = await families.holdSharingFamiliesWithExpiredChecks(t.clock.now());
    expect(held.heldFamilyIds).toContain(sharing.id);
    expect(await status()).toBe('on_hold');
  });
});
