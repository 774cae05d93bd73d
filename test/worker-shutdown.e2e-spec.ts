import { configureQueueBackend } from '@app/queue';
import { waitFor } from '@app/testing';
import { Queue, Worker } from 'bullmq';
import { closeWorkers } from '../apps/worker/src/queue-workers.service';
import { defaultQueueBackend, startTestApp, type TestApp } from './support/test-app';

/**
 * The worker's half of a bounded shutdown (issue 12, item 10): on close it takes no new job, lets a
 * running one finish within its deadline, and releases one that does not — which another worker then
 * runs again, so nothing is lost. A real BullMQ queue on the suite's backend.
 */
describe(`worker shutdown (${defaultQueueBackend()} backend)`, () => {
  let t: TestApp;
  let queue: Queue;
  const opened: Worker[] = [];

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    queue = new Queue('shutdown-test', {
      connection: configureQueueBackend(t.config),
      prefix: t.config.queuePrefix,
    });
  });
  afterAll(async () => {
    for (const worker of opened) await worker.close(true).catch(() => undefined);
    await queue.close();
    await t.close();
  });

  function worker(process: (data: { n: number }) => Promise<string>, lockMs = 30_000): Worker {
    const w = new Worker('shutdown-test', (job) => process(job.data as { n: number }), {
      connection: configureQueueBackend(t.config),
      prefix: t.config.queuePrefix,
      lockDuration: lockMs,
      stalledInterval: lockMs,
    });
    w.on('error', () => undefined);
    opened.push(w);
    return w;
  }

  it('lets a running job finish within the deadline and takes no new one', async () => {
    let release: () => void = () => undefined;
    const started: number[] = [];
    const w = worker(async ({ n }) => {
      started.push(n);
      if (n === 1) await new Promise<void>((resolve) => (release = resolve));
      return `done ${n}`;
    });
    const first = await queue.add('work', { n: 1 });
    await waitFor(() => (started.includes(1) ? true : undefined), { what: 'the first job to start' });

    const closing = closeWorkers([w], 120_000, () => undefined);
    await queue.add('work', { n: 2 });
    release();
    await expect(closing).resolves.toBe('drained');
    expect(await (await queue.getJob(first.id ?? ''))?.getState()).toBe('completed');
    // The job added while closing was not taken.
    expect(started).toEqual([1]);
    expect(await queue.getWaitingCount()).toBe(1);
    await queue.drain(true);
  }, 180_000);

  it('releases a job still running at the deadline, and another worker runs it again', async () => {
    const runs: string[] = [];
    const stuck = worker(() => {
      runs.push('stuck');
      return new Promise<string>(() => undefined); // never finishes
    }, 2_000);
    const job = await queue.add('work', { n: 3 });
    await waitFor(() => (runs.includes('stuck') ? true : undefined), { what: 'the job to start' });

    let warned = 0;
    // A deadline that holds: the close resolves although the job never does.
    await expect(closeWorkers([stuck], 500, (running) => (warned = running))).resolves.toBe('released');
    expect(warned).toBe(1);

    worker(() => {
      runs.push('again');
      return Promise.resolve('done again');
    }, 2_000);
    await waitFor(
      async () => ((await (await queue.getJob(job.id ?? ''))?.getState()) === 'completed' ? true : undefined),
      { what: 'the released job to run again on another worker', timeoutMs: 90_000 },
    );
    expect(runs).toEqual(['stuck', 'again']);
  }, 180_000);
});
