import { CheckIn, Notification, type User } from '@app/core';
import {
  makeSite,
  makeUser,
  moveTestLinkUp,
  secondsCadence,
  setCheckInCadences,
  startTestLinkUp,
  waitFor,
} from '@app/testing';
import { JobProducer, sweepAt } from '@app/queue';
import { DataSource } from 'typeorm';
import {
  reconcilerOf,
  defaultQueueBackend,
  startTestApp,
  type QueueBackendChoice,
  type TestApp,
} from './support/test-app';

const backends: QueueBackendChoice[] = [...new Set<QueueBackendChoice>([defaultQueueBackend(), 'postgres'])];

describe.each(backends)('the life of a link-up on the queue (%s backend)', (queue) => {
  let t: TestApp;
  let coach: User;
  let supervisor: User;
  let admin: User;

  beforeAll(async () => {
    t = await startTestApp({ queue, env: { RECONCILE_INTERVAL_MS: '600000' } });
    const site = await makeSite(t.app);
    admin = await makeUser(t.app, { role: 'admin' });
    supervisor = await makeUser(t.app, { role: 'supervisor', siteId: site.id });
    coach = await makeUser(t.app, { role: 'coach', siteId: site.id, supervisorId: supervisor.id });
    await setCheckInCadences(
      t.app,
      admin,
      secondsCadence({
        firstContactWithinMs: 500,
        // Long enough that the regular check-in is still pending when the test pauses the link-up,
        // however slow the machine.
        cadenceMs: {
          sharing: { relationship_building: 10_000, doing_with: 10_000, doing_without: 10_000 },
          seeking: { relationship_building: null, doing_with: null, doing_without: null },
        },
        resumeCheckIn: { enabled: true, dueWithinMs: 60_000 },
        gracePeriodMs: 1_000,
      }),
    );
  });

  afterAll(() => t.close());

  const db = (): DataSource => t.app.get(DataSource);
  const checkInsOf = (linkUpId: string): Promise<CheckIn[]> =>
    db()
      .getRepository(CheckIn)
      .find({ where: { linkUpId }, order: { dueAt: 'ASC', planKey: 'ASC' } });
  const noticesAbout = (linkUpId: string): Promise<Notification[]> =>
    db()
      .getRepository(Notification)
      .find({ where: { linkUpId }, order: { createdAt: 'ASC' } });

  it('is due, then missed and escalated, in order; follows pause and resume; nothing after closure', async () => {
    const linkUp = await startTestLinkUp(t.app, coach);
    const planned = await checkInsOf(linkUp.id);
    expect(planned.map((c) => [c.kind, c.party, c.status])).toEqual([
      ['first_contact', 'both', 'scheduled'],
      ['cadence', 'sharing', 'scheduled'],
    ]);
    const firstContact = planned[0];
    const producer = t.app.get(JobProducer);
    expect(await producer.findJob('check-ins.sweep', sweepAt(firstContact.dueAt))).toBeDefined();

    // Due after 0.5 s: the coach is told; missed after the 1 s grace period: the supervisor is told.
    const missed = await waitFor(
      async () => {
        const row = await db().getRepository(CheckIn).findOneByOrFail({ id: firstContact.id });
        return row.status === 'missed' ? row : undefined;
      },
      { what: 'the first contact to be missed', timeoutMs: 90_000 },
    );
    expect(missed.status).toBe('missed');
    const aboutFirst = (await noticesAbout(linkUp.id)).filter((n) => n.subjectId === firstContact.id);
    expect(aboutFirst.map((n) => [n.kind, n.recipientId])).toEqual([
      ['check_in_due', coach.id],
      ['check_in_missed', supervisor.id],
    ]);
    expect(aboutFirst[0].createdAt.getTime()).toBeLessThanOrEqual(aboutFirst[1].createdAt.getTime());
    expect(JSON.stringify(aboutFirst.map((n) => n.facts))).not.toMatch(/Seeking|Sharing [0-9a-f]/);

    // Pausing cancels everything pending and takes its jobs off the queue.
    await moveTestLinkUp(t.app, coach, linkUp.id, { to: 'paused' });
    const whilePaused = await checkInsOf(linkUp.id);
    const cancelled = whilePaused.filter((c) => c.status === 'cancelled');
    expect(whilePaused.filter((c) => c.status === 'scheduled' || c.status === 'due')).toEqual([]);
    expect(cancelled.length).toBeGreaterThan(0);
    expect(cancelled.every((c) => c.cancelledReason === 'link_up_paused')).toBe(true);
    for (const c of cancelled) {
      expect(await producer.findJob('check-ins.sweep', sweepAt(c.dueAt))).toBeUndefined();
      expect(await producer.findJob('check-ins.sweep', sweepAt(c.overdueAt))).toBeUndefined();
    }

    // Resuming re-plans from the resume date: a resume check-in and the next regular one.
    await moveTestLinkUp(t.app, coach, linkUp.id, { to: 'active' });
    const resumed = (await checkInsOf(linkUp.id)).filter((c) => c.status === 'scheduled');
    expect(resumed.map((c) => c.kind).sort()).toEqual(['cadence', 'resume']);
    expect(resumed.every((c) => c.planKey?.includes(':') === true)).toBe(true);

    // The regular check-in falls due; once due, the next one is planned.
    const regular = resumed.find((c) => c.kind === 'cadence') as CheckIn;
    await waitFor(
      async () =>
        (await db().getRepository(Notification).existsBy({ kind: 'check_in_due', subjectId: regular.id }))
          ? true
          : undefined,
      { what: 'the regular check-in to fall due', timeoutMs: 90_000 },
    );

    // Ending the link-up cancels what is pending; no notice follows, whatever time passes.
    await moveTestLinkUp(t.app, coach, linkUp.id, { to: 'ended_early' });
    const atClosure = await noticesAbout(linkUp.id);
    const closed = await checkInsOf(linkUp.id);
    expect(closed.filter((c) => c.status === 'scheduled' || c.status === 'due')).toEqual([]);
    expect(closed.filter((c) => c.cancelledReason === 'link_up_closed').length).toBeGreaterThan(0);
    // Whatever time passes: a reconcile pass leaves nothing to fire for this link-up. A job that was
    // already running at the closure (or retrying after a lock timeout on a busy machine) finishes
    // without effect and goes; none is re-created.
    await reconcilerOf(t.app).reconcile();
    const jobsLeft = async (): Promise<{ what: string; neverRun: boolean }[]> => {
      const left: { what: string; neverRun: boolean }[] = [];
      for (const c of await checkInsOf(linkUp.id)) {
        for (const [name, at] of [
          ['due', c.dueAt],
          ['overdue', c.overdueAt],
        ] as const) {
          const job = await producer.findJob('check-ins.sweep', sweepAt(at));
          if (job === undefined || job.finishedOn !== undefined) continue;
          const neverRun = job.attemptsMade === 0 && (await job.getState()) !== 'active';
          left.push({ what: `the sweep at the ${name} time of a ${c.status} ${c.kind} check-in`, neverRun });
        }
      }
      return left;
    };
    // A job waiting to fire for a check-in that is no longer pending is one the closure failed to
    // withdraw (or a concurrent plan re-added): that is a bug, not a busy machine.
    expect((await jobsLeft()).filter((job) => job.neverRun)).toEqual([]);
    await waitFor(async () => ((await jobsLeft()).length === 0 ? true : undefined), {
      what: 'no job left for the closed link-up',
      timeoutMs: 90_000,
    });
    expect((await noticesAbout(linkUp.id)).length).toBe(atClosure.length);
    expect((await checkInsOf(linkUp.id)).length).toBe(closed.length);
  }, 240_000);

  it('re-plans on stage changes, forward and back, from the link-up’s history', async () => {
    // Nothing may fall due while the test moves the link-up: a first contact a minute away.
    await setCheckInCadences(
      t.app,
      admin,
      secondsCadence({
        firstContactWithinMs: 60_000,
        cadenceMs: {
          sharing: { relationship_building: 60_000, doing_with: 60_000, doing_without: 60_000 },
          seeking: { relationship_building: null, doing_with: null, doing_without: null },
        },
        stageChangeCheckIn: { enabled: true, dueWithinMs: 60_000 },
      }),
    );
    const linkUp = await startTestLinkUp(t.app, coach);
    await moveTestLinkUp(t.app, coach, linkUp.id, { to: 'doing_with' });
    await moveTestLinkUp(t.app, coach, linkUp.id, { to: 'relationship_building' });
    const rows = await checkInsOf(linkUp.id);
    const summary = rows.map((c) => [
      c.planKey?.split(':').slice(0, 2).join(':'),
      c.status,
      c.cancelledReason,
    ]);
    expect(summary).toEqual(
      expect.arrayContaining([
        ['first-contact', 'cancelled', 'no_longer_planned'],
        ['stage:doing_with', 'cancelled', 'no_longer_planned'],
        ['cadence:sharing', 'cancelled', 'no_longer_planned'],
        ['stage:relationship_building', 'scheduled', null],
        ['cadence:sharing', 'scheduled', null],
      ]),
    );
    expect(rows.filter((c) => c.status === 'scheduled')).toHaveLength(2);
    expect(rows.find((c) => c.planKey?.startsWith('stage:relationship_building') === true)?.kind).toBe(
      'stage_change',
    );
    await moveTestLinkUp(t.app, coach, linkUp.id, { to: 'completed' });
    expect((await checkInsOf(linkUp.id)).filter((c) => c.status === 'scheduled')).toEqual([]);
  });

  it('a due sweep that fires early (clock skew) waits for the due time instead of being dropped', async () => {
    const linkUp = await startTestLinkUp(t.app, coach);
    const dueAt = new Date(t.clock.now().getTime() + 3_000);
    const result = await db()
      .createQueryBuilder()
      .insert()
      .into(CheckIn)
      .values({
        linkUpId: linkUp.id,
        party: 'both',
        kind: 'ad_hoc',
        planKey: null,
        status: 'scheduled',
        dueAt,
        overdueAt: new Date(dueAt.getTime() + 3_600_000),
      })
      .returning('id')
      .execute();
    const checkInId = (result.raw as { id: string }[])[0].id;
    // No delay: the check-in's timed sweep runs at once, three seconds before it is due.
    await t.app.get(JobProducer).enqueueMany([{ name: 'check-ins.sweep', payload: sweepAt(dueAt) }]);
    const notice = await waitFor(
      async () =>
        (await db().getRepository(Notification).findOneBy({ kind: 'check_in_due', subjectId: checkInId })) ??
        undefined,
      { what: 'the early job to notify once due (no reconcile runs here)', timeoutMs: 90_000 },
    );
    expect(notice.createdAt.getTime()).toBeGreaterThanOrEqual(dueAt.getTime() - 1_000);
    expect((await db().getRepository(CheckIn).findOneByOrFail({ id: checkInId })).status).toBe('due');
  }, 240_000);
});
