/* Where the time goes in a V8 CPU profile (issue 17): self time by package (or Node's own modules, or
 * this project's library), busy time only. Make a profile with
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof dist/bench/run.js journey
 * (the largest .cpuprofile is the API's process; open it in Chrome DevTools' Performance panel for the
 * flame chart), then: node dist/bench/cpu-profile-summary.js /tmp/prof/<file>.cpuprofile */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string };
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** The package a frame belongs to: an npm package, a Node module, this project's library, or V8. */
function placeOf(frame: ProfileNode['callFrame']): string {
  const special = ['(idle)', '(garbage collector)', '(program)'];
  if (special.includes(frame.functionName)) return frame.functionName;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(frame.url);
  if (pkg !== null) return pkg[1] ?? frame.url;
  if (frame.url.startsWith('node:')) return `node:${frame.url.slice(5).split('/')[0]}`;
  const own = /\/dist\/((?:apps|libs)\/[^/]+)/.exec(frame.url);
  if (own !== null) return `project ${own[1]}`;
  return frame.url === '' ? `native ${frame.functionName}` : frame.url;
}

function summarise(profile: CpuProfile, top = 20): string[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const byPlace = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (node === undefined) return;
    const place = placeOf(node.callFrame);
    byPlace.set(place, (byPlace.get(place) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  byPlace.delete('(idle)');
  const busy = [...byPlace.values()].reduce((a, b) => a + b, 0);
  return [
    `busy ${(busy / 1e6).toFixed(1)} s (idle left out)`,
    ...[...byPlace.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([place, us]) => `${((us / busy) * 100).toFixed(1).padStart(5)} %  ${place}`),
  ];
}

const file = process.argv[2];
if (file === undefined) {
  console.error('usage: node dist/bench/cpu-profile-summary.js <file.cpuprofile>');
  process.exitCode = 2;
} else {
  console.log(summarise(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile).join('\n'));
}
