import { type User } from '@app/core';
import { makeSite, makeUser, TestSmtpServer, waitFor } from '@app/testing';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from './support/test-app';

/** Issue 15: "forgot password" by an emailed link that expires and works once; no hint whether an email exists. */
describe('forgotten password', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let user: User;

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
    user = await makeUser(t.app, { role: 'family', siteId: site.id });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const ask = (email: string, ip = '10.0.0.1') =>
    t.http().post('/api/auth/password-reset').set('x-forwarded-for', ip).send({ email });
  const complete = (token: string, newPassword: string) =>
    t.http().post('/api/auth/password-reset/complete').send({ token, newPassword });
  const linkIn = async (to: string, after: number): Promise<string> => {
    const mail = await waitFor(
      () => smtp.messages.slice(after).find((m) => m.to.some((r) => r.includes(to))),
      { what: `a reset email to ${to}` },
    );
    const match = /https:\/\/family-link\.example\.org\/reset-password#token=([A-Za-z0-9_-]+)/.exec(
      mail.text,
    );
    expect(match).not.toBeNull();
    return match?.[1] ?? '';
  };

  it('answers the same for an unknown email, and sends nothing', async () => {
    const before = smtp.messages.length;
    const unknown = await ask('nobody-here@example.org').expect(202);
    const known = await ask(user.email).expect(202);
    expect(unknown.body).toEqual(known.body);
    await linkIn(user.email, before);
    expect(smtp.messages.slice(before).some((m) => m.to.some((r) => r.includes('nobody-here')))).toBe(false);
    const audit = await t.app
      .get(DataSource)
      .query<{ details: string }[]>(
        `SELECT details::text FROM audit_events WHERE action = 'auth.password_reset_requested'`,
      );
    expect(audit.map((a) => a.details).join()).not.toContain('nobody-here');
  });

  it('sets a new password once with the link; the old password and the link then stop working', async () => {
    const before = smtp.messages.length;
    await ask(user.email, '10.0.0.2').expect(202);
    const token = await linkIn(user.email, before);
    await complete(token, 'short').expect(400);
    await complete(token, 'a brand new password 42').expect(204);
    await t
      .http()
      .post('/api/auth/login')
      .send({ email: user.email, password: 'a brand new password 42' })
      .expect(200);
    await t
      .http()
      .post('/api/auth/login')
      .send({ email: user.email, password: 'not-the-password' })
      .expect(401);
    const again = await complete(token, 'another new password 43').expect(400);
    expect(again.body.code).toBe('AUTH.RESET_LINK_INVALID');
    await complete('made-up-token', 'another new password 43').expect(400);
  });

  it('expires after an hour', async () => {
    const before = smtp.messages.length;
    await ask(user.email, '10.0.0.3').expect(202);
    const token = await linkIn(user.email, before);
    t.clock.advance({ minutes: 61 });
    const late = await complete(token, 'too late password 44').expect(400);
    expect(late.body.code).toBe('AUTH.RESET_LINK_INVALID');
  });

  it('throttles repeated requests for one email, whether it exists or not', async () => {
    for (let i = 0; i < 3; i++) await ask('throttled@example.org', `10.1.0.${i}`).expect(202);
    const limited = await ask('throttled@example.org', '10.1.0.9').expect(429);
    expect(limited.body.code).toBe('AUTH.TOO_MANY_ATTEMPTS');
  });
});
