/**
 * Calibration harness: simulates A/A comparisons (both arms from one distribution) and shifted
 * ones for six distributions × N ∈ {3, 5, 10, 20}, seeded, and reports the false-alarm rate and
 * power of mlreg's default verdict next to Welch's t-test alone. Writes docs/calibration.md.
 *
 *   npm run calibrate                 # default repetitions
 *   npm run calibrate -- --reps 500   # quicker, noisier
 *   npm run calibrate -- --suspicion-alternatives   # the distance conditions weighed in docs/calibration.md
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { fork } from 'node:child_process';
import { createRandom, type Random } from '../src/stats/random.js';
import { welchTest } from '../src/stats/welch.js';
import { finishComparison } from '../src/verdict/compare-samples.js';
import { gatherEvidence } from '../src/verdict/evidence.js';
import { mannWhitneyTest } from '../src/stats/mann-whitney.js';
import { medianOfSorted, meanAndVariance } from '../src/stats/describe.js';
import { predictiveTail } from '../src/stats/predictive-tail.js';
import { studentTQuantile } from '../src/stats/distributions/student-t.js';
import { assessSuspicion, isSuspicious, SUSPICIOUS_LEVEL } from '../src/verdict/suspicion.js';
import type { Direction } from '../src/verdict/types.js';

interface Distribution {
  name: string;
  /** Population standard deviation, the unit of the simulated shifts. */
  sd: number;
  draw(random: Random): number;
}

const DISTRIBUTIONS: Distribution[] = [
  { name: 'normal', sd: 1, draw: (r) => r.normal() },
  { name: 'log-normal (σ=1)', sd: Math.sqrt((Math.E - 1) * Math.E), draw: (r) => Math.exp(r.normal()) },
  { name: 'exponential', sd: 1, draw: (r) => -Math.log(1 - r.next()) },
  { name: 'Student-t(3)', sd: Math.sqrt(3), draw: (r) => studentT3(r) },
  { name: 'bimodal (¾ N(0,1) + ¼ N(4,1))', sd: 2, draw: (r) => r.normal() + (r.next() < 0.25 ? 4 : 0) },
  { name: 'uniform', sd: 1 / Math.sqrt(12), draw: (r) => r.next() },
];
const SIZES = [3, 5, 10, 20];
const ALPHA = 0.05;
const POWER_SHIFT_SD = 1.5;
const SUSPICIOUS_SHIFT_SD = 5;
/** A genuine but unremarkable improvement, which should rarely be called suspicious. */
const GENUINE_SHIFT_SD = 2;

function studentT3(r: Random): number {
  let chi2 = 0;
  for (let i = 0; i < 3; i++) chi2 += r.normal() ** 2;
  return r.normal() / Math.sqrt(chi2 / 3);
}

interface CellTask {
  distribution: number;
  n: number;
  reps: number;
  suspicionReps: number;
  seed: number;
}

interface CellResult {
  distribution: string;
  n: number;
  reps: number;
  aaFalseAlarm: number;
  aaWelch: number;
  aaSuspiciousFull: number;
  aaSuspicious: number;
  suspicionReps: number;
  power: number;
  powerWelch: number;
  suspiciousAtFiveSd: number;
  suspiciousAtTwoSd: number;
}

function sample(dist: Distribution, n: number, random: Random, shift = 0): number[] {
  return Array.from({ length: n }, () => dist.draw(random) + shift);
}

