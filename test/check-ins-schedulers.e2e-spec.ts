import { CheckIn, type User } from '@app/core';
import {
  CHECK_INS_RECONCILER_ID,
  configureQueueBackend,
  JobProducer,
  QUEUE_NAMES,
  sweepAt,
} from '@app/queue';
import { makeSite, makeUser, startTestLinkUp, waitFor } from '@app/testing';
import type { INestApplicationContext } from '@nestjs/common';
import { Worker } from 'bullmq';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { createWorkerApp } from '../apps/worker/src/worker-app';
import { defaultQueueBackend, startTestApp, type QueueBackendChoice, type TestApp } from './support/test-app';

const backends: QueueBackendChoice[] = [...new Set<QueueBackendChoice>([defaultQueueBackend(), 'postgres'])];

/**
 * The worker's recurring jobs survive the queue: a kept failed run of the one-off reconcile does not
 * block the next start, and a flushed queue gets its schedulers (and, through a reconcile, every
 * derived job) back while the worker runs.
 */
describe.each(backends)('job schedulers of the worker (%s backend)', (queue) => {
  let t: TestApp;
  let coach: User;
  let worker: INestApplicationContext | null = null;

  beforeAll(async () => {
    t = await startTestApp({ queue, worker: false, env: { RECONCILE_INTERVAL_MS: '2000' } });
    const site = await makeSite(t.app);
    const supervisor = await makeUser(t.app, { role: 'supervisor', siteId: site.id });
    coach = await makeUser(t.app, { role: 'coach', siteId: site.id, supervisorId: supervisor.id });
  });
  afterAll(async () => {
    await worker?.close();
    await t.close();
  });

  const producer = (): JobProducer => t.app.get(JobProducer);

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

  it('a failed one-off reconcile kept under its id does not stop the next start from running one', async () => {
    await producer().enqueue('check-ins.reconcile', {});
    const failing = new Worker('check-ins', () => Promise.reject(new Error('failing on purpose')), {
      connection: configureQueueBackend(t.config),
      prefix: t.config.queuePrefix,
    });
    failing.on('error', () => undefined);
    try {
      await waitFor(
        async () =>
          (await (await producer().findJob('check-ins.reconcile', {}))?.getState()) === 'failed'
            ? true
            : undefined,
        { what: 'the one-off reconcile to fail', timeoutMs: 90_000 },
      );
    } finally {
      await failing.close();
    }

    worker = await createWorkerApp(t.config, { withHealth: false });
    await waitFor(
      async () => {
        const job = await producer().findJob('check-ins.reconcile', {});
        // Ran and was removed (or is kept completed): in any case no longer the failed run.
        return job === undefined || (await job.getState()) === 'completed' ? true : undefined;
      },
      { what: 'a fresh one-off reconcile to run', timeoutMs: 90_000 },
    );
  }, 240_000);

  it('a queue flushed while the worker runs gets its scheduler back, and the lost jobs with it', async () => {
    if (worker === null) worker = await createWorkerApp(t.config, { withHealth: false });
    const linkUp = await startTestLinkUp(t.app, coach);
    const pending = await t.app
      .get(DataSource)
      .getRepository(CheckIn)
      .findOneByOrFail({ linkUpId: linkUp.id, kind: 'first_contact' });
    const checkInQueue = producer().queue('check-ins');
    expect(await checkInQueue.getJobScheduler(CHECK_INS_RECONCILER_ID)).toBeDefined();
    const before = {
      due: await producer().findJob('check-ins.sweep', sweepAt(pending.dueAt)),
      overdue: await producer().findJob('check-ins.sweep', sweepAt(pending.overdueAt)),
    };
    expect(before.due).toBeDefined();
    expect(before.overdue).toBeDefined();

    await loseTheQueue();
    // The worker's reconciler (every 2 s) may re-create the jobs at any moment from here on, so the
    // loss is not asserted by absence: a job that came back is a new one (added after the flush).
    const isNew = (job: { timestamp: number } | undefined, old: { timestamp: number } | undefined): boolean =>
      job !== undefined && old !== undefined && job.timestamp !== old.timestamp;
    await waitFor(
      async () =>
        (await checkInQueue.getJobScheduler(CHECK_INS_RECONCILER_ID)) !== undefined &&
        isNew(await producer().findJob('check-ins.sweep', sweepAt(pending.dueAt)), before.due) &&
        isNew(await producer().findJob('check-ins.sweep', sweepAt(pending.overdueAt)), before.overdue)
          ? true
          : undefined,
      { what: 'the scheduler and the check-in’s jobs to come back', timeoutMs: 90_000, intervalMs: 200 },
    );
  }, 240_000);
});
