/**
 * Benchmark of compareSamples: 1,000 vs 1,000 values (target < 50 ms) and 10 vs 10 values with
 * exact tests (target < 20 ms). Prints the median time of several runs and its ratio to the target.
 *
 *   npm run bench:compare
 */
import { createRandom } from '../src/stats/random.js';
import { compareSamples } from '../src/verdict/compare-samples.js';

interface Case {
  name: string;
  n: number;
  targetMs: number;
  runs: number;
}

const CASES: Case[] = [
  { name: '1,000 vs 1,000', n: 1000, targetMs: 50, runs: 15 },
  { name: '10 vs 10 (exact)', n: 10, targetMs: 20, runs: 50 },
];

function timeCase({ n, runs }: Case): number {
  const random = createRandom(n);
  const baseline = Array.from({ length: n }, () => 30 + random.normal());
  const candidate = Array.from({ length: n }, () => 30.3 + random.normal());
  compareSamples(baseline, candidate, { direction: 'lower' }); // warm-up: JIT compilation is not what is measured
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    compareSamples(baseline, candidate, { direction: 'lower', seed: i });
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

let failed = false;
for (const c of CASES) {
  const ms = timeCase(c);
  const ratio = ms / c.targetMs;
  failed ||= ratio > 1;
  process.stdout.write(`${c.name.padEnd(18)} ${ms.toFixed(2).padStart(8)} ms   target ${c.targetMs} ms   ratio ${ratio.toFixed(2)}${ratio > 1 ? '  (over target)' : ''}\n`);
}
process.exitCode = failed ? 1 : 0;
