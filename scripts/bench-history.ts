/**
 * Change-point detection: speed and detection rates, and `mlreg run`'s time as the history grows.
 *
 *   npm run bench:history [-- --series 100] [-- --otava /path/to/apache-otava-checkout] [-- --skip-run]
 *
 * 1. Timing: detectChangePoints at 200 and 5,000 points (targets 20 ms and 0.2 s per metric),
 *    the median of several runs, CPU time of this process (the machine may be shared); then one
 *    new point searched whole, with the cache of the detection before it, and with that cache
 *    read back from bytes as `mlreg history` reads it from the store (results checked equal).
 * 2. Rates over seeded N(0, 1) series (sfc32 seeds 0..series−1): shifts of 1, 2 and 4 sd at
 *    several positions, a reverted 10-run regression, shifts in the last three points, a change of
 *    variance only, and false alarms on stationary series. With --otava, Apache Otava's
 *    compute_change_points (its defaults: window 50, max p-value 0.001, no minimum magnitude) runs
 *    on the very same series, through /usr/bin/python3 and scripts/otava-compare.py.
 * 3. `mlreg run` of the builtin example config (with `baseline_pool: { from: history }`, so the
 *    pooled baseline's reads count too) with 50 and with 5,000 prior results per metric in
 *    .mlreg/history.db, each with three candidate runs (needs `npm run build`). The report charts
 *    and searches the newest 200 points and the pool reads the newest 200 invocations, so 5,000
 *    should cost what 50 do plus the search of 150 more points: the ratio printed should be about 1.
 *    Then `mlreg history` after one more run, every series searched whole and with the change-point
 *    caches the `mlreg history` before that run left in the store.
 *
 * --only-run skips 1 and 2; --skip-run skips 3.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { ChangePointCache, detectChangePoints } from '../src/history/changepoint/index.js';
import { createRandom } from '../src/stats/random.js';

const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));
const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const SERIES = Number(flag('series') ?? 100);
const OTAVA = flag('otava');

/** N(0, 1) draws (sfc32, see test/history/changepoint/simulate.ts for why not Mulberry32), scaled by `sd` and shifted by `shift` on [from, to). */
function series(seed: number, length: number, changes: Array<{ from: number; to?: number; shift?: number; sd?: number }> = []): number[] {
  const random = createRandom(seed);
  return Array.from({ length }, (_, i) => {
    let value = random.normal();
    for (const c of changes) if (i >= c.from && i < (c.to ?? length)) value = value * (c.sd ?? 1) + (c.shift ?? 0);
    return value;
  });
}

