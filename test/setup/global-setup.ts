import { mkdtempSync, chmodSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedPostgresServer } from '../../libs/database/src/embedded/embedded-postgres.server';

declare global {
  var __EMBEDDED_TEST_POSTGRES__: EmbeddedPostgresServer | undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/**
 * DESIGN §7: tests use the servers named by TEST_DATABASE_URL and TEST_REDIS_URL when set. Without
 * TEST_DATABASE_URL, one embedded PostgreSQL is started for the whole run (each test file then makes
 * its own database in it) and the queue runs on its PostgreSQL backend.
 */
export default async function globalSetup(): Promise<void> {
  const given = process.env.TEST_DATABASE_URL?.trim();
  if (given !== undefined && given !== '') return;
  // mkdtemp makes a 0700 folder; the server runs as the `postgres` user when we are root.
  const root = mkdtempSync(path.join(os.tmpdir(), 'family-link-test-pg-'));
  chmodSync(root, 0o755);
  const server = await EmbeddedPostgresServer.start({
    dataDir: path.join(root, 'data'),
    port: await freePort(),
    database: 'postgres',
    fast: true,
  });
  globalThis.__EMBEDDED_TEST_POSTGRES__ = server;
  process.env.TEST_DATABASE_URL = server.url;
  process.env.TEST_EMBEDDED_POSTGRES_ROOT = root;
  console.log(`\nTEST_DATABASE_URL is unset: running the tests on an embedded PostgreSQL (${root}).`);
}
