/* `npm run bench [filter]`: runs the benchmarks (one process, one after the other) and prints a
 * Markdown table to paste into BENCHMARKS.md together with the machine line. */
import { machineDescription, type Benchmark } from './bench-kit';
import { suggestionsOverHttp } from './matching-http.bench';
import { cohortOptimum, suggestionsInProcess } from './matching.bench';
import { smallWinsHttp } from './journey-http.bench';
import { exportsStreaming } from './exports.bench';
import { checkInsQueuePostgres, checkInsQueueRedis } from './check-ins-queue.bench';
import { worklistHttp } from './worklist-http.bench';

const ALL: Benchmark[] = [
  suggestionsInProcess,
  suggestionsOverHttp,
  cohortOptimum,
  smallWinsHttp,
  exportsStreaming,
  checkInsQueueRedis,
  checkInsQueuePostgres,
  worklistHttp,
];

async function main(): Promise<void> {
  const filter = process.argv[2]?.toLowerCase();
  const selected = ALL.filter((b) => filter === undefined || b.name.toLowerCase().includes(filter));
  console.log(`Machine: ${machineDescription()}`);
  console.log(`Command: npm run bench${filter === undefined ? '' : ` -- ${filter}`}\n`);
  console.log('| issue | benchmark | result |');
  console.log('|---|---|---|');
  for (const bench of selected) {
    const result = await bench.run();
    console.log(`| ${bench.issue} | ${bench.name} | ${result.summary} |`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
