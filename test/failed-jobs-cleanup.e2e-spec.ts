import { CheckIn, type User } from '@app/core';
import { JobProducer, sweepAt } from '@app/queue';
import { makeSite, makeUser, startTestLinkUp, waitFor } from '@app/testing';
import { UnrecoverableError, Worker } from 'bullmq';
import { DataSource } from 'typeorm';
import { reconcilerOf, startTestApp, type TestApp } from './support/test-app';

/**
 * Issue 12, item 12: a failed job whose work the reconciler did later is removed from the failed
 * set (it stayed 14 days, noise for anyone alerting on failures); a failed job whose work is still
 * to do is derived again, not dropped.
 */
describe('failed check-in jobs after the reconciler did their work', () => {
  let t: TestApp;
  let coach: User;

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    const site = await makeSite(t.app);
    coach = await makeUser(t.app, { role: 'coach', siteId: site.id });
  });
  afterAll(() => t.close());

  const producer = (): JobProducer => t.app.get(JobProducer);

  /** Runs every waiting check-ins job through a worker that fails it, as a broken handler would. */
  const failWaitingJobs = async (count: number): Promise<void> => {
    const queue = producer().queue('check-ins');
    const worker = new Worker(
      'check-ins',
      () => Promise.reject(new UnrecoverableError('handler broken for this test')),
      { connection: queue.opts.connection, prefix: queue.opts.prefix },
    );
    try {
      await waitFor(async () => ((await queue.getFailedCount()) >= count ? true : undefined), {
        what: `${count} failed jobs`,
        timeoutMs: 30_000,
      });
    } finally {
      await worker.close();
    }
  };

  it('removes the failed due job of a check-in it marked due, and re-creates one still to do', async () => {
    const linkUp = await startTestLinkUp(t.app, coach);
    const planned = await t.app
      .get(DataSource)
      .getRepository(CheckIn)
      .find({ where: { linkUpId: linkUp.id } });
    const first = planned.find((c) => c.kind === 'first_contact') as CheckIn;
    const later = planned.find((c) => c.kind === 'cadence') as CheckIn;
    expect(later.dueAt.getTime()).toBeGreaterThan(first.dueAt.getTime());

    // Each check-in's due time has its sweep job: both run early and fail.
    for (const checkIn of [first, later]) {
      const job = await producer().findJob('check-ins.sweep', sweepAt(checkIn.dueAt));
      if ((await job?.getState()) === 'delayed') await job?.promote();
    }
    await failWaitingJobs(2);
    for (const checkIn of [first, later]) {
      const job = await producer().findJob('check-ins.sweep', sweepAt(checkIn.dueAt));
      expect(await job?.getState()).toBe('failed');
    }

    // The reconciler's pass after the first check-in fell due: it marks it due itself.
    const report = await reconcilerOf(t.app).reconcile(new Date(first.dueAt.getTime() + 60_000));
    expect(report.markedDue).toBe(1);
    expect(report.failedJobsCleared).toBe(1);
    expect(
      await t.app.get(DataSource).getRepository(CheckIn).findOneByOrFail({ id: first.id }),
    ).toMatchObject({
      status: 'due',
    });
    expect(await producer().findJob('check-ins.sweep', sweepAt(first.dueAt))).toBeUndefined();
    // The later check-in's work is still to do: its job is back, waiting for its time.
    const restored = await producer().findJob('check-ins.sweep', sweepAt(later.dueAt));
    expect(await restored?.getState()).toBe('delayed');
    expect(await producer().queue('check-ins').getFailedCount()).toBe(0);
  }, 60_000);
});