function cpuMs<T>(work: () => T): { ms: number; result: T } {
  const started = process.cpuUsage();
  const result = work();
  const used = process.cpuUsage(started);
  return { ms: (used.user + used.system) / 1000, result };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const onlyRun = args.includes('--only-run');
/**
 * Series per timing row. The permutation tests draw until they decide, so one series may cost
 * twice another of the same kind; the median of 9 moves less between runs than the median of 5.
 */
const TIMING_SERIES = 9;
/** The two-shift series of the timings at 5,000 points. */
const TWO_SHIFTS = [
  { from: 1700, shift: 2 },
  { from: 3400, shift: -2 },
];
// 1. Timing.
if (!onlyRun) {
  process.stdout.write(
    `load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${cpus().length} cores\n\n`,
  );
  process.stdout.write(`detectChangePoints, CPU time per metric (median of ${TIMING_SERIES} seeded series)\n`);
  for (const { length, target, label, changes } of [
    { length: 200, target: 20, label: 'stationary', changes: [] },
    { length: 200, target: 20, label: 'one 2-sd shift', changes: [{ from: 100, shift: 2 }] },
    { length: 5000, target: 200, label: 'stationary', changes: [] },
    { length: 5000, target: 200, label: 'one 2-sd shift', changes: [{ from: 2500, shift: 2 }] },
    { length: 5000, target: 200, label: 'two 2-sd shifts', changes: TWO_SHIFTS },
  ]) {
    const times: number[] = [];
    let found: number[] = [];
    for (let seed = 0; seed < TIMING_SERIES; seed++) {
      const values = series(90 + seed, length, changes);
      const { ms, result } = cpuMs(() => detectChangePoints(values, { seed }));
      times.push(ms);
      found = result.map((c) => c.index);
    }
    const ms = median(times);
    process.stdout.write(
      `  ${String(length).padStart(5)} points, ${label.padEnd(16)} ${ms.toFixed(1).padStart(7)} ms   target ${target} ms   ratio ${(ms / target).toFixed(2)}   (last found: ${found.join(', ') || 'none'})\n`,
    );
  }
}

// 1b. A new point, with the cache the detection before it left (what `mlreg history` keeps per series in the store).
if (!onlyRun) {
  process.stdout.write(`\nA new point: detectChangePoints of N + 1 points, CPU time per metric (median of ${TIMING_SERIES} seeded series)\n`);
  for (const { length, label, changes } of [
    { length: 200, label: 'one 2-sd shift', changes: [{ from: 100, shift: 2 }] },
    { length: 1200, label: 'one 2-sd shift', changes: [{ from: 600, shift: 2 }] },
    { length: 5000, label: 'one 2-sd shift', changes: [{ from: 2500, shift: 2 }] },
    { length: 5000, label: 'two 2-sd shifts', changes: TWO_SHIFTS },
  ]) {
    const fresh: number[] = [];
    const cached: number[] = [];
    const restored: number[] = [];
    const bytes: number[] = [];
    for (let seed = 0; seed < TIMING_SERIES; seed++) {
      const values = series(190 + seed, length + 1, changes);
      const cache = new ChangePointCache();
      detectChangePoints(values.slice(0, length), { seed, cache });
      const state = cache.serialize();
      bytes.push(state.length);
      const full = cpuMs(() => detectChangePoints(values, { seed }));
      const reused = cpuMs(() => detectChangePoints(values, { seed, cache }));
      // From bytes, as a new process reads it from the store: deserialising included.
      const fromBytes = cpuMs(() => detectChangePoints(values, { seed, cache: ChangePointCache.deserialize(state)! }));
      if (JSON.stringify(reused.result) !== JSON.stringify(full.result) || JSON.stringify(fromBytes.result) !== JSON.stringify(full.result)) {
        throw new Error(`the cached detection differs from the full one at ${length + 1} points, seed ${seed}`);
      }
      fresh.push(full.ms);
      cached.push(reused.ms);
      restored.push(fromBytes.ms);
    }
    const [f, c, r] = [median(fresh), median(cached), median(restored)];
    process.stdout.write(
      `  ${String(length + 1).padStart(5)} points, ${label.padEnd(16)} whole ${f.toFixed(1).padStart(7)} ms   cached ${c.toFixed(1).padStart(6)} ms (${(c / f).toFixed(2)}×)   from bytes ${r.toFixed(1).padStart(6)} ms (${(r / f).toFixed(2)}×)   cache ${(median(bytes) / 1024).toFixed(0)} KiB\n`,
    );
  }
}

// 2. Rates.
interface Scenario {
  name: string;
  length: number;
  make: (seed: number) => number[];
  /** Whether the change points found count as a hit. */
  hit: (found: number[]) => boolean;
}
const near = (target: number, tolerance: number) => (found: number[]) => found.some((i) => Math.abs(i - target) <= tolerance);
const exactly = (target: number) => (found: number[]) => found.includes(target);
const scenarios: Scenario[] = [];
for (const sd of [1, 2, 4]) {
  for (const at of [10, 50, 90]) {
    scenarios.push({ name: `${sd}-sd shift at ${at} of 100, found within ±2`, length: 100, make: (s) => series(s, 100, [{ from: at, shift: sd }]), hit: near(at, 2) });
  }
}
scenarios.push({
  name: '+3 sd for runs 60–69 of 100, then reverted: both ends within ±2',
  length: 100,
  make: (s) => series(s, 100, [{ from: 60, to: 70, shift: 3 }]),
  hit: (found) => near(60, 2)(found) && near(70, 2)(found),
});
scenarios.push({ name: '+3 sd for runs 60–69 of 100, then reverted: start exactly', length: 100, make: (s) => series(s, 100, [{ from: 60, to: 70, shift: 3 }]), hit: exactly(60) });
for (const sd of [3, 4]) {
  for (const back of [3, 2, 1]) {
    scenarios.push({
      name: `${sd}-sd shift at N−${back} (N = 100), placed exactly`,
      length: 100,
      make: (s) => series(s, 100, [{ from: 100 - back, shift: sd }]),
      hit: exactly(100 - back),
    });
  }
}
scenarios.push({ name: 'sd 1 → 3 at 50 of 100 (mean unchanged), found within ±5', length: 100, make: (s) => series(s, 100, [{ from: 50, sd: 3 }]), hit: near(50, 5) });
for (const length of [50, 200, 500]) {
  scenarios.push({ name: `stationary, length ${length}: any change point (false alarm)`, length, make: (s) => series(10_000 + s, length), hit: (found) => found.length > 0 });
}

if (!onlyRun) {
  process.stdout.write(`\nrates over ${SERIES} seeded series each (mlreg: alpha 0.05, defaults${OTAVA ? '; Otava: its defaults' : ''})\n`);
  for (const scenario of scenarios) {
    const all = Array.from({ length: SERIES }, (_, seed) => scenario.make(seed));
    const mine = all.filter((values, seed) => scenario.hit(detectChangePoints(values, { seed }).map((c) => c.index))).length / SERIES;
    let theirs = '';
    if (OTAVA) {
      const output = execFileSync('/usr/bin/python3', [join(repoRoot, 'scripts/otava-compare.py'), OTAVA], {
        input: JSON.stringify({ series: all }),
        maxBuffer: 1 << 28,
      });
      const { indices } = JSON.parse(output.toString()) as { indices: number[][] };
      theirs = `   Otava ${(indices.filter((found) => scenario.hit(found)).length / SERIES).toFixed(2)}`;
    }
    process.stdout.write(`  ${scenario.name.padEnd(66)} mlreg ${mine.toFixed(2)}${theirs}\n`);
  }

  if (OTAVA) {
    const values = series(90, 5000, [{ from: 2500, shift: 2 }]);
    const output = execFileSync('/usr/bin/python3', [join(repoRoot, 'scripts/otava-compare.py'), OTAVA], { input: JSON.stringify({ series: [values, values, values] }) });
    const { cpuSeconds } = JSON.parse(output.toString()) as { cpuSeconds: number[] };
    process.stdout.write(`  Otava at 5,000 points (one 2-sd shift): ${(median(cpuSeconds) * 1000).toFixed(1)} ms CPU\n`);
  }
}

// 3. mlreg run as the history grows.
if (!args.includes('--skip-run')) {
  const dir = mkdtempSync(join(tmpdir(), 'mlreg-bench-history-'));
  try {
    mkdirSync(join(dir, '.mlreg'));
    cpSync(join(repoRoot, 'configs'), join(dir, 'configs'), { recursive: true });
    let pooled = '';
    const run = () => {
      const started = performance.now();
      let stdout = '';
      try {
        stdout = execFileSync('node', [join(repoRoot, 'bin/mlreg.js'), 'run', '-c', 'configs/head.yaml', '--seeds', '3', '-q', '--json'], {
          cwd: dir,
          env: { ...process.env, CI: 'true' },
          stdio: 'pipe',
        }).toString();
      } catch (error) {
        if ((error as { status?: number }).status === undefined || (error as { status: number }).status > 1) throw error;
        stdout = String((error as { stdout?: Buffer }).stdout ?? '');
      }
      const elapsed = performance.now() - started;
      const pool = (JSON.parse(stdout || '{}') as { baseline?: { pool?: { historySamples: Record<string, number>; skipped?: string } } }).baseline?.pool;
      pooled = pool ? `${pool.historySamples.loss ?? 0} samples pooled from the history${pool.skipped ? ` (${pool.skipped})` : ''}` : '';
      return elapsed;
    };
    // HEAD pools its earlier runs: the pool's reads are part of what must not grow.
    appendFileSync(join(dir, 'configs/head.yaml'), 'baseline_pool:\n  from: history\n');
    run(); // records the baseline
    run(); // the first comparison: the history file and the config's first point
    const levels = baselineLevels(join(dir, 'baselines/head.json'));
    injectHistory(join(dir, '.mlreg/history.db'), 50, 0, levels);
    const fifty = [run(), run(), run(), run(), run()];
    const pooledFifty = pooled;
    injectHistory(join(dir, '.mlreg/history.db'), 4950, 50, levels);
    const thousands = [run(), run(), run(), run(), run()];
    process.stdout.write(`\nmlreg run (3 seeds of configs/head.yaml, baseline pooled from the history), wall time, median of 5\n`);
    process.stdout.write(`  with 50 prior results per metric:    ${median(fifty).toFixed(0)} ms   (${pooledFifty})\n`);
    process.stdout.write(
      `  with 5,000 prior results per metric: ${median(thousands).toFixed(0)} ms   ratio to 50: ${(median(thousands) / median(fifty)).toFixed(2)}   (${pooled})\n`,
    );

    // mlreg history after one more run: searched whole (its caches dropped) and with the caches the history before it left.
    const history = () => {
      const started = performance.now();
      execFileSync('node', [join(repoRoot, 'bin/mlreg.js'), 'history', '--json'], { cwd: dir, stdio: 'pipe', maxBuffer: 1 << 28 });
      return performance.now() - started;
    };
    const dropCaches = () => {
      const db = new Database(join(dir, '.mlreg/history.db'));
      db.exec('DELETE FROM change_point_caches');
      db.close();
    };
    const whole: number[] = [];
    const cached: number[] = [];
    for (let i = 0; i < 5; i++) {
      history();
      run();
      dropCaches();
      whole.push(history());
      dropCaches();
      history();
      run();
      cached.push(history());
    }
    const metrics = Object.keys(levels).length;
    process.stdout.write(`\nmlreg history after one more run (${metrics} series of about 5,000 points), wall time, median of 5\n`);
    process.stdout.write(`  every series searched whole:       ${median(whole).toFixed(0)} ms\n`);
    process.stdout.write(`  with the caches the last one left: ${median(cached).toFixed(0)} ms   ratio ${(median(cached) / median(whole)).toFixed(2)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Mean and standard deviation of each metric's samples in a baseline file: the level injected results are drawn at. */
function baselineLevels(file: string): Record<string, { mean: number; sd: number }> {
  const { metrics } = JSON.parse(readFileSync(file, 'utf8')) as { metrics: Record<string, { samples: number[] }> };
  return Object.fromEntries(
    Object.entries(metrics).map(([metric, { samples }]) => {
      const mean = samples.reduce((sum, value) => sum + value, 0) / samples.length;
      const sd = Math.sqrt(samples.reduce((sum, value) => sum + (value - mean) ** 2, 0) / Math.max(1, samples.length - 1));
      return [metric, { mean, sd }];
    }),
  );
}

/**
 * Appends `count` earlier passing results of config head to the history file, hours from
 * 2020-01-01 + `offset`: per metric a candidate mean and three candidate runs drawn at the
 * baseline's level, so the series has no change point and the pooled baseline reads its runs.
 */
function injectHistory(file: string, count: number, offset: number, levels: Record<string, { mean: number; sd: number }>): void {
  const db = new Database(file);
  const { fingerprint, document } = db.prepare('SELECT fingerprint, document FROM invocations ORDER BY id DESC LIMIT 1').get() as { fingerprint: string; document: string };
  const addInvocation = db.prepare(
    `INSERT INTO invocations (created_at, kind, suite, suite_run, config, config_file, fingerprint, git_commit, verdict, exit_code, document)
     VALUES (?, 'run', NULL, NULL, 'head', 'configs/head.yaml', ?, NULL, 'pass', 0, ?)`,
  );
  const addComparison = db.prepare(
    `INSERT INTO comparisons (invocation_id, config, metric, direction, verdict, baseline_mean, candidate_mean, candidate_sd, candidate_n, p_value, prob_better)
     VALUES (?, 'head', ?, 'lower', 'pass', ?, ?, ?, 3, 0.5, 0.5)`,
  );
  const addRun = db.prepare(`INSERT INTO runs (invocation_id, arm, seed, status, reason, metrics, duration_ms) VALUES (?, 'candidate', ?, 'ok', NULL, ?, 1000)`);
  const random = createRandom(5 + offset);
  const draw = (metric: string) => levels[metric]!.mean + levels[metric]!.sd * random.normal();
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const { lastInsertRowid } = addInvocation.run(new Date(Date.UTC(2020, 0, 1) + (offset + i) * 3_600_000).toISOString(), fingerprint, document);
      const id = Number(lastInsertRowid);
      const runs = [0, 1, 2].map(() => Object.fromEntries(Object.keys(levels).map((metric) => [metric, draw(metric)])));
      for (const metric of Object.keys(levels)) {
        const values = runs.map((run) => run[metric]!);
        addComparison.run(id, metric, levels[metric]!.mean, values.reduce((sum, value) => sum + value, 0) / 3, levels[metric]!.sd);
      }
      runs.forEach((metrics, seed) => addRun.run(id, seed, JSON.stringify(metrics)));
    }
  })();
  db.close();
}
