import { readTestServers } from '@app/config';
import { databaseOutage, type User } from '@app/core';
import { makeSite, makeUser, startTestLinkUp, TcpProxy, tokenFor, waitFor } from '@app/testing';
import { Logger } from '@nestjs/common';
import { reconcilerOf, startTestApp, type TestApp } from './support/test-app';

/**
 * Issue 12, cause 8: PostgreSQL lost under a stream of requests. Every request answers 503
 * UNAVAILABLE with `Retry-After` in the DESIGN §6 shape — never 500 — and the outage is logged once
 * when it starts and once when it ends, not a stack trace per request; 2xx again once it returns.
 */
describe('a database outage under requests', () => {
  let t: TestApp;
  let proxy: TcpProxy;
  let coach: User;
  let authorization: string;

  beforeAll(async () => {
    proxy = await TcpProxy.start(readTestServers().databaseUrl ?? '');
    t = await startTestApp({ worker: false, databaseUrl: (url) => proxy.rewrite(url) });
    const site = await makeSite(t.app);
    coach = await makeUser(t.app, { role: 'coach', siteId: site.id });
    authorization = `Bearer ${await tokenFor(t.app, coach)}`;
  });
  afterAll(async () => {
    await proxy.restore();
    await t.close();
    await proxy.close();
  });

  interface Answer {
    status: number;
    body: { statusCode?: number; code?: string; message?: string; requestId?: string };
    retryAfter: string | undefined;
  }

  const ask = async (): Promise<Answer> => {
    const res = await t.http().get('/api/families?limit=5').set('authorization', authorization);
    return {
      status: res.status,
      body: res.body as Answer['body'],
      retryAfter: res.headers['retry-after'],
    };
  };

  /** Requests, eight at a time, until `stop()` says so; every answer kept in order. */
  const stream = (stop: () => boolean): Promise<Answer[]> => {
    const answers: Answer[] = [];
    const lane = async (): Promise<void> => {
      while (!stop()) answers.push(await ask());
    };
    return Promise.all(Array.from({ length: 8 }, lane)).then(() => answers);
  };

  it('answers only 503 with Retry-After while it is cut, logs the outage once, then 2xx', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error');
    const infos = jest.spyOn(Logger.prototype, 'log');
    try {
      expect((await ask()).status).toBe(200);

      // Cut while requests are flowing; then a stream of requests that all find it down.
      let phase: 'before' | 'down' | 'done' = 'before';
      const during = stream(() => phase === 'done');
      await ask();
      await proxy.cut();
      phase = 'down';
      const down: Answer[] = [];
      while (down.length < 200) down.push(await ask());
      phase = 'done';
      const flowing = await during;

      for (const answer of down) {
        expect(answer.status).toBe(503);
        expect(answer.body).toEqual({
          statusCode: 503,
          code: 'UNAVAILABLE',
          message: expect.any(String),
          requestId: expect.any(String),
        });
        expect(answer.retryAfter).toBe('5');
      }
      // Requests caught by the cut answered before it (200) or 503: nothing else.
      expect(flowing.filter((a) => a.status !== 200 && a.status !== 503)).toEqual([]);
      expect(databaseOutage.active).toBe(true);

      await proxy.restore();
      await waitFor(async () => ((await ask()).status === 200 ? true : undefined), {
        what: 'the API to answer 200 again',
        timeoutMs: 30_000,
      });
      const after = await Promise.all(Array.from({ length: 20 }, ask));
      expect(after.map((a) => a.status)).toEqual(after.map(() => 200));

      const outageLines = (spy: jest.SpyInstance, message: string): number =>
        spy.mock.calls.filter((call) => call[1] === message).length;
      expect(outageLines(errors, 'Database unreachable: answering 503 until it returns')).toBe(1);
      expect(outageLines(errors, 'Unhandled error')).toBe(0);
      expect(outageLines(infos, 'Database reachable again')).toBe(1);
      expect(databaseOutage.active).toBe(false);
      // Measured for the report.
      process.stdout.write(
        `database outage: ${down.length + flowing.length} requests during the cut, ` +
          `${[...down, ...flowing].filter((a) => a.status === 503).length} × 503, ` +
          `${errors.mock.calls.length} error log line(s)\n`,
      );
    } finally {
      errors.mockRestore();
      infos.mockRestore();
    }
    // About 1,800 requests during the cut: 8-14 s alone here, over 60 s once on a CI run beside three
    // other test runs on the same two cores.
  }, 120_000);

  it('stops a reconciler pass at the first lost connection, with one warning', async () => {
    for (let i = 0; i < 6; i += 1) await startTestLinkUp(t.app, coach);
    const warnings = jest.spyOn(Logger.prototype, 'warn');
    try {
      await proxy.cut();
      const report = await reconcilerOf(t.app).reconcile(t.clock.now());
      // The reconciler's own lines: one, not one per item. (With the queue on PostgreSQL behind the
      // same cut, the queue's connection watch also warns once, which is its own business.)
      const lines = warnings.mock.calls
        .map((call) => call[1] as unknown)
        .filter((line) => typeof line === 'string' && line.startsWith('Reconciler'));
      expect(lines).toEqual(['Reconciler pass stopped: the database or the queue is unreachable']);
      expect(report.errors).toBe(1);
      await proxy.restore();
      const healthy = await waitFor(
        async () => {
          const next = await reconcilerOf(t.app).reconcile(t.clock.now());
          return next.errors === 0 ? next : undefined;
        },
        { what: 'a clean reconciler pass', timeoutMs: 30_000 },
      );
      expect(healthy.linkUpsPlanned).toBeGreaterThanOrEqual(6);
    } finally {
      await proxy.restore();
      warnings.mockRestore();
    }
  }, 60_000);
});
