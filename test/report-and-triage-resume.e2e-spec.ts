import { CheckIn, LinkUp, type Family, type User } from '@app/core';
import { makeSite, makeUser, setEvaluationConsent, startTestLinkUp, tokenFor } from '@app/testing';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from './support/test-app';

/** Issue 16, item 5: held check-ins in the summary report, and a triage resume that says what to do. */
describe('held check-ins in the summary report, and the triage resume rule', () => {
  let t: TestApp;
  let admin: User;
  let evaluator: User;
  let supervisor: User;
  let coach: User;
  let siteId: string;
  let siteName: string;
  const token = new Map<string, string>();

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    const site = await makeSite(t.app);
    siteId = site.id;
    siteName = site.name;
    admin = await makeUser(t.app, { role: 'admin' });
    evaluator = await makeUser(t.app, { role: 'evaluator' });
    supervisor = await makeUser(t.app, { role: 'supervisor', siteId });
    coach = await makeUser(t.app, { role: 'coach', siteId, supervisorId: supervisor.id });
    for (const user of [admin, evaluator, supervisor, coach]) {
      token.set(user.id, `Bearer ${await tokenFor(t.app, user)}`);
    }
  });
  afterAll(() => t.close());

  const db = (): DataSource => t.app.get(DataSource);
  const as = (user: User): string => token.get(user.id) as string;

  const setThreshold = async (threshold: number): Promise<void> => {
    const current = await t.http().get('/api/settings').set('authorization', as(admin)).expect(200);
    await t
      .http()
      .patch('/api/settings')
      .set('authorization', as(admin))
      .send({
        version: (current.body as { version: number }).version,
        changes: { deIdentification: { suppressionThreshold: threshold } },
      })
      .expect(200);
  };

  it('counts a first contact held before it was due as held at once', async () => {
    const linkUp = await startTestLinkUp(t.app, coach);
    await setEvaluationConsent(t.app, coach, { id: linkUp.seekingFamilyId } as Family, true);
    const firstContact = await db()
      .getRepository(CheckIn)
      .findOneOrFail({ where: { linkUpId: linkUp.id, kind: 'first_contact' } });
    expect(firstContact.dueAt.getTime()).toBeGreaterThan(t.clock.now().getTime());

    await t
      .http()
      .post(`/api/check-ins/${firstContact.id}/complete`)
      .set('authorization', as(coach))
      .send({
        heldAt: new Date(t.clock.now().getTime() - 60_000).toISOString(),
        mode: 'phone',
        relationshipRating: 4,
        wellbeingRating: 3,
        version: firstContact.version,
      })
      .expect(200);

    await setThreshold(1);
    try {
      const res = await t
        .http()
        .get(`/api/reports/summary?siteId=${siteId}`)
        .set('authorization', as(evaluator))
        .expect(200);
      const table = res.body.tables.checkInsHeldVersusDue as {
        rowLabels: string[];
        columnLabels: string[];
        cells: (number | string)[][];
      };
      expect(table.rowLabels).toEqual([siteName]);
      const row = Object.fromEntries(table.columnLabels.map((label, j) => [label, table.cells[0][j]]));
      // The other planned check-ins are not yet due, so they are not counted at all.
      expect(row).toEqual({ held: 1, missed: 0, not_yet_held: 0 });
    } finally {
      await setThreshold(5);
    }
  });

  describe('triage resume of a link-up paused for an urgent concern', () => {
    const raise = async (linkUpId: string, severity: string): Promise<string> =>
      (
        await t
          .http()
          .post('/api/safeguarding-concerns')
          .set('authorization', as(coach))
          .send({ linkUpId, severity, description: 'A worry.' })
          .expect(201)
      ).body.id as string;
    const statusOf = async (linkUpId: string): Promise<string> =>
      (await db().getRepository(LinkUp).findOneByOrFail({ id: linkUpId })).status;

    it('refuses a resume that would leave this concern open, saying to close it in the same step', async () => {
      const linkUp = await startTestLinkUp(t.app, coach);
      const concern = await raise(linkUp.id, 'high');
      expect(await statusOf(linkUp.id)).toBe('paused');

      const refused = await t
        .http()
        .post(`/api/safeguarding-concerns/${concern}/triage`)
        .set('authorization', as(supervisor))
        .send({ decision: 'monitor', linkUpEffect: 'resume', version: 1 })
        .expect(409);
      expect(refused.body.code).toBe('LINK_UP.GUARD_FAILED');
      expect(refused.body.message).toContain('close it');
      expect(refused.body.message).toContain('"close": true');
      expect(refused.body.details).toMatchObject({
        unmetGuards: ['NO_OPEN_URGENT_SAFEGUARDING_CONCERN'],
        openUrgentConcernIds: [concern],
        thisConcernWouldStayOpen: true,
        otherOpenUrgentConcernIds: [],
      });
      expect(await statusOf(linkUp.id)).toBe('paused');

      // Doing what it says resumes the link-up.
      const resumed = await t
        .http()
        .post(`/api/safeguarding-concerns/${concern}/triage`)
        .set('authorization', as(supervisor))
        .send({ decision: 'monitor', linkUpEffect: 'resume', close: true, version: 1 })
        .expect(200);
      expect(resumed.body.status).toBe('closed');
      expect(await statusOf(linkUp.id)).toBe('active');
    });

    it('names the other open urgent concerns when closing this one is not enough', async () => {
      const linkUp = await startTestLinkUp(t.app, coach);
      const first = await raise(linkUp.id, 'high');
      const second = await raise(linkUp.id, 'immediate_danger');

      const refused = await t
        .http()
        .post(`/api/safeguarding-concerns/${first}/triage`)
        .set('authorization', as(supervisor))
        .send({ decision: 'monitor', linkUpEffect: 'resume', close: true, version: 1 })
        .expect(409);
      expect(refused.body.message).toContain('Another urgent concern');
      expect(refused.body.details).toMatchObject({
        openUrgentConcernIds: [second],
        thisConcernWouldStayOpen: false,
        otherOpenUrgentConcernIds: [second],
      });
      expect(await statusOf(linkUp.id)).toBe('paused');
    });

    it('states the rule in the route’s OpenAPI description', async () => {
      const doc = await t.http().get('/docs-json').expect(200);
      const route = doc.body.paths['/api/safeguarding-concerns/{id}/triage'].post as {
        description: string;
        responses: Record<string, unknown>;
      };
      expect(route.description).toContain('close: true');
      expect(route.description).toContain('NO_OPEN_URGENT_SAFEGUARDING_CONCERN');
      expect(route.responses['409']).toBeDefined();
    });
  });
});
