import { callerOf, makeSeekingFamily, makeSite, makeUser } from '@app/testing';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../../../../test/support/test-app';
import { TransactionContext } from '../transaction';
import type { User } from '../users';
import { InvitationsService } from './invitations.service';
import { PasswordResetService } from './password-reset.service';

/** Invitations and password resets take their transaction from the TransactionContext (issue 13). */
describe('invitations and password resets in the transaction of the async context', () => {
  let t: TestApp;
  let transactions: TransactionContext;
  let coach: User;
  const failure = new Error('boom');
  const password = 'a-long-enough-new-password';

  /** What joining with `email` and resetting its password wrote. */
  const written = async (familyId: string, email: string) => {
    const [row] = await t.app.get(DataSource).query<Record<string, number>[]>(
      `SELECT (SELECT count(*)::int FROM family_invitations WHERE family_id = $1) AS invitations,
              (SELECT count(*)::int FROM family_invitations WHERE family_id = $1 AND joined_at IS NOT NULL) AS joined,
              (SELECT count(*)::int FROM users WHERE email = $2) AS users,
              (SELECT count(*)::int FROM password_reset_tokens p JOIN users u ON u.id = p.user_id
                WHERE u.email = $2) AS "resetLinks",
              (SELECT count(*)::int FROM audit_events
                WHERE action IN ('family.invitation_sent', 'family.invitation_accepted') AND entity_id = $1::text) AS audit`,
      [familyId, email],
    );
    return row;
  };

  /** A coach invites an adult of a new family, who joins with the code, then asks for a reset link. */
  const inviteJoinAndAskForReset = async (): Promise<{ familyId: string; email: string }> => {
    const familyId = (await makeSeekingFamily(t.app, coach)).id;
    const email = `adult-${randomBytes(4).toString('hex')}@example.org`;
    const { code } = await t.app
      .get(InvitationsService)
      .invite(callerOf(coach), familyId, { email, displayName: 'Sam' });
    await t.app.get(InvitationsService).join({
      email,
      code,
      newPassword: password,
      clientAddress: '203.0.113.7',
      requestId: `join-${familyId}`,
    });
    await t.app
      .get(PasswordResetService)
      .requestReset({ email, clientAddress: '203.0.113.7', requestId: `reset-${familyId}` });
    return { familyId, email };
  };

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    transactions = t.app.get(TransactionContext);
    const site = await makeSite(t.app);
    coach = await makeUser(t.app, { role: 'coach', siteId: site.id });
  });
  afterAll(() => t.close());

  it('joins in the run it is called in: the run failing takes back the account, the invitation, its use and the reset link', async () => {
    let made: { familyId: string; email: string } | undefined;
    await expect(
      transactions.run(async () => {
        made = await inviteJoinAndAskForReset();
        throw failure;
      }),
    ).rejects.toBe(failure);
    if (made === undefined) throw new Error('nothing was made');
    expect(await written(made.familyId, made.email)).toEqual({
      invitations: 0,
      joined: 0,
      users: 0,
      resetLinks: 0,
      audit: 0,
    });
  });

  it('commits each step made outside any run in a transaction of its own', async () => {
    const { familyId, email } = await inviteJoinAndAskForReset();
    expect(await written(familyId, email)).toEqual({
      invitations: 1,
      joined: 1,
      users: 1,
      resetLinks: 1,
      audit: 2,
    });
  });
});
