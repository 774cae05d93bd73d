import { loadConfig, readTestServers, type AppConfig } from '@app/config';
import {
  actorOf,
  CheckIn,
  Clock,
  FamiliesService,
  Notification,
  SitesService,
  UsersService,
  type Caller,
} from '@app/core';
import { migrateDatabase } from '@app/database';
import { configureQueueBackend, JobProducer, sweepAt } from '@app/queue';
import type { INestApplicationContext } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createWorkerApp } from '../apps/worker/src/worker-app';
import { startLinkUpOf } from '../libs/testing/src/start-link-up';
import { benchDatabase, round, type Benchmark, type BenchResult } from './bench-kit';

const CHECK_INS = 10_000;
const LINK_UPS = 100;
/** Every row and job is added before this lead time ends (on a loaded machine too), so all fall due at the same moment. */
const LEAD_MS = 10_000;

/** Link-ups to hang the check-ins on (through the real services; no planning runs on them). */
async function seedLinkUps(app: INestApplicationContext): Promise<{ linkUpIds: string[] }> {
  const system: Caller = {
    actor: {
      id: '00000000-0000-4000-8000-000000000000',
      role: 'admin',
      siteId: null,
      familyId: null,
      supervisorId: null,
    },
    requestId: 'bench',
  };
  const site = await app
    .get(SitesService)
    .createSite(system, { name: `Bench ${randomBytes(3).toString('hex')}` });
  const coach = await app.get(UsersService).createUser(system, {
    email: `coach-${randomBytes(4).toString('hex')}@bench.local`,
    displayName: 'Bench coach',
    role: 'coach',
    password: randomBytes(12).toString('hex'),
    siteId: site.id,
  });
  const asCoach: Caller = { actor: actorOf(coach), requestId: 'bench' };
  const families = app.get(FamiliesService);
  const clock = app.get(Clock);
  const linkUpIds: string[] = [];
  for (let i = 0; i < LINK_UPS; i += 1) {
    const seeking = await families.registerFamily(asCoach, {
      kind: 'seeking',
      displayName: `S${i}`,
      siteId: site.id,
    });
    const sharing = await families.registerFamily(asCoach, {
      kind: 'sharing',
      displayName: `H${i}`,
      siteId: site.id,
    });
    const linkUp = await startLinkUpOf(app, coach, {
      seekingFamilyId: seeking.id,
      sharingFamilyId: sharing.id,
      startedAt: clock.now(),
    });
    linkUpIds.push(linkUp.id);
  }
  return { linkUpIds };
}