/** Runs one distribution × N cell. Directions alternate between repetitions. */
function runCell(task: CellTask): CellResult {
  const dist = DISTRIBUTIONS[task.distribution]!;
  const random = createRandom(task.seed);
  let aaAlarms = 0;
  let aaWelch = 0;
  let aaSuspiciousFull = 0;
  let detected = 0;
  let detectedWelch = 0;
  const verdictOf = (b: number[], c: number[], direction: Direction, seed: number) =>
    finishComparison(gatherEvidence(b, c, { direction, bootstrap: false, seed })).verdict;
  for (let rep = 0; rep < task.reps; rep++) {
    const direction: Direction = rep % 2 === 0 ? 'lower' : 'higher';
    const worse = direction === 'lower' ? 1 : -1;
    // A/A
    const b = sample(dist, task.n, random);
    const c = sample(dist, task.n, random);
    const aa = verdictOf(b, c, direction, rep);
    if (aa === 'regression' || aa === 'improvement' || aa === 'suspicious') aaAlarms++;
    if (aa === 'suspicious') aaSuspiciousFull++;
    if (welchTest(b, c).pValue <= ALPHA) aaWelch++;
    // A shift of 1.5 sd to the bad side: detection means a `regression` verdict.
    const b2 = sample(dist, task.n, random);
    const c2 = sample(dist, task.n, random, worse * POWER_SHIFT_SD * dist.sd);
    if (verdictOf(b2, c2, direction, rep) === 'regression') detected++;
    const w = welchTest(b2, c2);
    if (w.pValue <= ALPHA && Math.sign(w.statistic) === worse) detectedWelch++;
  }
  // The suspicious rule alone is cheap: estimate its rates with many more repetitions, for A/A
  // pairs, for a 5-sd shift to the good side (which must be flagged) and for a 2-sd one (which
  // should mostly not be).
  let aaSuspicious = 0;
  let flaggedFive = 0;
  let flaggedTwo = 0;
  const flags = (shiftSd: number, direction: Direction): boolean => {
    const good = direction === 'lower' ? -1 : 1;
    const b = sample(dist, task.n, random);
    const c = sample(dist, task.n, random, good * shiftSd * dist.sd);
    return isSuspicious(assessSuspicion(b, c, direction), SUSPICIOUS_LEVEL);
  };
  for (let rep = 0; rep < task.suspicionReps; rep++) {
    const direction: Direction = rep % 2 === 0 ? 'lower' : 'higher';
    if (flags(0, direction)) aaSuspicious++;
    if (flags(SUSPICIOUS_SHIFT_SD, direction)) flaggedFive++;
    if (flags(GENUINE_SHIFT_SD, direction)) flaggedTwo++;
  }
  return {
    distribution: dist.name,
    n: task.n,
    reps: task.reps,
    aaFalseAlarm: aaAlarms / task.reps,
    aaWelch: aaWelch / task.reps,
    aaSuspiciousFull: aaSuspiciousFull / task.reps,
    aaSuspicious: aaSuspicious / task.suspicionReps,
    suspicionReps: task.suspicionReps,
    power: detected / task.reps,
    powerWelch: detectedWelch / task.reps,
    suspiciousAtFiveSd: flaggedFive / task.suspicionReps,
    suspiciousAtTwoSd: flaggedTwo / task.suspicionReps,
  };
}

function readFlag(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!(value > 0)) throw new RangeError(`--${name}: expected a positive number, received ${process.argv[index + 1]}`);
  return value;
}

const pct = (x: number, digits = 1): string => `${(100 * x).toFixed(digits)}%`;
const se = (p: number, reps: number): number => Math.sqrt((Math.max(p, 1 / reps) * (1 - p)) / reps);

function renderTable(results: CellResult[]): string {
  const lines = [
    '| distribution | N | false alarms, mlreg | false alarms, Welch | A/A suspicious | power 1.5 sd, mlreg | power 1.5 sd, Welch | 5 sd good side → suspicious | 2 sd good side → suspicious |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of results) {
    const fa = `${pct(r.aaFalseAlarm)} ± ${pct(se(r.aaFalseAlarm, r.reps))}${r.aaFalseAlarm > ALPHA + 2 * se(r.aaFalseAlarm, r.reps) ? ' ✗' : ''}`;
    lines.push(
      `| ${r.distribution} | ${r.n} | ${fa} | ${pct(r.aaWelch)} | ${pct(r.aaSuspicious, 2)} | ${pct(r.power)} | ${pct(r.powerWelch)} | ${pct(r.suspiciousAtFiveSd)} | ${pct(r.suspiciousAtTwoSd)} |`,
    );
  }
  return lines.join('\n');
}

