import { AuditEvent, CheckIn, Notification, type LinkUp, type User } from '@app/core';
import { JobProducer, QUEUE_NAMES, sweepAt } from '@app/queue';
import {
  makeSite,
  makeUser,
  moveTestLinkUp,
  secondsCadence,
  setCheckInCadences,
  startTestLinkUp,
  waitFor,
} from '@app/testing';
import type { INestApplicationContext } from '@nestjs/common';
import Redis from 'ioredis';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { DataSource } from 'typeorm';
import { createWorkerApp } from '../apps/worker/src/worker-app';
import { reconcilerOf, startTestApp, type TestApp } from './support/test-app';
import { buildApps, exited, spawnWorker } from './support/worker-process';

/**
 * Nothing lost, nothing doubled (DESIGN §4.4): the queue can be flushed, workers can crash or run
 * side by side, and every check-in is still handled exactly once. The audit log is the witness of
 * "handled" (it has no unique key, unlike the notices), so a double handling would show there.
 */
describe('check-ins on the queue: flushed, crashed, doubled', () => {
  let t: TestApp;
  let admin: User;
  let supervisor: User;
  let coach: User;
  const extraWorkers: INestApplicationContext[] = [];
  let buildDir: string | null = null;

  beforeAll(async () => {
    t = await startTestApp({ worker: false, env: { RECONCILE_INTERVAL_MS: '600000' } });
    const site = await makeSite(t.app);
    admin = await makeUser(t.app, { role: 'admin' });
    supervisor = await makeUser(t.app, { role: 'supervisor', siteId: site.id });
    coach = await makeUser(t.app, { role: 'coach', siteId: site.id, supervisorId: supervisor.id });
  });
  afterAll(async () => {
    for (const worker of extraWorkers) await worker.close();
    await t.close();
    if (buildDir !== null) await rm(buildDir, { recursive: true, force: true });
  });

  const db = (): DataSource => t.app.get(DataSource);
  const producer = (): JobProducer => t.app.get(JobProducer);

  /** Loses every job of the test's queues: its Redis keys, or the PostgreSQL backend's jobs. */
  async function loseTheQueue(): Promise<void> {
    if (t.config.redisUrl !== null) {
      const redis = new Redis(t.config.redisUrl, { maxRetriesPerRequest: 1 });
      try {
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${t.config.queuePrefix}:*`, 'COUNT', 1000);
          if (keys.length > 0) await redis.del(...keys);
          cursor = next;
        } while (cursor !== '0');
      } finally {
        redis.disconnect();
      }
    } else {
      for (const name of QUEUE_NAMES) await producer().queue(name).obliterate({ force: true });
    }
  }

  async function dueAudits(checkInIds: readonly string[]): Promise<Map<string, number>> {
    const rows = await db()
      .getRepository(AuditEvent)
      .createQueryBuilder('a')
      .select('a.entity_id', 'id')
      .addSelect('count(*)::int', 'n')
      .where("a.action = 'check_in.due' AND a.entity_id = ANY(:ids)", { ids: checkInIds })
      .groupBy('a.entity_id')
      .getRawMany<{ id: string; n: number }>();
    return new Map(rows.map((row) => [row.id, row.n]));
  }

  async function startWorker(): Promise<INestApplicationContext> {
    const worker = await createWorkerApp(t.config, { withHealth: false, clock: t.clock });
    extraWorkers.push(worker);
    return worker;
  }

  async function stopWorkers(): Promise<void> {
    while (extraWorkers.length > 0) await extraWorkers.pop()?.close();
  }

  /** `count` scheduled ad hoc check-ins due at `dueAt` on the link-ups, with their (one) due sweep. */
  async function checkInsFallingDue(
    linkUps: readonly LinkUp[],
    count: number,
    dueAt: Date,
  ): Promise<string[]> {
    const rows = Array.from({ length: count }, (_, i) => ({
      linkUpId: linkUps[i % linkUps.length].id,
      party: 'both' as const,
      kind: 'ad_hoc' as const,
      planKey: null,
      status: 'scheduled' as const,
      dueAt,
      overdueAt: new Date(dueAt.getTime() + 3_600_000),
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
      ids.push(...(result.raw as { id: string }[]).map((r) => r.id));
    }
    await producer().enqueueMany([{ name: 'check-ins.sweep', payload: sweepAt(dueAt), runAt: dueAt }]);
    return ids;
  }

  it('restores every job from the database after the queue is flushed, and catches up what fell due meanwhile', async () => {
    await setCheckInCadences(
      t.app,
      admin,
      secondsCadence({
        firstContactWithinMs: 300,
        cadenceMs: {
          sharing: { relationship_building: 6_000, doing_with: 6_000, doing_without: 6_000 },
          seeking: { relationship_building: null, doing_with: null, doing_without: null },
        },
        gracePeriodMs: 1_500,
      }),
    );
    const linkUps: LinkUp[] = [];
    for (let i = 0; i < 12; i += 1) linkUps.push(await startTestLinkUp(t.app, coach));
    const planned = await db()
      .getRepository(CheckIn)
      .find({ where: linkUps.map((l) => ({ linkUpId: l.id })) });
    expect(planned).toHaveLength(24);
    const first = planned.filter((c) => c.kind === 'first_contact');
    const regular = planned.filter((c) => c.kind === 'cadence');
    expect(await producer().findJob('check-ins.sweep', sweepAt(regular[0].dueAt))).toBeDefined();

    await loseTheQueue();
    expect(await producer().findJob('check-ins.sweep', sweepAt(regular[0].dueAt))).toBeUndefined();
    // The first contacts fall due while nothing runs (the clock moves; nothing sleeps).
    t.clock.advance({ ms: 500 });

    await startWorker();
    // The worker's first reconcile: the first contacts are due at once, the lost jobs come back.
    // Restored, or already past needing it: on a slow machine a regular check-in may fall due (its due
    // job done and removed) before the probe looks, which is the outcome wanted too.
    const jobsOf = async (checkIn: CheckIn): Promise<boolean> => {
      const row = await db().getRepository(CheckIn).findOneByOrFail({ id: checkIn.id });
      if (row.status !== 'scheduled') return true;
      return (
        (await producer().findJob('check-ins.sweep', sweepAt(checkIn.dueAt))) !== undefined &&
        (await producer().findJob('check-ins.sweep', sweepAt(checkIn.overdueAt))) !== undefined
      );
    };
    await waitFor(
      async () => {
        const restored = (await Promise.all(regular.map(jobsOf))).every(Boolean);
        const notified = await db().getRepository(Notification).countBy({ kind: 'check_in_due' });
        return restored && notified >= first.length ? true : undefined;
      },
      { what: 'the reconciler to catch up', timeoutMs: 90_000 },
    );
    // The first contacts then go missed through their restored overdue jobs; the regular ones fall due.
    const ids = planned.map((c) => c.id);
    await waitFor(
      async () =>
        (await dueAudits(ids)).size === ids.length &&
        (await db().getRepository(Notification).countBy({ kind: 'check_in_missed' })) >= first.length
          ? true
          : undefined,
      { what: 'every check-in to be handled', timeoutMs: 90_000 },
    );
    const audits = await dueAudits(ids);
    expect([...audits.values()].every((n) => n === 1)).toBe(true);
    expect(audits.size).toBe(ids.length);
    // Ended: their check-ins stop, so the next tests run on a quiet queue.
    for (const linkUp of linkUps) await moveTestLinkUp(t.app, coach, linkUp.id, { to: 'ended_early' });
    await stopWorkers();
  }, 300_000);

  it('two workers at once notify each check-in exactly once', async () => {
    const linkUps: LinkUp[] = [];
    for (let i = 0; i < 4; i += 1) linkUps.push(await startTestLinkUp(t.app, coach));
    const ids = await checkInsFallingDue(linkUps, 300, new Date(t.clock.now().getTime() + 1_500));
    const [one, two] = [await startWorker(), await startWorker()];
    // And both reconcile at the same moment the jobs fire, for good measure.
    t.clock.advance({ ms: 1_500 });
    await Promise.all([reconcilerOf(one).reconcile(), reconcilerOf(two).reconcile()]);
    await waitFor(
      async () =>
        (await db()
          .getRepository(CheckIn)
          .countBy(ids.map((id) => ({ id, status: 'due' as const })))) === ids.length
          ? true
          : undefined,
      { what: 'all 300 to be due', timeoutMs: 30_000 },
    );
    const notices = await db()
      .getRepository(Notification)
      .createQueryBuilder('n')
      .where("n.kind = 'check_in_due' AND n.subject_id = ANY(:ids)", { ids })
      .getMany();
    expect(notices).toHaveLength(ids.length);
    expect(new Set(notices.map((n) => n.subjectId)).size).toBe(ids.length);
    const audits = await dueAudits(ids);
    expect(audits.size).toBe(ids.length);
    expect([...audits.values()].filter((n) => n !== 1)).toEqual([]);
    await stopWorkers();
  }, 300_000);

  it('a worker killed with SIGKILL while 1,000 check-ins fall due: after a new worker starts, each is handled exactly once', async () => {
    const build = await buildApps();
    buildDir = build.outDir;
    console.log(`crash test: apps built in ${build.ms} ms`);
    const linkUps: LinkUp[] = [];
    for (let i = 0; i < 10; i += 1) linkUps.push(await startTestLinkUp(t.app, coach));
    const ids = await checkInsFallingDue(linkUps, 1_000, new Date(t.clock.now().getTime() + 1_000));
    const env: Record<string, string> = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'error',
      DATABASE_URL: t.config.requireDatabaseUrl(),
      ...(t.config.redisUrl === null ? {} : { REDIS_URL: t.config.redisUrl }),
      QUEUE_PREFIX: t.config.queuePrefix,
      DATABASE_POOL_SIZE: '5',
      WORKER_PORT: String(await freePort()),
      WORKER_CONCURRENCY: '5',
      WORKER_LOCK_DURATION_MS: '2000',
      WORKER_STALLED_INTERVAL_MS: '1000',
      RECONCILE_INTERVAL_MS: '600000',
      // The child's clock starts where this test's does (the shifted-clock runs): due is due for both.
      CLOCK_OFFSET_DAYS: String(t.config.clockOffsetDays),
    };
    const child = spawnWorker(build.outDir, env);
    let stderr = '';
    child.stderr?.on('data', (chunk: string) => (stderr += chunk));
    const countDue = (): Promise<number> =>
      db()
        .getRepository(Notification)
        .createQueryBuilder('n')
        .where("n.kind = 'check_in_due' AND n.subject_id = ANY(:ids)", { ids })
        .getCount();
    const before = await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`the worker exited: ${stderr}`);
        const n = await countDue();
        return n >= 50 ? n : undefined;
      },
      { what: 'the child worker to start notifying', timeoutMs: 30_000, intervalMs: 10 },
    ).finally(() => child.kill('SIGKILL'));
    await exited(child);
    const atKill = await countDue();
    expect(before).toBeLessThan(ids.length);
    expect(atKill).toBeLessThan(ids.length);

    const again = spawnWorker(build.outDir, env);
    try {
      await waitFor(async () => ((await countDue()) === ids.length ? true : undefined), {
        what: 'every check-in to be notified after the restart',
        timeoutMs: 45_000,
        intervalMs: 200,
      });
    } finally {
      again.kill('SIGTERM');
      await exited(again);
    }
    expect(await countDue()).toBe(ids.length);
    const audits = await dueAudits(ids);
    expect(audits.size).toBe(ids.length);
    expect([...audits.values()].filter((n) => n !== 1)).toEqual([]);
    expect(
      await db()
        .getRepository(CheckIn)
        .countBy(ids.map((id) => ({ id, status: 'due' as const }))),
    ).toBe(ids.length);
  }, 300_000);
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
