import { DataSource } from 'typeorm';
import { makeSite, makeUser, TEST_PASSWORD, tokenFor } from '@app/testing';
import { SignInService } from '@app/core';
import { startTestApp, type TestApp } from './support/test-app';

describe('sign-in throttling (counters in PostgreSQL, OWASP ASVS 2.2.1)', () => {
  let t: TestApp;
  const login = (email: string, password: string) =>
    t.http().post('/api/auth/login').send({ email, password });

  beforeAll(async () => {
    t = await startTestApp({
      worker: false,
      env: {
        LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_CLIENT: '3',
        LOGIN_MAX_FAILURES_PER_ACCOUNT: '5',
        LOGIN_THROTTLE_WINDOW_SECONDS: '600',
      },
    });
  });
  afterAll(() => t.close());

  it('blocks the one guessing an account from an address (429 with Retry-After, even with the right password), not the other accounts behind it', async () => {
    const site = await makeSite(t.app);
    const [a, b, c] = await Promise.all([
      makeUser(t.app, { role: 'coach', siteId: site.id }),
      makeUser(t.app, { role: 'coach', siteId: site.id }),
      makeUser(t.app, { role: 'coach', siteId: site.id }),
    ]);
    for (let i = 0; i < 3; i += 1) await login(a.email, 'wrong-password-1').expect(401);
    const blocked = await login(a.email.toUpperCase(), TEST_PASSWORD).expect(429);
    expect(blocked.body).toMatchObject({ statusCode: 429, code: 'AUTH.TOO_MANY_ATTEMPTS' });
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(600);
    expect((blocked.body as { details: { retryAfterSeconds: number } }).details.retryAfterSeconds).toBe(
      retryAfter,
    );

    // A family centre's shared connection: however many failures other accounts have from this
    // address (30 here, across 10 made-up emails), the right password of another account works.
    for (let i = 0; i < 30; i += 1)
      await login(`nobody-${i % 10}@example.org`, 'wrong-password-2').expect(401);
    await login(b.email, TEST_PASSWORD).expect(200);
    for (let i = 0; i < 2; i += 1) await login(b.email, 'wrong-password-2').expect(401);
    await login(c.email, TEST_PASSWORD).expect(200);
    await login(b.email, TEST_PASSWORD).expect(200);

    const counters = await t.app
      .get(DataSource)
      .query<{ key: string }[]>('SELECT key FROM login_throttle_counters');
    expect(counters.length).toBeGreaterThan(0);
    expect(JSON.stringify(counters)).not.toMatch(/@|127\.0\.0\.1/);
  });

  it('bounds guessing of one account spread over many addresses (per account, all addresses)', async () => {
    const site = await makeSite(t.app);
    const user = await makeUser(t.app, { role: 'coach', siteId: site.id });
    const signIn = t.app.get(SignInService);
    const attempt = (clientAddress: string, password: string) =>
      signIn.signIn({ email: user.email, password, clientAddress, requestId: 'test-throttle' }).then(
        () => 'signed-in',
        (error: { code?: string }) => error.code,
      );
    // Five addresses, one failure each: under the per-(account, address) limit everywhere.
    for (let i = 0; i < 5; i += 1) {
      expect(await attempt(`203.0.113.${i}`, 'wrong-password-3')).toBe('AUTH.INVALID_CREDENTIALS');
    }
    // The account has had its 5 failures: every address now waits, a fresh one included.
    expect(await attempt('198.51.100.7', TEST_PASSWORD)).toBe('AUTH.TOO_MANY_ATTEMPTS');
  });
});

describe('sign-in throttling under concurrent attempts (no deadlock)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      worker: false,
      env: { LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_CLIENT: '5', LOGIN_MAX_FAILURES_PER_ACCOUNT: '25' },
    });
  });
  afterAll(() => t.close());

  it('answers 40 concurrent wrong sign-ins and password changes for one account with 401/400/429 only', async () => {
    const site = await makeSite(t.app);
    const user = await makeUser(t.app, { role: 'coach', siteId: site.id });
    const token = await tokenFor(t.app, user);
    const attempts = await Promise.all([
      ...Array.from({ length: 40 }, () =>
        t.http().post('/api/auth/login').send({ email: user.email, password: 'wrong-password-4' }),
      ),
      ...Array.from({ length: 20 }, () =>
        t
          .http()
          .post('/api/me/password')
          .set('authorization', `Bearer ${token}`)
          .send({ currentPassword: 'not-the-password', newPassword: 'a-brand-new-password-2' }),
      ),
    ]);
    const statuses = attempts.map((res) => res.status);
    expect(statuses.filter((s) => ![400, 401, 429].includes(s))).toEqual([]);
    expect(statuses.filter((s) => s === 401 || s === 400)).toHaveLength(5);
  });
});

describe('sign-in throttling under parallel attempts', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      worker: false,
      env: { LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_CLIENT: '3', LOGIN_MAX_FAILURES_PER_ACCOUNT: '1000' },
    });
  });
  afterAll(() => t.close());

  it('lets no more password checks through than the limit, however many attempts arrive at once', async () => {
    const site = await makeSite(t.app);
    const user = await makeUser(t.app, { role: 'coach', siteId: site.id });
    const attempts = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.http().post('/api/auth/login').send({ email: user.email, password: 'wrong-password-3' }),
      ),
    );
    const statuses = attempts.map((res) => res.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(17);
    // Even the right password waits for the window now.
    await t.http().post('/api/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(429);
  });
});

describe('changing one’s password with a wrong current password', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      worker: false,
      env: { LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_CLIENT: '3', LOGIN_MAX_FAILURES_PER_ACCOUNT: '1000' },
    });
  });
  afterAll(() => t.close());

  it('counts like a failed sign-in: audited, then throttled', async () => {
    const site = await makeSite(t.app);
    const user = await makeUser(t.app, { role: 'coach', siteId: site.id });
    const token = await tokenFor(t.app, user);
    const change = () =>
      t
        .http()
        .post('/api/me/password')
        .set('authorization', `Bearer ${token}`)
        .send({ currentPassword: 'not-the-password', newPassword: 'a-brand-new-password-1' });
    for (let i = 0; i < 3; i += 1) await change().expect(400);
    const blocked = await change().expect(429);
    expect(blocked.body).toMatchObject({ code: 'AUTH.TOO_MANY_ATTEMPTS' });
    const failures = await t.app
      .get(DataSource)
      .query<{ n: number }[]>(
        "SELECT count(*)::int AS n FROM audit_events WHERE action = 'user.password_change_failed' AND entity_id = $1",
        [user.id],
      );
    expect(failures[0].n).toBe(3);
  });
});
