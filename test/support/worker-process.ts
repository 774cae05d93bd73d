import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../..');

/**
 * Builds the apps with the project's own `tsc` (and `tsc-alias`) into a temp folder, so a test can
 * run a real worker in a child process (and SIGKILL it). One build per test file that asks for it.
 */
export async function buildApps(): Promise<{ outDir: string; ms: number }> {
  const started = Date.now();
  const outDir = mkdtempSync(path.join(tmpdir(), 'fl-worker-build-'));
  const bin = (name: string): string => path.join(root, 'node_modules', '.bin', name);
  // tsc exits non-zero on any type error anywhere in the tree; it still writes the output.
  await run(bin('tsc'), ['-p', 'tsconfig.build.json', '--outDir', outDir], { cwd: root }).catch(
    () => undefined,
  );
  await run(bin('tsc-alias'), ['-p', 'tsconfig.build.json', '--outDir', outDir], { cwd: root });
  return { outDir, ms: Date.now() - started };
}

/** Starts `apps/worker/src/main.js` of a build with exactly this environment. */
export function spawnWorker(outDir: string, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, [path.join(outDir, 'apps/worker/src/main.js')], {
    cwd: root,
    // No inherited environment: the child's configuration is exactly what the test gives it.
    env: { NODE_PATH: path.join(root, 'node_modules'), ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.setEncoding('utf8');
  return child;
}

/** Resolves once the child has exited. */
export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}