function checkTargets(results: CellResult[]): string[] {
  const failures: string[] = [];
  for (const r of results) {
    if (r.aaFalseAlarm > ALPHA + 2 * se(r.aaFalseAlarm, r.reps)) failures.push(`${r.distribution} N=${r.n}: false alarms ${pct(r.aaFalseAlarm)} > 5%`);
    if (r.aaSuspicious > 0.001 + 2 * se(r.aaSuspicious, r.suspicionReps)) failures.push(`${r.distribution} N=${r.n}: A/A suspicious ${pct(r.aaSuspicious, 2)} > 0.1%`);
    if (r.n === 10) {
      const margin = 2 * Math.sqrt(se(r.power, r.reps) ** 2 + se(r.powerWelch, r.reps) ** 2);
      if (r.distribution === 'normal' && r.power < r.powerWelch - margin) failures.push(`normal N=10: power ${pct(r.power)} < Welch ${pct(r.powerWelch)}`);
      if (r.distribution !== 'normal' && r.distribution !== 'uniform' && !r.distribution.startsWith('bimodal') && r.power <= r.powerWelch) {
        failures.push(`${r.distribution} N=10: power ${pct(r.power)} not above Welch ${pct(r.powerWelch)}`);
      }
      if (r.suspiciousAtFiveSd < 0.95 - 2 * se(r.suspiciousAtFiveSd, r.suspicionReps)) {
        failures.push(`${r.distribution} N=10: 5-sd shift flagged ${pct(r.suspiciousAtFiveSd)} < 95%`);
      }
    }
  }
  return failures;
}

