import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const server = globalThis.__EMBEDDED_TEST_POSTGRES__;
  if (server === undefined) return;
  await server.stop();
  const root = process.env.TEST_EMBEDDED_POSTGRES_ROOT;
  if (root !== undefined) rmSync(root, { recursive: true, force: true });
}
