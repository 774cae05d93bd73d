import { readTestServers } from '@app/config';
import { TcpProxy, waitFor } from '@app/testing';
import { redisAvailable, startTestApp, type TestApp } from './support/test-app';

interface Readiness {
  statusCode?: number;
  code?: string;
  message?: string;
  details?: { checks: Record<string, string> };
  checks?: Record<string, string>;
}

async function readiness(t: TestApp): Promise<{ status: number; body: Readiness }> {
  const res = await t.http().get('/health/ready');
  return { status: res.status, body: res.body as Readiness };
}

describe('health', () => {
  describe('with the database behind a proxy that can be cut', () => {
    let t: TestApp;
    let proxy: TcpProxy;

    beforeAll(async () => {
      proxy = await TcpProxy.start(readTestServers().databaseUrl ?? '');
      // The queue on PostgreSQL shares the database; on Redis it stays up while the database is cut.
      t = await startTestApp({ worker: false, databaseUrl: (url) => proxy.rewrite(url) });
    });
    afterAll(async () => {
      await proxy.restore();
      await t.close();
      await proxy.close();
    });

    it('answers liveness without touching the database', async () => {
      await proxy.cut();
      try {
        await t.http().get('/health').expect(200, { status: 'ok' });
      } finally {
        await proxy.restore();
      }
    });

    it('is ready when the database and the queue answer', async () => {
      const { status, body } = await readiness(t);
      expect(status).toBe(200);
      expect(body).toEqual({ status: 'ready', checks: { database: 'up', queue: 'up' } });
    });

    it('answers 503 naming the database while it is down, and recovers when it returns', async () => {
      await proxy.cut();
      const down = await readiness(t);
      expect(down.status).toBe(503);
      expect(down.body.code).toBe('NOT_READY');
      expect(down.body.details?.checks.database).toBe('down');
      expect(down.body.message).toMatch(/database/);
      expect(down.body.details?.checks.queue).toBe(t.config.queueBackend === 'postgres' ? 'down' : 'up');

      await proxy.restore();
      const recovered = await waitFor(
        async () => {
          const r = await readiness(t);
          return r.status === 200 ? r : undefined;
        },
        { what: 'readiness after the database returns', timeoutMs: 20_000 },
      );
      expect(recovered.body.checks).toEqual({ database: 'up', queue: 'up' });
    });
  });

  (redisAvailable() ? describe : describe.skip)(
    'with Redis behind a proxy that can be cut (needs TEST_REDIS_URL)',
    () => {
      let t: TestApp;
      let proxy: TcpProxy;

      beforeAll(async () => {
        proxy = await TcpProxy.start(readTestServers().redisUrl ?? '');
        t = await startTestApp({ worker: false, queue: 'redis', redisUrl: (url) => proxy.rewrite(url) });
      });
      afterAll(async () => {
        await proxy.restore();
        await t.close();
        await proxy.close();
      });

      it('answers 503 naming the queue while Redis is down, and recovers when it returns', async () => {
        expect((await readiness(t)).status).toBe(200);
        await proxy.cut();
        const down = await readiness(t);
        expect(down.status).toBe(503);
        expect(down.body.details?.checks).toEqual({ database: 'up', queue: 'down' });
        expect(down.body.message).toBe('Not ready: queue is down.');

        await proxy.restore();
        await waitFor(async () => ((await readiness(t)).status === 200 ? true : undefined), {
          what: 'readiness after Redis returns',
          timeoutMs: 20_000,
        });
      });
    },
  );
});
