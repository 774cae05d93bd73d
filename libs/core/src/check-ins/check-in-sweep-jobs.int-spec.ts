import { JobProducer, sweepAt } from '@app/queue';
import { insertScheduledCheckIn, makeLinkUp, makeSite, makeUser } from '@app/testing';
import { DataSource } from 'typeorm';
import {
  defaultQueueBackend,
  startTestApp,
  type QueueBackendChoice,
  type TestApp,
} from '../../../../test/support/test-app';
import type { User } from '../users';
import { CheckIn } from './check-in.entity';
import { CheckInSweepJobsService } from './check-in-sweep-jobs.service';

const backends: QueueBackendChoice[] = [...new Set<QueueBackendChoice>([defaultQueueBackend(), 'postgres'])];

/**
 * The sweep jobs derived from the check-ins rows, on the real queue: a `check-ins.sweep` job is shared
 * by every check-in due (or overdue) at its moment, so withdrawing one races another link-up's plan.
 */
describe.each(backends)('the check-in sweep jobs (%s backend)', (queue) => {
  let t: TestApp;
  let coach: User;
  let jobs: CheckInSweepJobsService;
  let producer: JobProducer;

  beforeAll(async () => {
    // No worker: nothing runs the sweeps, the queue only holds them.
    t = await startTestApp({ queue, worker: false, env: { RECONCILE_INTERVAL_MS: '600000' } });
    const site = await makeSite(t.app);
    coach = await makeUser(t.app, { role: 'coach', siteId: site.id });
    jobs = t.app.get(CheckInSweepJobsService);
    producer = t.app.get(JobProducer);
  });
  afterAll(() => t.close());

  /** A scheduled check-in of the link-up due at `dueAt` (committed). */
  const planCheckIn = (linkUpId: string, dueAt: Date): Promise<string> =>
    insertScheduledCheckIn(t.app, linkUpId, dueAt);

  it('puts back a sweep it withdrew when another link-up planned a check-in at its moment in between', async () => {
    const [first, second] = [await makeLinkUp(t.app, coach), await makeLinkUp(t.app, coach)];
    const at = new Date(t.clock.now().getTime() + 3_600_000);
    const firstCheckIn = await planCheckIn(first.linkUp.id, at);
    await jobs.followPlan([], [at]);
    expect(await producer.findJob('check-ins.sweep', sweepAt(at))).toBeDefined();
    // The first link-up's check-in is cancelled (as pausing the link-up does): nothing needs the moment.
    await t.app
      .get(DataSource)
      .getRepository(CheckIn)
      .update(firstCheckIn, { status: 'cancelled', cancelledReason: 'link_up_paused' });

    // Between the withdrawal's read (the moment not needed) and the withdrawal itself, the second
    // link-up plans a check-in at the same moment and commits; its enqueue finds the shared job still
    // there and adds nothing. Then the job is withdrawn.
    const withdraw = producer.withdraw.bind(producer);
    let withdrawn: boolean | undefined;
    const between = jest
      .spyOn(producer, 'withdraw')
      .mockImplementationOnce(async (...args: Parameters<JobProducer['withdraw']>) => {
        await planCheckIn(second.linkUp.id, at);
        await jobs.followPlan([], [at]);
        withdrawn = await withdraw(...args);
        return withdrawn;
      });
    try {
      await jobs.withdrawIdle([at]);
    } finally {
      between.mockRestore();
    }
    expect(withdrawn).toBe(true);

    // Read again after withdrawing: the second link-up's check-in needs the moment, so its sweep is back,
    // waiting for its time (without it, that check-in would wait for the minute sweeper).
    const job = await producer.findJob('check-ins.sweep', sweepAt(at));
    expect(job?.data).toEqual(sweepAt(at));
    expect(await job?.getState()).toBe('delayed');
  });
});
