import { callerOf, makeFamily, makeLinkUp, makeSite, makeUser } from '@app/testing';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../../../../test/support/test-app';
import { TransactionContext } from '../transaction';
import type { User } from '../users';
import { LinkUpsService } from './link-ups.service';

/** Link-ups take their transaction from the TransactionContext, not a `manager` (issue 13). */
describe('link-ups in the transaction of the async context', () => {
  let t: TestApp;
  let coach: User;
  let linkUps: LinkUpsService;
  let transactions: TransactionContext;
  const failure = new Error('boom');

  const rowsOf = async (seekingFamilyId: string): Promise<{ linkUps: number; events: number }> => {
    const [row] = await t.app.get(DataSource).query<{ linkUps: number; events: number }[]>(
      `SELECT (SELECT count(*)::int FROM link_ups WHERE seeking_family_id = $1) AS "linkUps",
              (SELECT count(*)::int FROM link_up_events e JOIN link_ups l ON l.id = e.link_up_id
                WHERE l.seeking_family_id = $1) AS events`,
      [seekingFamilyId],
    );
    return row;
  };

  const startInput = (seekingFamilyId: string, sharingFamilyId: string) => ({
    siteId: coach.siteId as string,
    seekingFamilyId,
    sharingFamilyId,
    coachId: coach.id,
    matchProposalId: null,
    startedAt: t.clock.now(),
    actorId: coach.id,
  });

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    const site = await makeSite(t.app);
    coach = await makeUser(t.app, { role: 'coach', siteId: site.id });
    linkUps = t.app.get(LinkUpsService);
    transactions = t.app.get(TransactionContext);
  });
  afterAll(() => t.close());

  it('starts a link-up in the run it is called in: the run failing takes back the row and its history', async () => {
    const seeking = await makeFamily(t.app, coach, 'seeking');
    const sharing = await makeFamily(t.app, coach, 'sharing');
    await expect(
      transactions.run(async () => {
        const linkUp = await linkUps.startLinkUp(startInput(seeking.id, sharing.id));
        // Read in the same run: the row and its `created` entry are there, not yet committed.
        expect((await linkUps.historyOf(linkUp.id)).map((e) => e.kind)).toEqual(['created']);
        expect(await rowsOf(seeking.id)).toEqual({ linkUps: 0, events: 0 });
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await rowsOf(seeking.id)).toEqual({ linkUps: 0, events: 0 });
  });

  it('records a change in the run it is called in: the run failing keeps the version, the stage and the history', async () => {
    const made = await makeLinkUp(t.app, coach);
    const actor = callerOf(coach).actor;
    await expect(
      transactions.run(async () => {
        const locked = await linkUps.lockLinkUpForChange(actor, made.linkUp.id, made.linkUp.version);
        const saved = await linkUps.recordChange(
          locked,
          { stage: 'doing_with' },
          {
            kind: 'stage_advanced',
            fromStage: locked.stage,
            toStage: 'doing_with',
            fromStatus: locked.status,
            toStatus: locked.status,
            fromCoachId: null,
            toCoachId: null,
            reason: null,
            at: t.clock.now(),
            actorId: coach.id,
          },
        );
        expect(saved).toMatchObject({ stage: 'doing_with', version: made.linkUp.version + 1 });
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await linkUps.getLinkUpInScope(actor, made.linkUp.id)).toMatchObject({
      stage: 'relationship_building',
      version: made.linkUp.version,
    });
    expect(await rowsOf(made.seekingFamilyId)).toEqual({ linkUps: 1, events: 1 });
  });

  it('joins a manager lent with within: the owner rolling back takes back the pause', async () => {
    const made = await makeLinkUp(t.app, coach);
    await expect(
      t.app.get(DataSource).transaction(async (manager) => {
        const paused = await transactions.within(manager, () =>
          linkUps.pauseForSafeguarding({
            linkUpId: made.linkUp.id,
            actorId: coach.id,
            concernId: '00000000-0000-4000-8000-000000000000',
            at: t.clock.now(),
          }),
        );
        expect(paused).toBe(true);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await linkUps.getLinkUpInScope(callerOf(coach).actor, made.linkUp.id)).toMatchObject({
      status: 'active',
      version: made.linkUp.version,
    });
    expect(await rowsOf(made.seekingFamilyId)).toEqual({ linkUps: 1, events: 1 });
  });

  it('commits a link-up started outside any run in a transaction of its own', async () => {
    const seeking = await makeFamily(t.app, coach, 'seeking');
    const sharing = await makeFamily(t.app, coach, 'sharing');
    await linkUps.startLinkUp(startInput(seeking.id, sharing.id));
    expect(await rowsOf(seeking.id)).toEqual({ linkUps: 1, events: 1 });
  });
});
