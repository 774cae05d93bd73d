import { callerOf, factoryCaller, makeSite, makeUser } from '@app/testing';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../../../../test/support/test-app';
import type { Caller } from '../access';
import { TransactionContext } from '../transaction';
import { User } from './user.entity';
import { UsersService } from './users.service';

/** Users take their transaction from the TransactionContext, not a `manager` (issue 13). */
describe('users in the transaction of the async context', () => {
  let t: TestApp;
  let users: UsersService;
  let transactions: TransactionContext;
  let siteId: string;
  const failure = new Error('boom');

  /** Users of that email, whether the user is active, and the audit lines of the caller's request. */
  const written = async (
    caller: Caller,
    email: string,
  ): Promise<{ users: number; active: number; audit: number }> => {
    const [row] = await t.app.get(DataSource).query<{ users: number; active: number; audit: number }[]>(
      `SELECT (SELECT count(*)::int FROM users WHERE email = $1) AS users,
              (SELECT count(*)::int FROM users WHERE email = $1 AND active) AS active,
              (SELECT count(*)::int FROM audit_events WHERE request_id = $2) AS audit`,
      [email, caller.requestId],
    );
    return row;
  };

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    users = t.app.get(UsersService);
    transactions = t.app.get(TransactionContext);
    siteId = (await makeSite(t.app)).id;
  });
  afterAll(() => t.close());

  it('reads a user for getUser with one prepared statement: the same User as the entity read, scope as before', async () => {
    const coach: User = await makeUser(t.app, { role: 'coach', siteId });
    const family: User = await makeUser(t.app, { role: 'family', siteId });
    await users.deactivateUser(factoryCaller(), family.id);
    for (const user of [coach, family]) {
      const read = await users.getUser(callerOf(user), user.id);
      expect(read).toBeInstanceOf(User);
      expect(read).toEqual(await users.findUserForToken(user.id));
    }
    expect(
      (await users.getUser(callerOf(coach), family.id).catch((error: unknown) => error)) as object,
    ).toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('creates a user in the run it is called in: the run failing takes back the user and its audit line', async () => {
    const caller = factoryCaller();
    const email = 'coach.in.a.failing.run@example.org';
    await expect(
      transactions.run(async () => {
        await users.createUser(caller, {
          email,
          displayName: 'A coach',
          role: 'coach',
          password: 'a long enough password',
          siteId,
        });
        expect(await written(caller, email)).toEqual({ users: 0, active: 0, audit: 0 });
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await written(caller, email)).toEqual({ users: 0, active: 0, audit: 0 });
  });

  it('deactivates in the run it is called in: the run failing keeps the user active, without an audit line, and its token holder fresh', async () => {
    const coach: User = await makeUser(t.app, { role: 'coach', siteId });
    const caller = factoryCaller();
    await expect(
      transactions.run(async () => {
        const deactivated = await users.deactivateUser(caller, coach.id);
        expect(deactivated.active).toBe(false);
        // Inside the run the holder is read in it (and not cached): the uncommitted change shows.
        expect((await users.findTokenHolder(coach.id))?.active).toBe(false);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await written(caller, coach.email)).toEqual({ users: 1, active: 1, audit: 0 });
    expect((await users.findTokenHolder(coach.id))?.active).toBe(true);
  });

  it('commits a deactivation outside any run in a transaction of its own, and forgets the token holder', async () => {
    const coach: User = await makeUser(t.app, { role: 'coach', siteId });
    expect((await users.findTokenHolder(coach.id))?.active).toBe(true);
    const caller = factoryCaller();
    await users.deactivateUser(caller, coach.id);
    expect(await written(caller, coach.email)).toEqual({ users: 1, active: 0, audit: 1 });
    expect((await users.findTokenHolder(coach.id))?.active).toBe(false);
  });

  it('changes a password in the run it is called in: the run failing keeps the old one and writes no audit line', async () => {
    const password = 'the first long password';
    const coach: User = await makeUser(t.app, { role: 'coach', siteId, password });
    const caller = callerOf(coach);
    await expect(
      transactions.run(async () => {
        await users.changeOwnPassword(caller, {
          currentPassword: password,
          newPassword: 'another long password',
        });
        throw failure;
      }),
    ).rejects.toBe(failure);
    const [row] = await t.app
      .get(DataSource)
      .query<{ version: number }[]>('SELECT token_version AS version FROM users WHERE id = $1', [coach.id]);
    expect(row.version).toBe(coach.tokenVersion);
    expect(await written(caller, coach.email)).toMatchObject({ audit: 0 });
  });
});
