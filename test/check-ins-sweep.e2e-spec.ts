import { AuditEvent, CheckIn, CheckInSweepsService, Notification, type LinkUp, type User } from '@app/core';
import { JobProducer, sweepAt } from '@app/queue';
import { insertScheduledCheckIn, makeSite, makeUser, startTestLinkUp, waitFor } from '@app/testing';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createWorkerApp } from '../apps/worker/src/worker-app';
import { defaultQueueBackend, startTestApp, type QueueBackendChoice, type TestApp } from './support/test-app';

const backends: QueueBackendChoice[] = [...new Set<QueueBackendChoice>([defaultQueueBackend(), 'postgres'])];

const COUNT = 2_000;

/**
 * Issue 17: check-ins are marked due and missed in sets by a sweep, not one job each. Two workers
 * sweeping the same moment split the rows between them (`FOR UPDATE SKIP LOCKED`) and every notice
 * and audit line is still written exactly once.
 */
describe.each(backends)('a check-ins sweep with two workers (%s backend)', (queue) => {
  let t: TestApp;
  let coach: User;
  let supervisor: User;
  const workers: INestApplicationContext[] = [];

  beforeAll(async () => {
    t = await startTestApp({ queue, worker: false, env: { RECONCILE_INTERVAL_MS: '600000' } });
    const site = await makeSite(t.app);
    supervisor = await makeUser(t.app, { role: 'supervisor', siteId: site.id });
    coach = await makeUser(t.app, { role: 'coach', siteId: site.id, supervisorId: supervisor.id });
  });
  afterAll(async () => {
    for (const worker of workers) await worker.close();
    await t.close();
  });

  const db = (): DataSource => t.app.get(DataSource);

  /** How many notices of `kind` and audit lines of `action` each check-in has, and to whom. */
  async function written(
    ids: readonly string[],
    kind: 'check_in_due' | 'check_in_missed',
    action: 'check_in.due' | 'check_in.missed',
  ): Promise<{ notices: Map<string, number>; recipients: Set<string>; audits: Map<string, number> }> {
    const notices = await db()
      .getRepository(Notification)
      .createQueryBuilder('n')
      .select('n.subject_id', 'id')
      .addSelect('n.recipient_id', 'recipient')
      .where('n.kind = :kind AND n.subject_id = ANY(:ids)', { kind, ids })
      .getRawMany<{ id: string; recipient: string }>();
    const audits = await db()
      .getRepository(AuditEvent)
      .createQueryBuilder('a')
      .select('a.entity_id', 'id')
      .addSelect('count(*)::int', 'n')
      .where('a.action = :action AND a.entity_id = ANY(:ids)', { action, ids })
      .groupBy('a.entity_id')
      .getRawMany<{ id: string; n: number }>();
    const perSubject = new Map<string, number>();
    for (const notice of notices) perSubject.set(notice.id, (perSubject.get(notice.id) ?? 0) + 1);
    return {
      notices: perSubject,
      recipients: new Set(notices.map((notice) => notice.recipient)),
      audits: new Map(audits.map((row) => [row.id, row.n])),
    };
  }

  const countWithStatus = (ids: readonly string[], status: 'due' | 'missed'): Promise<number> =>
    db()
      .getRepository(CheckIn)
      .createQueryBuilder('c')
      .where('c.id = ANY(:ids) AND c.status = :status', { ids, status })
      .getCount();

  it(`${COUNT.toLocaleString('en')} check-ins due in one sweep, two workers sweeping at once: each notice and audit line exactly once, then the same when they are missed`, async () => {
    const linkUps: LinkUp[] = [];
    for (let i = 0; i < 20; i += 1) linkUps.push(await startTestLinkUp(t.app, coach));
    const dueAt = new Date(t.clock.now().getTime() + 1_500);
    const overdueAt = new Date(dueAt.getTime() + 3_600_000);
    const rows = Array.from({ length: COUNT }, (_, i) => ({
      linkUpId: linkUps[i % linkUps.length].id,
      party: 'both' as const,
      kind: 'ad_hoc' as const,
      planKey: null,
      status: 'scheduled' as const,
      dueAt,
      overdueAt,
    }));
    const ids: string[] = [];
    for (let i = 0; i < rows.length; i += 500) {
      const result = await db()
        .createQueryBuilder()
        .insert()
        .into(CheckIn)
        .values(rows.slice(i, i + 500))
        .returning('id')
        .execute();
      ids.push(...(result.raw as { id: string }[]).map((row) => row.id));
    }
    // As planning does: one sweep job for the moment they all fall due.
    await t.app
      .get(JobProducer)
      .enqueueMany([{ name: 'check-ins.sweep', payload: sweepAt(dueAt), runAt: dueAt }]);

    for (let i = 0; i < 2; i += 1) {
      workers.push(await createWorkerApp(t.config, { withHealth: false, clock: t.clock }));
    }
    const [one, two] = workers.map((worker) => worker.get(CheckInSweepsService));
    // Their time comes (the clock moves; nothing sleeps), and both workers sweep at that moment, as
    // their timed sweep job and their start-up runs do.
    t.clock.advance({ ms: 1_500 });
    const due = await Promise.all([one.sweep(), two.sweep()]);
    expect(due[0].errors + due[1].errors).toBe(0);
    expect(due[0].markedDue + due[1].markedDue).toBeLessThanOrEqual(COUNT);
    await waitFor(async () => ((await countWithStatus(ids, 'due')) === COUNT ? true : undefined), {
      what: `all ${COUNT} to be due`,
      timeoutMs: 60_000,
    });
    const told = await written(ids, 'check_in_due', 'check_in.due');
    expect(told.notices.size).toBe(COUNT);
    expect([...told.notices.values()].filter((n) => n !== 1)).toEqual([]);
    expect([...told.recipients]).toEqual([coach.id]);
    expect(told.audits.size).toBe(COUNT);
    expect([...told.audits.values()].filter((n) => n !== 1)).toEqual([]);
    // Swept again: nothing is left to do, nothing is written.
    expect((await one.sweep()).markedDue).toBe(0);
    expect((await written(ids, 'check_in_due', 'check_in.due')).audits.size).toBe(COUNT);

    // An hour later none was held: both sweep again, and each is missed and escalated once.
    t.clock.advance({ ms: 3_600_000 });
    const sweptAt = t.clock.now();
    const missed = await Promise.all([one.sweep(), two.sweep()]);
    expect(missed[0].errors + missed[1].errors).toBe(0);
    await waitFor(async () => ((await countWithStatus(ids, 'missed')) === COUNT ? true : undefined), {
      what: `all ${COUNT} to be missed`,
      timeoutMs: 60_000,
    });
    const escalated = await written(ids, 'check_in_missed', 'check_in.missed');
    expect(escalated.notices.size).toBe(COUNT);
    expect([...escalated.notices.values()].filter((n) => n !== 1)).toEqual([]);
    expect([...escalated.recipients]).toEqual([supervisor.id]);
    expect(escalated.audits.size).toBe(COUNT);
    expect([...escalated.audits.values()].filter((n) => n !== 1)).toEqual([]);
    // Written at the programme's time (the clock, an hour ahead of the database's own now() here).
    const [stamps] = await db().query<{ noticed: Date; audited: Date }[]>(
      `SELECT (SELECT min(created_at) FROM notifications WHERE kind = 'check_in_missed' AND subject_id = ANY($1::uuid[])) AS noticed,
              (SELECT min(occurred_at) FROM audit_events WHERE action = 'check_in.missed' AND entity_id = ANY($1::text[])) AS audited`,
      [ids],
    );
    expect(stamps.noticed.getTime()).toBeGreaterThanOrEqual(sweptAt.getTime());
    expect(stamps.audited.getTime()).toBeGreaterThanOrEqual(sweptAt.getTime());
    // Their due notices and lines were not written again on the way.
    const dueAfter = await written(ids, 'check_in_due', 'check_in.due');
    expect([...dueAfter.notices.values()].filter((n) => n !== 1)).toEqual([]);
    expect([...dueAfter.audits.values()].filter((n) => n !== 1)).toEqual([]);
  }, 300_000);

  it('a check-in’s own due job left in a queue from before the sweep runs as a sweep, not as a failure', async () => {
    const linkUp = await startTestLinkUp(t.app, coach);
    const dueAt = new Date(t.clock.now().getTime() - 1_000);
    const checkInId = await insertScheduledCheckIn(t.app, linkUp.id, dueAt);
    const producer = t.app.get(JobProducer);
    await producer.enqueueMany([{ name: 'check-ins.due', payload: { checkInId } }]);
    // Run by the workers of the test above: done (and removed), not failed as an unknown job.
    await waitFor(
      async () => {
        const job = await producer.findJob('check-ins.due', { checkInId });
        const state = await job?.getState();
        if (state === 'failed') throw new Error('the left-over job failed');
        return job === undefined || state === 'completed' ? true : undefined;
      },
      { what: 'the left-over due job to run', timeoutMs: 60_000 },
    );
    expect(await countWithStatus([checkInId], 'due')).toBe(1);
    const told = await written([checkInId], 'check_in_due', 'check_in.due');
    expect([...told.notices.values()]).toEqual([1]);
    expect([...told.audits.values()]).toEqual([1]);
  }, 120_000);
});
