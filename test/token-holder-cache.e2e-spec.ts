import { AccessTokens, TOKEN_HOLDER_CACHE_LIFE_MS, type User } from '@app/core';
import { makeSite, makeUser, signIn, TEST_PASSWORD } from '@app/testing';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Issue 17: the access guard serves the token holder (active, token version) from a short in-process
 * cache. A change made through the services is seen on the very next request of this process; a change
 * this process did not make (another API process, raw SQL) only once the cache's life has passed.
 */
describe('the token holder cache of the access guard', () => {
  let t: TestApp;
  let admin: string;
  let siteId: string;

  const me = (token: string) => t.http().get('/api/me').set('authorization', `Bearer ${token}`);
  const expectRefused = async (token: string): Promise<void> => {
    const res = await me(token).expect(401);
    expect(res.body).toMatchObject({ code: 'AUTH.UNAUTHENTICATED' });
  };

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    siteId = (await makeSite(t.app)).id;
    admin = await signIn(t.app, await makeUser(t.app, { role: 'admin' }));
  });
  afterAll(() => t.close());
  // Frozen where a test needs "before the cache's life has passed" to hold however slow the machine is.
  afterEach(() => t.clock.resume());

  it('is in use: a token version bumped behind its back is honoured until the cache’s life has passed', async () => {
    const coach: User = await makeUser(t.app, { role: 'coach', siteId });
    const token = await signIn(t.app, coach);
    t.clock.freeze();
    await me(token).expect(200);
    // What another API process's deactivation looks like from here: the row changed, this cache not told.
    await t.app
      .get(DataSource)
      .query('UPDATE users SET token_version = token_version + 1 WHERE id = $1', [coach.id]);
    await me(token).expect(200);
    t.clock.advance({ ms: TOKEN_HOLDER_CACHE_LIFE_MS });
    await expectRefused(token);
  });

  it('accepts at once a token another API process issued after changing the account, though this cache holds the old row', async () => {
    const family = await makeUser(t.app, { role: 'family', siteId });
    const before = await signIn(t.app, family);
    await me(before).expect(200);
    const db = t.app.get(DataSource);
    // Another process changed the password: the row's token version moved on, and it handed out a
    // token of the new version. This process's cache still holds the old row.
    await db.query('UPDATE users SET token_version = token_version + 1 WHERE id = $1', [family.id]);
    const [{ token_version: version }] = await db.query<{ token_version: number }[]>(
      'SELECT token_version FROM users WHERE id = $1',
      [family.id],
    );
    const issued = await t.app.get(AccessTokens).issueToken({ id: family.id, tokenVersion: version });
    await me(issued.accessToken).expect(200);
    // The fresh read replaced the cached row: the old token is refused from now on.
    await expectRefused(before);

    // Another process reactivated an account this process had cached as inactive.
    const coach = await makeUser(t.app, { role: 'coach', siteId });
    const token = await signIn(t.app, coach);
    await db.query('UPDATE users SET active = false WHERE id = $1', [coach.id]);
    t.clock.advance({ ms: TOKEN_HOLDER_CACHE_LIFE_MS });
    await expectRefused(token);
    await db.query('UPDATE users SET active = true WHERE id = $1', [coach.id]);
    await me(token).expect(200);
  });

  it('refuses a deactivated account’s token on the very next request, cached a moment before', async () => {
    const coach = await makeUser(t.app, { role: 'coach', siteId });
    const token = await signIn(t.app, coach);
    await me(token).expect(200);
    await me(token).expect(200);
    await t
      .http()
      .post(`/api/users/${coach.id}/deactivate`)
      .set('authorization', `Bearer ${admin}`)
      .expect(200);
    await expectRefused(token);
    // Reactivated: the cached "inactive" is forgotten too, so a fresh sign-in works at once.
    await t
      .http()
      .post(`/api/users/${coach.id}/reactivate`)
      .set('authorization', `Bearer ${admin}`)
      .expect(200);
    await me(await signIn(t.app, coach)).expect(200);
  });

  it('refuses a token of the old version on the very next request after a password change', async () => {
    const family = await makeUser(t.app, { role: 'family', siteId });
    const old = await signIn(t.app, family);
    const other = await signIn(t.app, family);
    await me(other).expect(200);
    const changed = await me(old)
      .expect(200)
      .then(() =>
        t
          .http()
          .post('/api/me/password')
          .set('authorization', `Bearer ${old}`)
          .send({ currentPassword: TEST_PASSWORD, newPassword: 'a-brand-new-password' })
          .expect(200),
      );
    await expectRefused(other);
    await me((changed.body as { accessToken: string }).accessToken).expect(200);
  });
});
