import type { User } from '@app/core';
import { makeSite, makeUser, startTestLinkUp, tokenFor } from '@app/testing';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Issue 12, scope: a coach sees the safeguarding concerns of its caseload only (DESIGN §2). Having
 * raised a concern gives no access: once a supervisor moves the link-up to another coach, the coach
 * who raised it can no longer read, list, triage or close it — nor read the triage written after.
 */
describe('safeguarding concerns follow the caseload', () => {
  let t: TestApp;
  let supervisor: User;
  let firstCoach: User;
  let nextCoach: User;
  const token = new Map<string, string>();

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    const site = await makeSite(t.app);
    supervisor = await makeUser(t.app, { role: 'supervisor', siteId: site.id });
    firstCoach = await makeUser(t.app, { role: 'coach', siteId: site.id, supervisorId: supervisor.id });
    nextCoach = await makeUser(t.app, { role: 'coach', siteId: site.id, supervisorId: supervisor.id });
    for (const user of [supervisor, firstCoach, nextCoach]) {
      token.set(user.id, `Bearer ${await tokenFor(t.app, user)}`);
    }
  });
  afterAll(() => t.close());

  const as = (user: User): string => token.get(user.id) as string;

  const raise = async (coach: User, subject: { linkUpId?: string; familyId?: string }): Promise<string> => {
    const res = await t
      .http()
      .post('/api/safeguarding-concerns')
      .set('authorization', as(coach))
      .send({ ...subject, severity: 'medium', description: 'Seen at pick-up, worth a word' })
      .expect(201);
    return (res.body as { id: string }).id;
  };

  const concernIdsListedFor = async (user: User, query = ''): Promise<string[]> => {
    const res = await t
      .http()
      .get(`/api/safeguarding-concerns${query}`)
      .set('authorization', as(user))
      .expect(200);
    return (res.body as { items: { id: string }[] }).items.map((item) => item.id);
  };

  const worklistConcernIds = async (user: User): Promise<string[]> => {
    const res = await t.http().get('/api/worklist').set('authorization', as(user)).expect(200);
    return (res.body as { concerns: { id: string }[] }).concerns.map((item) => item.id);
  };

  const moveLinkUp = async (linkUpId: string, to: User): Promise<void> => {
    const current = await t
      .http()
      .get(`/api/link-ups/${linkUpId}`)
      .set('authorization', as(supervisor))
      .expect(200);
    await t
      .http()
      .post(`/api/link-ups/${linkUpId}/coach`)
      .set('authorization', as(supervisor))
      .send({
        coachId: to.id,
        reason: 'Caseload balancing',
        version: (current.body as { version: number }).version,
      })
      .expect(200);
  };

  const concernVersion = async (user: User, id: string): Promise<number> => {
    const res = await t
      .http()
      .get(`/api/safeguarding-concerns/${id}`)
      .set('authorization', as(user))
      .expect(200);
    return (res.body as { version: number }).version;
  };

  it('a coach moved off a link-up loses the concerns it raised there, the new coach gains them', async () => {
    const linkUp = await startTestLinkUp(t.app, firstCoach);
    const aboutLinkUp = await raise(firstCoach, { linkUpId: linkUp.id });
    const aboutFamily = await raise(firstCoach, { familyId: linkUp.seekingFamilyId });

    // Before the move: the raising coach has them (its caseload), the other coach does not.
    expect(await concernIdsListedFor(firstCoach)).toEqual(expect.arrayContaining([aboutLinkUp, aboutFamily]));
    expect(await concernIdsListedFor(nextCoach)).toEqual([]);
    await t
      .http()
      .get(`/api/safeguarding-concerns/${aboutLinkUp}`)
      .set('authorization', as(nextCoach))
      .expect(404);

    await moveLinkUp(linkUp.id, nextCoach);

    // The supervisor triages after the move, with a note the first coach must not read.
    await t
      .http()
      .post(`/api/safeguarding-concerns/${aboutLinkUp}/triage`)
      .set('authorization', as(supervisor))
      .send({
        decision: 'monitor',
        linkUpEffect: 'none',
        note: 'Spoke to the school; keep an eye',
        version: await concernVersion(supervisor, aboutLinkUp),
      })
      .expect(200);

    for (const id of [aboutLinkUp, aboutFamily]) {
      const read = await t
        .http()
        .get(`/api/safeguarding-concerns/${id}`)
        .set('authorization', as(firstCoach))
        .expect(404);
      expect(read.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
      expect(JSON.stringify(read.body)).not.toContain('keep an eye');
      await t
        .http()
        .post(`/api/safeguarding-concerns/${id}/triage`)
        .set('authorization', as(firstCoach))
        .send({ decision: 'no_further_action', linkUpEffect: 'none', close: true, version: 1 })
        .expect(404);
    }
    expect(await concernIdsListedFor(firstCoach)).toEqual([]);
    expect(await concernIdsListedFor(firstCoach, `?linkUpId=${linkUp.id}`)).toEqual([]);
    expect(await concernIdsListedFor(firstCoach, `?familyId=${linkUp.seekingFamilyId}`)).toEqual([]);
    expect(await worklistConcernIds(firstCoach)).toEqual([]);

    // The new coach has them: reads the supervisor's note, and can close them.
    const detail = await t
      .http()
      .get(`/api/safeguarding-concerns/${aboutLinkUp}`)
      .set('authorization', as(nextCoach))
      .expect(200);
    expect(JSON.stringify(detail.body)).toContain('keep an eye');
    expect(await concernIdsListedFor(nextCoach)).toEqual(expect.arrayContaining([aboutLinkUp, aboutFamily]));
    expect(await worklistConcernIds(nextCoach)).toEqual(expect.arrayContaining([aboutLinkUp, aboutFamily]));
    const closed = await t
      .http()
      .post(`/api/safeguarding-concerns/${aboutLinkUp}/triage`)
      .set('authorization', as(nextCoach))
      .send({
        decision: 'no_further_action',
        linkUpEffect: 'none',
        close: true,
        version: await concernVersion(nextCoach, aboutLinkUp),
      })
      .expect(200);
    expect(closed.body).toMatchObject({ status: 'closed' });

    // The concern itself is unchanged by the first coach's refused attempts.
    const family = await t
      .http()
      .get(`/api/safeguarding-concerns/${aboutFamily}`)
      .set('authorization', as(supervisor))
      .expect(200);
    expect(family.body).toMatchObject({ status: 'open', version: 1 });
  });
});
