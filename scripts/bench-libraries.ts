/**
 * simple-statistics and jstat against mlreg's hand-written statistics: per function, the worst
 * error of each over the SciPy goldens (in units of the reference tolerance: ≤ 1 meets it) and the
 * library's time relative to the hand-written one (> 1: the library is slower).
 *
 *   npm run bench:libraries
 */
import { evaluateCheck, libraryChecks } from '../test/support/library-checks.js';

function timePerCall(f: () => unknown): number {
  for (let i = 0; i < 2000; i++) f(); // warm-up: JIT compilation is not what is measured
  const calls = 20_000;
  const samples: number[] = [];
  for (let r = 0; r < 7; r++) {
    const started = performance.now();
    for (let i = 0; i < calls; i++) f();
    samples.push((performance.now() - started) / calls);
  }
  samples.sort((a, b) => a - b);
  return samples[3]!;
}

const fmt = (x: number): string => (x === 0 ? '0' : Number.isFinite(x) ? x.toExponential(1) : String(x));
process.stdout.write(`${'function'.padEnd(42)} ${'library'.padEnd(50)} ${'ours: worst err (×tol)'.padEnd(24)} ${'library: worst err (×tol)'.padEnd(26)} speed lib/ours\n`);
for (const check of libraryChecks) {
  const result = evaluateCheck(check);
  const ratio = timePerCall(check.timing.library) / timePerCall(check.timing.ours);
  process.stdout.write(
    `${check.ours.padEnd(42)} ${check.library.padEnd(50)} ${`${fmt(result.oursError)} (${fmt(result.oursWorst)})`.padEnd(24)} ${`${fmt(result.libraryError)} (${fmt(result.libraryWorst)})`.padEnd(26)} ${ratio.toFixed(2)}\n`,
  );
}
