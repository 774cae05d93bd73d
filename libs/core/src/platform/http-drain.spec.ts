import { Agent, createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { drainHttpServer } from './http-drain';

/** `/quick` answers at once; `/slow` waits until the test releases it (no sleeps). */
function heldServer(): { server: Server; release: () => void; held: () => number } {
  let waiting: (() => void)[] = [];
  const server = createServer((req, res) => {
    if (req.url === '/quick') res.end('ok');
    else waiting.push(() => res.end('ok'));
  });
  return {
    server,
    held: () => waiting.length,
    release: () => {
      for (const answer of waiting) answer();
      waiting = [];
    },
  };
}

interface Answer {
  status: number;
  connection: string | undefined;
}

function get(port: number, path: string, agent: Agent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ port, host: '127.0.0.1', path, agent }, (res: IncomingMessage) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function until(condition: () => boolean): Promise<void> {
  const deadline = performance.now() + 10_000; // duration
  while (!condition()) {
    if (performance.now() > deadline) throw new Error('timed out'); // duration
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

describe('drainHttpServer', () => {
  it('answers every request in flight, and closes idle keep-alive connections', async () => {
    const { server, release, held } = heldServer();
    const port = await listen(server);
    const agent = new Agent({ keepAlive: true, maxSockets: 10 });
    try {
      // An idle keep-alive connection, and five requests in flight.
      expect((await get(port, '/quick', agent)).status).toBe(200);
      const inFlight = Array.from({ length: 5 }, () => get(port, '/slow', agent));
      await until(() => held() === 5);

      const started = performance.now(); // duration
      const drained = drainHttpServer(server, 5_000);
      release();
      const answers = await Promise.all(inFlight);
      const { forced } = await drained;
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
      expect(forced).toBe(false);
      expect(performance.now() - started).toBeLessThan(5_000); // duration
      expect(server.listening).toBe(false);
    } finally {
      agent.destroy();
    }
  });

  it('answers a request arriving on a kept-alive connection during the drain with Connection: close', async () => {
    const { server, release, held } = heldServer();
    const port = await listen(server);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = get(port, '/slow', agent);
      await until(() => held() === 1);
      // Queued behind the first on the same (only) connection: it reaches the server during the drain.
      const second = get(port, '/quick', agent);
      const drained = drainHttpServer(server, 5_000);
      release();
      expect(await first).toMatchObject({ status: 200 });
      expect(await second).toEqual({ status: 200, connection: 'close' });
      expect(await drained).toEqual({ forced: false });
    } finally {
      agent.destroy();
    }
  });

  it('cuts what is still open at the deadline, and resolves by then', async () => {
    const { server, held } = heldServer();
    const port = await listen(server);
    const agent = new Agent({ keepAlive: true });
    try {
      const stuck = get(port, '/slow', agent).catch((error: unknown) => error);
      await until(() => held() === 1);
      const started = performance.now(); // duration
      const { forced } = await drainHttpServer(server, 300);
      const elapsed = performance.now() - started; // duration
      expect(forced).toBe(true);
      expect(elapsed).toBeGreaterThanOrEqual(250);
      expect(elapsed).toBeLessThan(2_000);
      expect(await stuck).toHaveProperty('code', 'ECONNRESET');
    } finally {
      agent.destroy();
    }
  });
});
