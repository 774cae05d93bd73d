import { type User } from '@app/core';
import { makeSeekingFamily, makeSite, makeUser, TestSmtpServer, tokenFor, waitFor } from '@app/testing';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from './support/test-app';

/** Issue 15: a coach invites a family's adult (link or code); the adult sets its own password; it expires. */
describe('family invitations', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let coach: User;
  let coachToken: string;
  let familyId: string;

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    t = await startTestApp({
      worker: false,
      env: {
        SMTP_URL: smtp.url,
        SMTP_FROM: 'programme@family-link.example.org',
        PUBLIC_URL: 'https://family-link.example.org/',
      },
    });
    const site = await makeSite(t.app);
    coach = await makeUser(t.app, { role: 'coach', siteId: site.id });
    coachToken = await tokenFor(t.app, coach);
    familyId = (await makeSeekingFamily(t.app, coach)).id;
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const invite = (email: string, displayName = 'Sam', token = coachToken, id = familyId) =>
    t
      .http()
      .post(`/api/families/${id}/invitations`)
      .set('authorization', `Bearer ${token}`)
      .send({ email, displayName });
  const join = (body: object) => t.http().post('/api/auth/join').send(body);
  const signIn = (email: string, password: string) =>
    t.http().post('/api/auth/login').send({ email, password });

  it('by the code read out on the phone: the adult sets its password and signs in to its own family', async () => {
    const sent = await invite('sam@example.org').expect(201);
    expect(sent.body.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await join({ email: 'SAM@example.org', code: 'WRNG-CODE', newPassword: 'our family password 1' }).expect(
      400,
    );
    await join({
      email: 'sam@example.org',
      code: (sent.body.code as string).toLowerCase().replace('-', ' '),
      newPassword: 'our family password 1',
    }).expect(204);
    const signedIn = await signIn('sam@example.org', 'our family password 1').expect(200);
    expect(signedIn.body.user).toMatchObject({ role: 'family', familyId, displayName: 'Sam' });
    // Once only.
    const again = await join({
      email: 'sam@example.org',
      code: sent.body.code,
      newPassword: 'another password 22',
    });
    expect(again.status).toBe(400);
    expect(again.body.code).toBe('AUTH.INVITATION_INVALID');
    // The coach sees who has joined.
    const list = await t
      .http()
      .get(`/api/families/${familyId}/invitations`)
      .set('authorization', `Bearer ${coachToken}`)
      .expect(200);
    expect(list.body).toEqual([expect.objectContaining({ email: 'sam@example.org', status: 'joined' })]);
    expect(JSON.stringify(list.body)).not.toContain(sent.body.code);
  });

  it('by the emailed link; an email that already has an account is refused like any other', async () => {
    const before = smtp.messages.length;
    await invite('alex@example.org', 'Alex').expect(201);
    const mail = await waitFor(
      () => smtp.messages.slice(before).find((m) => m.to.some((r) => r.includes('alex@'))),
      {
        what: 'the invitation email',
      },
    );
    const token = /\/join#token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1] ?? '';
    await join({ token, newPassword: 'alex family password' }).expect(204);
    await signIn('alex@example.org', 'alex family password').expect(200);

    const taken = await invite(coach.email, 'Not really').expect(201);
    const refused = await join({
      email: coach.email,
      code: taken.body.code,
      newPassword: 'hijack attempt 123',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('AUTH.INVITATION_INVALID');
  });

  it('expires after a week, and only the family’s coaches may invite', async () => {
    const sent = await invite('late@example.org').expect(201);
    t.clock.advance({ days: 8 });
    await join({ email: 'late@example.org', code: sent.body.code, newPassword: 'too late password' }).expect(
      400,
    );
    const list = await t
      .http()
      .get(`/api/families/${familyId}/invitations`)
      .set('authorization', `Bearer ${coachToken}`)
      .expect(200);
    const items = list.body as { email: string; status: string }[];
    expect(items.find((i) => i.email === 'late@example.org')?.status).toBe('expired');

    const other = await makeUser(t.app, { role: 'coach', siteId: coach.siteId });
    await invite('x@example.org', 'X', await tokenFor(t.app, other)).expect(404);
    const audit = await t.app
      .get(DataSource)
      .query<{ details: string }[]>(
        `SELECT details::text FROM audit_events WHERE action LIKE 'family.invitation%'`,
      );
    expect(audit.length).toBeGreaterThan(0);
    expect(audit.map((a) => a.details).join()).not.toContain('@example.org');
  });

  it('throttles guessing codes from one client', async () => {
    let last = 0;
    for (let i = 0; i < 12; i++) {
      last = (
        await join({ email: 'guess@example.org', code: `GUES-S${i}AA`, newPassword: 'guessing password 1' })
      ).status;
    }
    expect(last).toBe(429);
  });
});
