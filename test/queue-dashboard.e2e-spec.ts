import type { User } from '@app/core';
import { JobProducer, QUEUE_NAMES } from '@app/queue';
import { listenOnFreePort, makeSite, makeUser, tokenFor } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { request as httpRequest, type Server } from 'node:http';
import { redisAvailable, startTestApp, type QueueBackendChoice, type TestApp } from './support/test-app';

const DASHBOARD = '/api/admin/queues';

interface BoardQueue {
  name: string;
  readOnlyMode: boolean;
  counts: Record<string, number>;
  jobs: { id: string; name: string; data: unknown }[];
}

/** The queue dashboard (Bull Board) on each queue backend the machine has. */
const backends: QueueBackendChoice[] = redisAvailable() ? ['redis', 'postgres'] : ['postgres'];

describe.each(backends)('the queue dashboard for admins (queue on %s)', (queue) => {
  let t: TestApp;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    // No worker: the job this test adds stays delayed.
    t = await startTestApp({ worker: false, queue });
    const site = await makeSite(t.app);
    const users: Record<string, User> = {
      admin: await makeUser(t.app, { role: 'admin' }),
      supervisor: await makeUser(t.app, { role: 'supervisor', siteId: site.id }),
      coach: await makeUser(t.app, { role: 'coach', siteId: site.id }),
      evaluator: await makeUser(t.app, { role: 'evaluator' }),
    };
    for (const [role, user] of Object.entries(users)) tokens[role] = await tokenFor(t.app, user);
  });
  afterAll(() => t.close());

  const get = (path: string, who?: string) => {
    const call = t.http().get(`${DASHBOARD}${path}`);
    return who === undefined ? call : call.set('authorization', `Bearer ${tokens[who]}`);
  };

  it('refuses anyone but an admin: 401 without a valid token, 403 for other roles', async () => {
    for (const path of ['', '/', '/api/queues', '/static/css/none.css']) {
      const anonymous = await get(path);
      expect(anonymous.status).toBe(401);
      expect(anonymous.body).toMatchObject({ statusCode: 401, code: 'AUTH.UNAUTHENTICATED' });
      const forged = await t.http().get(`${DASHBOARD}${path}`).set('authorization', 'Bearer not-a-token');
      expect(forged.status).toBe(401);
      for (const role of ['supervisor', 'coach', 'evaluator']) {
        const res = await get(path, role);
        expect({ role, status: res.status }).toEqual({ role, status: 403 });
        expect(res.body).toMatchObject({ statusCode: 403, code: 'ACCESS.FORBIDDEN' });
        expect(typeof res.body.requestId).toBe('string');
      }
    }
  });

  it('refuses them on every spelling of its paths the router matches: escaped letters, another case, an absolute URL', async () => {
    for (const path of [
      '/api/admin/%71ueues/api/queues',
      '/api/%61dmin/queues',
      '/API/Admin/Queues/api/queues',
    ]) {
      const anonymous = await t.http().get(path);
      expect({ path, status: anonymous.status }).toEqual({ path, status: 401 });
      const coach = await t.http().get(path).set('authorization', `Bearer ${tokens.coach}`);
      expect({ path, status: coach.status }).toEqual({ path, status: 403 });
    }
    // A request line naming the whole URL, as to a proxy: the router matches its path.
    const server = t.app.getHttpServer() as Server;
    const port = await listenOnFreePort(t.app);
    try {
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(
          { host: '127.0.0.1', port, path: `http://elsewhere${DASHBOARD}/api/queues` },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end();
      });
      expect(status).toBe(401);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('shows an admin the page and every queue with its jobs', async () => {
    const page = await get('/', 'admin');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('<title>Family Link queues</title>');
    // Its scripts load from the same place, for admins.
    const script = /src="(static\/js\/main\.[0-9a-f]+\.js)"/.exec(page.text)?.[1];
    expect(script).toBeDefined();
    const bundle = await get(`/${script}`, 'admin');
    expect(bundle.status).toBe(200);
    expect(bundle.headers['content-type']).toMatch(/javascript/);
    expect((await get(`/${script}`, 'coach')).status).toBe(403);

    const pingId = randomUUID();
    const jobId = await t.app
      .get(JobProducer)
      .enqueue('system.ping', { pingId }, { runAt: t.clock.daysFromNow(1) });
    const res = await get('/api/queues?activeQueue=system&status=delayed&page=1&jobsPerPage=10', 'admin');
    expect(res.status).toBe(200);
    const queues = (res.body as { queues: BoardQueue[] }).queues;
    expect(queues.map((q) => q.name).sort()).toEqual([...QUEUE_NAMES].sort());
    const system = queues.find((q) => q.name === 'system') as BoardQueue;
    expect(system.readOnlyMode).toBe(true);
    expect(system.counts.delayed).toBe(1);
    expect(system.jobs.map((j) => [j.id, j.name, j.data])).toEqual([[jobId, 'system.ping', { pingId }]]);
  });

  it('is read-only: it pauses, retries, cleans and adds nothing', async () => {
    const admin = `Bearer ${tokens.admin}`;
    const attempts = [
      t.http().put(`${DASHBOARD}/api/queues/system/pause`).set('authorization', admin),
      t.http().put(`${DASHBOARD}/api/queues/system/retry/failed`).set('authorization', admin),
      t.http().put(`${DASHBOARD}/api/queues/system/clean/delayed`).set('authorization', admin),
      t
        .http()
        .post(`${DASHBOARD}/api/queues/system/add`)
        .set('authorization', admin)
        .send({ name: 'system.ping', data: { pingId: randomUUID() } }),
    ];
    for (const attempt of attempts) expect((await attempt).status).toBe(405);
    const counts = await t.app.get(JobProducer).queue('system').getJobCounts('delayed', 'waiting');
    expect(counts).toEqual({ delayed: 1, waiting: 0 });
    expect(await t.app.get(JobProducer).queue('system').isPaused()).toBe(false);
  });
});