async function main(): Promise<void> {
  const reps = readFlag('reps', 1500);
  const suspicionReps = readFlag('suspicion-reps', 20000);
  const seed = readFlag('seed', 20260101);
  const tasks: CellTask[] = [];
  DISTRIBUTIONS.forEach((_, d) => SIZES.forEach((n, s) => tasks.push({ distribution: d, n, reps, suspicionReps, seed: seed + 100 * d + s })));
  const workers = Math.max(1, Math.min(availableParallelism(), 2));
  const started = performance.now();
  const results = new Array<CellResult>(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      const worker = fork(fileURLToPath(import.meta.url), ['--worker'], { execArgv: ['--import', 'tsx'] });
      try {
        while (next < tasks.length) {
          const index = next++;
          results[index] = await new Promise<CellResult>((resolve, reject) => {
            const onError = (error: Error): void => reject(error);
            worker.once('error', onError);
            worker.once('message', (message) => {
              worker.off('error', onError);
              resolve(message as CellResult);
            });
            worker.send(tasks[index]!);
          });
          const r = results[index]!;
          process.stderr.write(`  ${r.distribution} N=${r.n}: FA ${pct(r.aaFalseAlarm)}, power ${pct(r.power)} (Welch ${pct(r.powerWelch)})\n`);
        }
      } finally {
        worker.disconnect();
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const table = renderTable(results);
  const failures = checkTargets(results);
  process.stdout.write(`${table}\n\n${failures.length === 0 ? 'All calibration targets met.' : `Targets missed:\n- ${failures.join('\n- ')}`}\n`);
  process.stdout.write(`(${reps} repetitions per cell, ${suspicionReps} for the A/A suspicious rate, seed ${seed}, ${seconds.toFixed(0)} s on ${workers} workers)\n`);
  writeFileSync(new URL('../docs/calibration.md', import.meta.url), renderDocument(table, failures, reps, suspicionReps, seed));
}

function renderDocument(table: string, failures: string[], reps: number, suspicionReps: number, seed: number): string {
  return `# Calibration of mlreg's default verdict

Generated by \`npm run calibrate\` (scripts/calibrate.ts); seeded (seed ${seed}), so it reproduces exactly.

Each cell simulates ${reps} comparisons of two arms of N seeds each, with the metric's direction
alternating between \`lower\` and \`higher\` from one repetition to the next:

- **false alarms**: A/A (both arms from the same distribution); the share of verdicts
  \`regression\`, \`improvement\` or \`suspicious\` (± one Monte Carlo standard error; ✗ marks a cell
  more than two standard errors above alpha = 0.05). Welch: the share of p ≤ 0.05.
- **A/A suspicious**: the suspicious rule alone on ${suspicionReps} further A/A pairs (target ≤ 0.1%).
- **power 1.5 sd**: the candidate shifted by 1.5 population sd to the *bad* side; the share of
  \`regression\` verdicts, next to Welch's p ≤ 0.05 in the right direction.
- **5 sd good side → suspicious**: the candidate shifted by 5 sd to the *good* side; the share flagged
  \`suspicious\` by the suspicious rule, on ${suspicionReps} pairs (target ≥ 95% at N = 10).
- **2 sd good side → suspicious**: the same for a 2-sd shift, a genuine improvement that is not far
  out of distribution (lower is better here).

Distributions: normal; log-normal exp(N(0, 1)); exponential(1); Student-t with 3 df; the mixture
¾ N(0, 1) + ¼ N(4, 1) (a "bad basin" that a quarter of seeds fall into); uniform(0, 1).

${table}

${failures.length === 0 ? 'All targets of issue 3 are met.' : `Targets missed:\n\n- ${failures.join('\n- ')}`}

## How the default verdict decides

1. **Primary test** (regression/improvement at alpha 0.05): chosen from the *pooled* sample's shape,
   which keeps it exact under exchangeability: a permutation test on Welch's t for light-tailed data,
   the Mann–Whitney test when the pooled sample is skewed (|g₁| > 1) or heavy-tailed (g₂ > 1.5).
   With 3 vs 3 seeds no permutation p can reach 0.05 (the smallest is 0.1), so Welch's t is used.
2. **Suspicious**: the one-sided Mann–Whitney p on the good side is at most 0.001 (exact under
   exchangeability, so the A/A rate is bounded whatever the distribution), *and* the candidate median
   lies beyond the baseline's one-sided 99% prediction bound for one run, with the wildest baseline run
   left out. Arms too small for that rank p (up to 6 vs 6) need complete separation and a 99.9% bound with
   any one baseline run left out.
3. **Equivalent**: P(|μc − μb| ≤ ROPE) ≥ 0.95 under independent Jeffreys priors; otherwise **inconclusive**.

## Why the suspicious rule is not tuned further

The rank condition alone keeps A/A comparisons below 0.1% at N ≥ 7, whatever the distribution; the
distance condition decides how far out an improvement must be. Three aims pull against each other at
N = 10: flag a 5-sd improvement (≥ 95%), leave a genuine 2-sd improvement alone (≤ ~5%), and stay
robust to one wild baseline run. Alternatives to the distance condition, rank condition unchanged
(\`npm run calibrate -- --suspicion-alternatives\`: N = 10, 2,000 pairs per cell and shift, directions
alternating, seed 20260101), as % flagged for normal / log-normal / exponential / t(3) / uniform:

| distance condition | 5 sd good side | 2 sd good side |
|---|---|---|
| current: median beyond the 99% t bound, wildest baseline run left out | 100 / 95.3 / 98.3 / 98.8 / 100 | 29.6 / 66.1 / 44.3 / 54.1 / 23.1 |
| robust scale: baseline median ± t₀.₉₉ · min(sd, scaled MAD) · √(1 + 1/n) | 99.5 / 95.5 / 98.3 / 98.8 / 99.7 | 24.9 / 68.3 / 43.5 / 51.3 / 19.1 |
| log scale for a positive baseline on the lower (short-tailed) side | 100 / 95.3 / 98.3 / 98.8 / 100 | 29.6 / 70.2 / 56.3 / 54.1 / 38.3 |
| log scale whenever the log baseline is less skewed | 99.9 / 79.3 / 73.0 / 98.8 / 94.6 | 29.6 / 49.1 / 38.5 / 54.1 / 22.1 |
| pooled-sd distance (x̄b − x̄c)/s_pooled ≥ 3.3, no run left out | 99.0 / 90.5 / 94.8 / 95.2 / 100 | 4.1 / 34.6 / 10.4 / 17.6 / 2.9 |
| the same, the baseline's wildest run left out | 99.8 / 93.3 / 97.2 / 97.3 / 100 | 10.8 / 48.8 / 22.0 / 31.0 / 7.5 |

- The log-normal cell is not limited by the scale. Its misses come from baselines with two or more
  runs far out in the long right tail, which no single-run exclusion removes; a robust scale moves it
  by noise only. On the log scale a 5-sd shift toward the long tail (\`higher\`) is only about the
  99.3% quantile of one run, so a log-scale bound flags it far less often (79%).
- Separating 5 sd from 2 sd at N = 10 is out of reach for any rule that measures the candidate's
  distance in the baseline's own sd: on normal data (x̄b − median_c)/s_b exceeds 3.67 in 5% of 2-sd
  pairs and falls below 3.51 in 5% of 5-sd pairs, so no threshold gives both ≥ 95% and ≤ 5%. A pooled
  sd (18 df instead of 9) separates them on normal data, but not on skewed or heavy-tailed data, where
  sd-based distances are noisy; it misses the 5-sd target on log-normal and exponential data, and
  without leaving a run out it loses robustness to a wild baseline run.
- So the rule stays: it meets the 5-sd target in every N = 10 cell of the table above (95.5% for
  log-normal, on 20,000 pairs) and the A/A target everywhere, while a genuine 2-sd improvement at
  N = 10 is flagged suspicious in 24–67% of comparisons, depending on the shape. A rule that catches
  too-good-to-be-true results on 10 seeds cannot tell them from large real gains: declare an expected
  improvement with \`--expect-improvement\` (it is then reported as an improvement).
`;
}

/**
 * Alternatives to the suspicious rule's distance condition (the rank condition unchanged), at one N:
 * the share of 5-sd and 2-sd good-side shifts each flags. Printed, not written: docs/calibration.md
 * quotes a run with the defaults.
 */
function compareSuspicionAlternatives(n: number, reps: number, seed: number): void {
  const median = (values: readonly number[]): number => medianOfSorted([...values].sort((a, b) => a - b));
  const scaledMad = (values: readonly number[]): number => {
    const centre = median(values);
    return 1.4826 * median(values.map((x) => Math.abs(x - centre)));
  };
  const skewness = (values: readonly number[]): number => {
    const { mean } = meanAndVariance(values);
    let m2 = 0;
    let m3 = 0;
    for (const x of values) {
      m2 += (x - mean) ** 2;
      m3 += (x - mean) ** 3;
    }
    return m2 > 0 ? (m3 / values.length) / (m2 / values.length) ** 1.5 : 0;
  };
  const tBound = (b: readonly number[], c: readonly number[], d: Direction): boolean =>
    predictiveTail(b, median(c), d, { leaveOneOut: 'smallest' }) <= 0.01;
  // On the log scale a candidate median at or below 0 is beyond any bound on the lower side.
  const logBound = (b: readonly number[], c: readonly number[], d: Direction): boolean => {
    const m = median(c);
    if (m <= 0) return d === 'lower';
    return predictiveTail(b.map(Math.log), Math.log(m), d, { leaveOneOut: 'smallest' }) <= 0.01;
  };
  const pooledDistance = (b: readonly number[], c: readonly number[], d: Direction, leaveOneOut: boolean): number => {
    const cand = meanAndVariance(c);
    const distance = (arm: readonly number[]): number => {
      const base = meanAndVariance(arm);
      const pooled = Math.sqrt(((arm.length - 1) * base.variance + (c.length - 1) * cand.variance) / (arm.length + c.length - 2));
      return ((d === 'lower' ? 1 : -1) * (base.mean - cand.mean)) / pooled;
    };
    if (!leaveOneOut) return distance(b);
    return Math.max(...b.map((_, i) => distance(b.filter((__, k) => k !== i))));
  };
  const alternatives: Array<[string, (b: number[], c: number[], d: Direction) => boolean]> = [
    ['current: median beyond the 99% t bound, wildest baseline run left out', tBound],
    [
      'robust scale: baseline median ± t₀.₉₉ · min(sd, scaled MAD) · √(1 + 1/n)',
      (b, c, d) => {
        const scale = Math.min(Math.sqrt(meanAndVariance(b).variance), scaledMad(b) || Infinity);
        const reach = studentTQuantile(0.99, b.length - 1) * scale * Math.sqrt(1 + 1 / b.length);
        return d === 'lower' ? median(c) < median(b) - reach : median(c) > median(b) + reach;
      },
    ],
    [
      'log scale for a positive baseline on the lower (short-tailed) side',
      (b, c, d) => tBound(b, c, d) || (d === 'lower' && b.every((x) => x > 0) && logBound(b, c, d)),
    ],
    [
      'log scale whenever the log baseline is less skewed',
      (b, c, d) =>
        b.every((x) => x > 0) && Math.abs(skewness(b.map(Math.log))) < Math.abs(skewness(b)) ? logBound(b, c, d) : tBound(b, c, d),
    ],
    ['pooled-sd distance (x̄b − x̄c)/s_pooled ≥ 3.3, no run left out', (b, c, d) => pooledDistance(b, c, d, false) >= 3.3],
    ['the same, the baseline\'s wildest run left out', (b, c, d) => pooledDistance(b, c, d, true) >= 3.3],
  ];
  const shown = DISTRIBUTIONS.filter((dist) => !dist.name.startsWith('bimodal'));
  const rates = (shiftSd: number): string[][] => {
    const hits = alternatives.map(() => shown.map(() => 0));
    shown.forEach((dist, j) => {
      const random = createRandom(seed + 31 * j + shiftSd);
      for (let rep = 0; rep < reps; rep++) {
        const direction: Direction = rep % 2 === 0 ? 'lower' : 'higher';
        const b = sample(dist, n, random);
        const c = sample(dist, n, random, (direction === 'lower' ? -1 : 1) * shiftSd * dist.sd);
        if (mannWhitneyTest(b, c, { alternative: direction === 'lower' ? 'less' : 'greater' }).pValue > SUSPICIOUS_LEVEL) continue;
        alternatives.forEach(([, flags], i) => {
          if (flags(b, c, direction)) hits[i]![j]!++;
        });
      }
    });
    return hits.map((row) => row.map((count) => (100 * count / reps).toFixed(1)));
  };
  const five = rates(SUSPICIOUS_SHIFT_SD);
  const two = rates(GENUINE_SHIFT_SD);
  const names = shown.map((dist) => dist.name.replace(/ \(.*\)$/, '')).join(' / ');
  process.stdout.write(`| distance condition | 5 sd flagged (%): ${names} | 2 sd flagged (%): ${names} |\n|---|---|---|\n`);
  alternatives.forEach(([name], i) => process.stdout.write(`| ${name} | ${five[i]!.join(' / ')} | ${two[i]!.join(' / ')} |\n`));
  process.stdout.write(`(N = ${n}, ${reps} pairs per cell and shift, directions alternating, seed ${seed})\n`);
}

if (process.argv.includes('--suspicion-alternatives')) {
  compareSuspicionAlternatives(10, readFlag('reps', 2000), readFlag('seed', 20260101));
} else if (process.argv.includes('--worker')) {
  process.on('message', (task: CellTask) => process.send!(runCell(task)));
} else {
  await main();
}
