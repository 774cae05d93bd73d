import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { EmbeddedPostgresError, EmbeddedPostgresServer } from './embedded-postgres.server';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Record<string, unknown>>(sql)).rows;
  } finally {
    await client.end();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('EmbeddedPostgresServer', () => {
  let root: string;

  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'family-link-embedded-'));
    chmodSync(root, 0o755);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('initialises a cluster, creates the database, keeps the data across restarts, and stops', async () => {
    const dataDir = path.join(root, 'persist');
    const port = await freePort();
    const first = await EmbeddedPostgresServer.start({ dataDir, port, database: 'family_link', fast: true });
    expect(new URL(first.url).pathname).toBe('/family_link');
    await query(first.url, 'CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)');
    await first.stop();

    const second = await EmbeddedPostgresServer.start({ dataDir, port, database: 'family_link', fast: true });
    expect(await query(second.url, 'SELECT n FROM kept')).toEqual([{ n: 42 }]);
    await second.stop();
    await expect(query(second.url, 'SELECT 1')).rejects.toThrow();
  });

  it('stops a server orphaned by a killed run (kill -9) and starts again', async () => {
    const dataDir = path.join(root, 'orphan');
    const port = await freePort();
    const orphan = await EmbeddedPostgresServer.start({ dataDir, port, database: 'family_link', fast: true });
    const orphanPid = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    // The process that started it is gone (as after kill -9): the server keeps running on its own.
    const notices: string[] = [];
    const next = await EmbeddedPostgresServer.start({
      dataDir,
      port,
      database: 'family_link',
      fast: true,
      onNotice: (m) => notices.push(m),
    });
    expect(notices.join('\n')).toContain(`left running by an earlier run (pid ${orphanPid})`);
    expect(isAlive(orphanPid)).toBe(false);
    expect(await query(next.url, 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
    await next.stop();
    await orphan.stop(); // already stopped: a no-op
  });

  it('names the port when it is already in use', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      await expect(
        EmbeddedPostgresServer.start({ dataDir: path.join(root, 'busy'), port, database: 'x', fast: true }),
      ).rejects.toThrow(
        new EmbeddedPostgresError(
          `Port ${port} is already in use, so the embedded PostgreSQL cannot start (set EMBEDDED_POSTGRES_PORT).`,
        ),
      );
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('turns a failed start into an error that quotes the server log', async () => {
    const dataDir = path.join(root, 'broken');
    const port = await freePort();
    const server = await EmbeddedPostgresServer.start({ dataDir, port, database: 'x', fast: true });
    await server.stop();
    // A setting PostgreSQL refuses at start.
    spawnSync('sh', ['-c', `echo "shared_buffers = 'lots'" >> "${path.join(dataDir, 'postgresql.conf')}"`]);
    const failure = EmbeddedPostgresServer.start({ dataDir, port, database: 'x', fast: true });
    await expect(failure).rejects.toThrow(
      /PostgreSQL exited during start[\s\S]*PostgreSQL log:[\s\S]*shared_buffers/,
    );
  });
});
