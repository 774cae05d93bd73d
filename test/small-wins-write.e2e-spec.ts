import {
  LinkUpStagesService,
  LinkUpsService,
  RecentLinkUpFacts,
  SmallWinsService,
  TransactionContext,
  type LinkUpFacts,
  type User,
} from '@app/core';
import { callerOf, makeLinkUp, makeSite, makeUser, signIn } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Issue 17: a small win is the link-up read and one statement (the win and its audit line, written
 * only while the link-up's version is the one checked). A change that commits between the read and
 * the write is decided on what the link-up is then: closed is refused as before, nothing written.
 */
describe('a small win written in one statement', () => {
  let t: TestApp;
  let coach: User;
  let bearer: string;

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    coach = await makeUser(t.app, { role: 'coach', siteId: (await makeSite(t.app)).id });
    bearer = `Bearer ${await signIn(t.app, coach)}`;
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  const today = (): string => t.clock.today();
  const post = (linkUpId: string) =>
    t
      .http()
      .post(`/api/link-ups/${linkUpId}/small-wins`)
      .set('authorization', bearer)
      .send({ text: 'We baked together', occurredOn: today() });
  /** The status and error code of a win posted by `user` into `linkUpId`. */
  const postAs = async (linkUpId: string, user: User, body: object = {}) => {
    const res = await t
      .http()
      .post(`/api/link-ups/${linkUpId}/small-wins`)
      .set('authorization', `Bearer ${await signIn(t.app, user)}`)
      .send({ text: 'We baked together', occurredOn: today(), ...body });
    return [res.status, (res.body as { code?: string }).code];
  };
  const written = async (linkUpId: string): Promise<{ wins: number; lines: number }> => {
    const [row] = await t.app.get(DataSource).query<{ wins: number; lines: number }[]>(
      `SELECT (SELECT count(*)::int FROM small_wins WHERE link_up_id = $1) AS wins,
              (SELECT count(*)::int FROM audit_events
                WHERE action = 'small_win.recorded' AND details->>'linkUpId' = $1::text) AS lines`,
      [linkUpId],
    );
    return row;
  };

  /** Each read of the link-up by the small win is followed, before the write, by `change(read)`. */
  const changeAfterEachRead = (change: (read: LinkUpFacts) => Promise<unknown>): jest.SpyInstance => {
    const linkUps = t.app.get(LinkUpsService);
    const read = linkUps.getLinkUpFactsInScope.bind(linkUps);
    return jest.spyOn(linkUps, 'getLinkUpFactsInScope').mockImplementation(async (...args) => {
      const linkUp = await read(...args);
      await change(linkUp);
      return linkUp;
    });
  };
  const transition = (linkUp: LinkUpFacts, to: string, extra: object = {}) =>
    t.app
      .get(LinkUpStagesService)
      .changeStage(callerOf(coach), linkUp.id, { to, version: linkUp.version, ...extra });

  it('writes the win and its audit line together', async () => {
    const { linkUp } = await makeLinkUp(t.app, coach);
    const res = await post(linkUp.id).expect(201);
    expect(res.body).toMatchObject({ linkUpId: linkUp.id, text: 'We baked together', occurredOn: today() });
    expect(await written(linkUp.id)).toEqual({ wins: 1, lines: 1 });
  });

  it('checks the link-up it reads by its columns alone as before: scope, closed, the start date, whose win', async () => {
    const { linkUp, seekingFamilyId, sharingFamilyId } = await makeLinkUp(t.app, coach, {
      startedAt: t.clock.daysFromNow(-10),
    });
    const otherCoach = await makeUser(t.app, { role: 'coach', siteId: (await makeSite(t.app)).id });
    const otherFamily = await makeUser(t.app, { role: 'family', siteId: coach.siteId });
    const sharing = await makeUser(t.app, {
      role: 'family',
      siteId: coach.siteId,
      familyId: sharingFamilyId,
    });
    expect(await postAs(linkUp.id, otherCoach)).toEqual([404, 'NOT_FOUND']);
    expect(await postAs(linkUp.id, otherFamily)).toEqual([404, 'NOT_FOUND']);
    const unknown = await post(randomUUID());
    expect([unknown.status, (unknown.body as { code?: string }).code]).toEqual([404, 'NOT_FOUND']);
    expect(await postAs(linkUp.id, sharing, { familyId: seekingFamilyId })).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
    expect(await postAs(linkUp.id, coach, { familyId: otherFamily.familyId })).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
    expect(await postAs(linkUp.id, coach, { occurredOn: t.clock.todayPlus(-12) })).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
    expect(await written(linkUp.id)).toEqual({ wins: 0, lines: 0 });
    expect(await postAs(linkUp.id, sharing)).toEqual([201, undefined]);
    await transition(linkUp, 'ended_early', { closureReason: 'moved_away' });
    expect(await postAs(linkUp.id, coach)).toEqual([409, 'LINK_UP.LINK_UP_CLOSED']);
    expect(await written(linkUp.id)).toEqual({ wins: 1, lines: 1 });
  });

  it('refuses a win whose link-up ended between the read and the write, and writes nothing', async () => {
    const { linkUp } = await makeLinkUp(t.app, coach);
    let ended = false;
    changeAfterEachRead(async (read) => {
      if (ended) return;
      ended = true;
      await transition(read, 'ended_early', { closureReason: 'moved_away' });
    });
    const res = await post(linkUp.id).expect(409);
    expect(res.body).toMatchObject({ code: 'LINK_UP.LINK_UP_CLOSED' });
    expect(await written(linkUp.id)).toEqual({ wins: 0, lines: 0 });
  });

  it('writes once, after reading again, when the link-up was paused between the read and the write', async () => {
    const { linkUp } = await makeLinkUp(t.app, coach);
    let paused = false;
    const reads = changeAfterEachRead(async (read) => {
      if (paused) return;
      paused = true;
      await transition(read, 'paused', { reason: 'holidays' });
    });
    await post(linkUp.id).expect(201);
    expect(reads).toHaveBeenCalledTimes(2);
    expect(await written(linkUp.id)).toEqual({ wins: 1, lines: 1 });
  });

  it('still writes once when the link-up changes after every read: the last try holds it from the read', async () => {
    const { linkUp } = await makeLinkUp(t.app, coach);
    const reads = changeAfterEachRead((read) =>
      transition(read, read.status === 'paused' ? 'active' : 'paused', { reason: 'back and forth' }),
    );
    await post(linkUp.id).expect(201);
    expect(reads).toHaveBeenCalledTimes(2);
    expect(await written(linkUp.id)).toEqual({ wins: 1, lines: 1 });
  });

  it('writes the next win in a link-up in one statement, the link-up’s facts as last read, and counts both', async () => {
    const { linkUp } = await makeLinkUp(t.app, coach);
    const reads = changeAfterEachRead(() => Promise.resolve());
    await post(linkUp.id).expect(201);
    await post(linkUp.id).expect(201);
    expect(reads).toHaveBeenCalledTimes(1);
    expect(await written(linkUp.id)).toEqual({ wins: 2, lines: 2 });
  });

  it('decides on a fresh read when the link-up changed since it was remembered (another process): closed is refused, nothing written', async () => {
    const { linkUp } = await makeLinkUp(t.app, coach);
    await post(linkUp.id).expect(201);
    // Another API process ends it: the version moves on; this process's memory does not hear of it.
    await t.app.get(DataSource).query(
      `UPDATE link_ups SET status = 'ended_early', ended_at = now(), closure_reason = 'moved_away',
                version = version + 1 WHERE id = $1`,
      [linkUp.id],
    );
    const res = await post(linkUp.id).expect(409);
    expect(res.body).toMatchObject({ code: 'LINK_UP.LINK_UP_CLOSED' });
    expect(await written(linkUp.id)).toEqual({ wins: 1, lines: 1 });
  });

  it('never refuses on remembered facts: a coach the link-up was handed to since is let in, the old coach is not', async () => {
    const { linkUp } = await makeLinkUp(t.app, coach);
    const newCoach = await makeUser(t.app, { role: 'coach', siteId: coach.siteId });
    // A coach only of their own link-ups (not the site's): the remembered facts name the old coach.
    await post(linkUp.id).expect(201);
    expect(await postAs(linkUp.id, newCoach)).toEqual([404, 'NOT_FOUND']);
    await t.app
      .get(DataSource)
      .query(`UPDATE link_ups SET coach_id = $2, version = version + 1 WHERE id = $1`, [
        linkUp.id,
        newCoach.id,
      ]);
    expect(await postAs(linkUp.id, newCoach)).toEqual([201, undefined]);
    expect(await postAs(linkUp.id, coach)).toEqual([404, 'NOT_FOUND']);
    expect(await written(linkUp.id)).toEqual({ wins: 2, lines: 2 });
  });

  it('reads the link-up again once after it changed, and remembers that read for the next win', async () => {
    const { linkUp } = await makeLinkUp(t.app, coach);
    await post(linkUp.id).expect(201);
    await transition(linkUp, 'paused', { reason: 'holidays' });
    const reads = changeAfterEachRead(() => Promise.resolve());
    await post(linkUp.id).expect(201);
    expect(reads).toHaveBeenCalledTimes(1);
    await post(linkUp.id).expect(201);
    expect(reads).toHaveBeenCalledTimes(1);
    expect(await written(linkUp.id)).toEqual({ wins: 3, lines: 3 });
  });

  it('decides a refusal on remembered facts again on a fresh read', async () => {
    const { linkUp } = await makeLinkUp(t.app, coach);
    await post(linkUp.id).expect(201);
    // A remembered entry that would refuse (closed) at the link-up's current version.
    const facts = await t.app.get(LinkUpsService).getLinkUpFactsInScope(callerOf(coach).actor, linkUp.id);
    t.app.get(RecentLinkUpFacts).remember({ ...facts, status: 'completed' });
    const reads = changeAfterEachRead(() => Promise.resolve());
    await post(linkUp.id).expect(201);
    expect(reads).toHaveBeenCalledTimes(1);
    expect(await written(linkUp.id)).toEqual({ wins: 2, lines: 2 });
  });

  it('does not remember facts read inside a run that rolled back: its version number goes to other facts', async () => {
    const { linkUp } = await makeLinkUp(t.app, coach);
    const newCoach = await makeUser(t.app, { role: 'coach', siteId: coach.siteId });
    const transactions = t.app.get(TransactionContext);
    // Handed to the new coach, who records a win, in a run that then fails: none of it happened.
    await expect(
      transactions.run(async () => {
        await transactions.manager.query(
          `UPDATE link_ups SET coach_id = $2, version = version + 1 WHERE id = $1`,
          [linkUp.id, newCoach.id],
        );
        await t.app
          .get(SmallWinsService)
          .recordSmallWin(callerOf(newCoach), linkUp.id, { text: 'We baked together', occurredOn: today() });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    // The next change committed takes the same version number: ended, still the first coach's.
    await transition(linkUp, 'ended_early', { closureReason: 'moved_away' });
    expect(await postAs(linkUp.id, newCoach)).toEqual([404, 'NOT_FOUND']);
    expect(await written(linkUp.id)).toEqual({ wins: 0, lines: 0 });
  });
});
