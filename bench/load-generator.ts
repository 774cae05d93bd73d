/* A load generator in its own process (issue 17), so the requests it makes do not share the API's event
 * loop: `node dist/bench/load-generator.js '<spec JSON>'` prints one line of JSON (a LoadResult).
 * Used through `generateLoad()` below; the benchmarks never time requests from inside the API's process. */
import { fork } from 'node:child_process';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { percentile, round } from './bench-kit';

export interface LoadSpec {
  readonly url: string;
  readonly method?: 'GET' | 'POST';
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly clients: number;
  readonly durationMs: number;
}

export interface LoadResult {
  readonly requests: number;
  readonly failures: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  /** The load generator's own CPU time per answered request: what it took from the machine's cores. */
  readonly clientCpuMs: number;
}

/** One request on `agent`'s kept-alive sockets: resolves with the status once the answer is read. */
function send(spec: LoadSpec, target: URL, agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: spec.method ?? 'GET',
        headers: {
          ...spec.headers,
          ...(spec.body === undefined ? {} : { 'content-length': Buffer.byteLength(spec.body) }),
        },
      },
      (res) => {
        res.on('data', () => undefined);
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(spec.body);
  });
}

/**
 * `clients` loops sending the request back to back for `durationMs`, each on a kept-alive connection
 * of its own (node:http, not `fetch`: undici's fetch costs several times the CPU per request, taken
 * from the same two cores as the API and the database); latencies of the answered ones.
 */
async function run(spec: LoadSpec): Promise<LoadResult> {
  const latencies: number[] = [];
  let failures = 0;
  const target = new URL(spec.url);
  const agent = new Agent({ keepAlive: true, maxSockets: spec.clients });
  const cpuBefore = process.cpuUsage();
  const started = performance.now(); // duration
  const deadline = started + spec.durationMs;
  await Promise.all(
    Array.from({ length: spec.clients }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now(); // duration
        try {
          const status = await send(spec, target, agent);
          if (status >= 200 && status < 300) latencies.push(performance.now() - t0);
          else failures += 1;
        } catch {
          failures += 1;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    failures,
    perSecond: round(latencies.length / elapsed, 0),
    p50: round(percentile(latencies, 50)),
    p99: round(percentile(latencies, 99)),
    clientCpuMs: round((cpu.user + cpu.system) / 1000 / Math.max(1, latencies.length + failures), 2),
  };
}

/** Runs `spec` in a child process and resolves with what it measured. */
export function generateLoad(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    // Not the API's Node flags (`--cpu-prof`, `--trace-gc`: a profile of its own, lines in its answer).
    const child = fork(__filename, [JSON.stringify(spec)], {
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
      execArgv: [],
    });
    let out = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`the load generator exited with ${code}`));
      else resolve(JSON.parse(out) as LoadResult);
    });
  });
}

if (require.main === module) {
  run(JSON.parse(process.argv[2] ?? '{}') as LoadSpec).then(
    (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