async function until(probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('benchmark timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * 10,000 check-ins falling due at once: time from their due moment until every coach notice is
 * written, as check-ins/s. As planning leaves them: the rows, and one delayed sweep job at their due
 * time (the sweep marks them due and writes the notices and audit lines in batches of set-based
 * statements).
 */
async function checkInsFallingDue(
  app: INestApplicationContext,
  linkUpIds: readonly string[],
): Promise<number> {
  const dataSource = app.get(DataSource);
  const dueAt = new Date(Date.now() + LEAD_MS);
  const ids: string[] = [];
  for (let i = 0; i < CHECK_INS; i += 1000) {
    const rows = Array.from({ length: Math.min(1000, CHECK_INS - i) }, (_, k) => ({
      linkUpId: linkUpIds[(i + k) % linkUpIds.length],
      party: 'both' as const,
      kind: 'ad_hoc' as const,
      planKey: null,
      status: 'scheduled' as const,
      dueAt,
      overdueAt: new Date(dueAt.getTime() + 3_600_000),
    }));
    const result = await dataSource
      .createQueryBuilder()
      .insert()
      .into(CheckIn)
      .values(rows)
      .returning('id')
      .execute();
    ids.push(...(result.raw as { id: string }[]).map((row) => row.id));
  }
  // As planning does: one delayed sweep at the moment they all fall due.
  await app
    .get(JobProducer)
    .enqueueMany([{ name: 'check-ins.sweep', payload: sweepAt(dueAt), runAt: dueAt }]);
  if (Date.now() >= dueAt.getTime()) throw new Error('adding the jobs took longer than the lead time');
  const notices = dataSource.getRepository(Notification);
  await until(async () => (await notices.countBy({ kind: 'check_in_due' })) >= CHECK_INS, 600_000);
  return (Date.now() - dueAt.getTime()) / 1000;
}

/** The same number of no-op jobs, delayed to one moment, on the same backend and concurrency. */
async function noOpJobs(config: AppConfig): Promise<number> {
  const connection = configureQueueBackend(config);
  const queue = new Queue('bench-noop', { connection, prefix: config.queuePrefix });
  let done = 0;
  const worker = new Worker('bench-noop', () => Promise.resolve(undefined), {
    connection,
    prefix: config.queuePrefix,
    concurrency: config.worker.concurrency,
    lockDuration: config.worker.lockDurationMs,
    stalledInterval: config.worker.stalledIntervalMs,
  });
  worker.on('completed', () => (done += 1));
  try {
    const dueAt = Date.now() + LEAD_MS;
    for (let i = 0; i < CHECK_INS; i += 500) {
      await queue.addBulk(
        Array.from({ length: Math.min(500, CHECK_INS - i) }, (_, k) => ({
          name: 'noop',
          data: {},
          opts: { jobId: `noop-${i + k}`, delay: Math.max(0, dueAt - Date.now()), removeOnComplete: true },
        })),
      );
    }
    await until(() => Promise.resolve(done >= CHECK_INS), 600_000);
    return (Date.now() - dueAt) / 1000;
  } finally {
    await worker.close();
    await queue.close();
  }
}

/**
 * Issues 6 and 17: check-ins falling due at once vs no-op BullMQ jobs on the same backend, same run;
 * one row per backend (`npm run bench -- check-ins` runs both).
 */
function checkInsQueueOn(backend: 'redis' | 'postgres'): Benchmark {
  const label = backend === 'redis' ? 'Redis' : 'PostgreSQL backend';
  return {
    name: `check-ins (${label}): ${CHECK_INS.toLocaleString('en')} check-ins falling due at once → all coaches notified by the sweep, vs ${CHECK_INS.toLocaleString('en')} no-op BullMQ jobs (one worker, default concurrency)`,
    issue: 17,
    async run(): Promise<BenchResult> {
      const redisUrl = readTestServers().redisUrl;
      if (backend === 'redis' && redisUrl === null) {
        return { summary: 'skipped: TEST_REDIS_URL is not set', metrics: { backend, skipped: 'yes' } };
      }
      const database = await benchDatabase();
      const config = loadConfig({
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        DATABASE_URL: database.url,
        ...(backend === 'redis' && redisUrl !== null ? { REDIS_URL: redisUrl } : {}),
        QUEUE_PREFIX: `fl-bench-${randomBytes(4).toString('hex')}`,
        DATABASE_POOL_SIZE: '10',
        RECONCILE_INTERVAL_MS: '3600000',
      });
      let app: INestApplicationContext | null = null;
      try {
        await migrateDatabase(database.url, { queueOnPostgres: config.queueBackend === 'postgres' });
        app = await createWorkerApp(config, { withHealth: false });
        const { linkUpIds } = await seedLinkUps(app);
        const noOpSeconds = await noOpJobs(config);
        const checkInSeconds = await checkInsFallingDue(app, linkUpIds);
        const checkInRate = CHECK_INS / checkInSeconds;
        const noOpRate = CHECK_INS / noOpSeconds;
        return {
          summary: `${config.queueBackend}: sweep ${round(checkInSeconds)} s (${round(checkInRate, 0)} check-ins/s); no-op ${round(noOpSeconds)} s (${round(noOpRate, 0)} jobs/s); ratio ${round(checkInRate / noOpRate, 2)} (concurrency ${config.worker.concurrency})`,
          metrics: {
            backend: config.queueBackend,
            checkInSeconds: round(checkInSeconds, 2),
            checkInsPerSecond: round(checkInRate, 0),
            noOpSeconds: round(noOpSeconds, 2),
            noOpJobsPerSecond: round(noOpRate, 0),
            ratio: round(checkInRate / noOpRate, 3),
          },
        };
      } finally {
        await app?.close();
        await database.drop();
      }
    },
  };
}

export const checkInsQueueRedis = checkInsQueueOn('redis');
export const checkInsQueuePostgres = checkInsQueueOn('postgres');
