/**
 * Benchmark of the sequential decision rule (npm run bench:sequential): simulated A/A and shifted
 * candidates over six metric distributions, against a baseline of 20 runs. Per cell it prints the
 * false-alarm rate, the rate of the expected verdict, the mean and 90th percentile of candidate
 * seeds used, and the fixed-N Welch design that reaches the same rate; then writes the table into
 * docs/sequential.md. Seeded: the same command prints the same numbers.
 *
 * A second table simulates seed effects (the runs of one seed correlate across the arms) and
 * compares the independent and the paired (by seed) designs: false alarms per correlation, seeds
 * and steps trained to a verdict, against the fixed-N Welch design at the same power.
 *
 * Options: --quick (a quarter of the repetitions, for a smoke run), --no-write (print only),
 * --only distributions | seeds | curves (one table).
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DISTRIBUTIONS, type Distribution } from '../src/sequential/benchmark/distributions.js';
import { fixedNMatching, simulateSequential, type Scenario, type SequentialOutcome } from '../src/sequential/benchmark/simulate.js';
import { DEFAULT_ALPHA } from '../src/model/defaults.js';
import { DEFAULT_MAX_RUNS, DEFAULT_MIN_RUNS, DEFAULT_SPENDING } from '../src/sequential/options.js';
import { runCurveCells } from './bench-sequential-curves.js';

const BASELINE_SIZE = 20;
const ALPHA = DEFAULT_ALPHA;
const quick = process.argv.includes('--quick');
const scale = quick ? 0.25 : 1;
const NULL_REPS = Math.round(4000 * scale);
const SHIFT_REPS = Math.round(2000 * scale);
const FIXED_REPS = Math.round(8000 * scale);
/** Equal power is sought up to this rate: beyond it the fixed-N search chases Monte Carlo noise. */
const MAX_TARGET = 0.99;

type Outcome = 'false alarm' | 'regression' | 'equivalent' | 'suspicious';

interface Cell {
  label: string;
  shift: number;
  rope?: number;
  outcome: Outcome;
  reps: number;
  /** Whether to look for the fixed-N design with the same rate. */
  compare: boolean;
}

const CELLS: Cell[] = [
  { label: 'A/A', shift: 0, outcome: 'false alarm', reps: NULL_REPS, compare: false },
  { label: 'A/A', shift: 0, rope: 1, outcome: 'equivalent', reps: NULL_REPS, compare: true },
  { label: 'worse by the ROPE', shift: 1, rope: 1, outcome: 'equivalent', reps: NULL_REPS, compare: false },
  { label: 'worse by 0.5 sd', shift: 0.5, outcome: 'regression', reps: SHIFT_REPS, compare: true },
  { label: 'worse by 1 sd', shift: 1, outcome: 'regression', reps: SHIFT_REPS, compare: true },
  { label: 'worse by 2 sd', shift: 2, outcome: 'regression', reps: SHIFT_REPS, compare: true },
  { label: 'better by 5 sd', shift: -5, outcome: 'suspicious', reps: SHIFT_REPS, compare: false },
];

/**
 * Seed effects (normal metric): every seed has a shared component, so the runs of one seed in the
 * two arms correlate ρ. Each design runs the candidate on seeds 0, 1, 2, … against a 20-run
 * baseline of seeds 0 … 19; `independent` compares the arms as independent samples (as before
 * pairing), `paired` compares them by seed. One row per cell: add designs (e.g. curve-based early
 * stopping) by adding rows with their own `simulate`.
 */
interface SeedCell {
  design: string;
  /** Within-pair correlation, or `identical` runs at every seed. */
  correlation: number | 'identical';
  shift: number;
  outcome: Outcome;
  reps: number;
  /** Steps one run trains to its end; a design that stops runs early reports fewer via `simulate`. */
  stepsPerRun: number;
  simulate(scenario: Scenario, reps: number, seed: number): { outcome: SequentialOutcome; steps?: Float64Array };
}

/** Simulated trainers train this many steps per run: GPU-hours are steps trained. */
const STEPS_PER_RUN = 1000;
const FINAL_VALUE = (paired: boolean) => (scenario: Scenario, reps: number, seed: number) => ({ outcome: simulateSequential({ ...scenario, paired }, {}, reps, seed) });

const SEED_CELLS: SeedCell[] = (['independent', 'paired'] as const).flatMap((design) =>
  ([0, 0.5, 0.9, 'identical'] as const).flatMap((correlation): SeedCell[] => {
    const base = { design, correlation, stepsPerRun: STEPS_PER_RUN, simulate: FINAL_VALUE(design === 'paired') };
    const aa: SeedCell = { ...base, shift: 0, outcome: 'false alarm', reps: NULL_REPS };
    return correlation === 'identical' ? [aa] : [aa, { ...base, shift: 1, outcome: 'regression', reps: SHIFT_REPS }];
  }),
);

interface SeedRow {
  cell: SeedCell;
  falseAlarm: number | null;
  rate: number;
  meanRuns: number;
  p90Runs: number;
  meanSteps: number;
  fixedN: number | null;
}

/** Runs one seed-effects cell; shifted cells look for the fixed-N independent Welch design (same seeds 0 … N − 1) with the same power. */
function runSeedCell(cell: SeedCell, seed: number): SeedRow {
  const scenario: Scenario = {
    distribution: DISTRIBUTIONS[0]!,
    baselineSize: BASELINE_SIZE,
    shift: cell.shift,
    seedEffects: cell.correlation === 'identical' ? 'identical' : { rho: cell.correlation },
  };
  const { outcome, steps } = cell.simulate(scenario, cell.reps, seed);
  const { verdicts } = outcome;
  const alarms = (verdicts.regression + verdicts.improvement + verdicts.suspicious) / outcome.reps;
  const rate = cell.outcome === 'false alarm' ? alarms : verdicts[cell.outcome as 'regression'] / outcome.reps;
  const { mean, p90 } = seedStats(outcome.runs);
  const meanSteps = steps ? steps.reduce((a, b) => a + b, 0) / steps.length : mean * cell.stepsPerRun;
  let fixedN: number | null = null;
  if (cell.outcome === 'regression') {
    fixedN = fixedNMatching(scenario, 'regression', Math.min(rate, MAX_TARGET), ALPHA, FIXED_REPS, seed + 7919).n;
  }
  return { cell, falseAlarm: cell.shift === 0 ? alarms : null, rate, meanRuns: mean, p90Runs: p90, meanSteps, fixedN };
}

function formatSeedRow(row: SeedRow): string {
  const correlation = row.cell.correlation === 'identical' ? 'identical runs' : String(row.cell.correlation);
  const candidate = row.cell.shift === 0 ? 'A/A' : `worse by ${row.cell.shift} sd`;
  const falseAlarm = row.falseAlarm === null ? '—' : row.falseAlarm.toFixed(4);
  const fixed = row.fixedN === null ? (row.cell.outcome === 'regression' ? '> 400' : '—') : String(row.fixedN);
  const ratio = row.fixedN === null ? '—' : (row.meanRuns / row.fixedN).toFixed(2);
  const stepsRatio = row.fixedN === null ? '—' : (row.meanSteps / (row.fixedN * row.cell.stepsPerRun)).toFixed(2);
  return `| ${row.cell.design} | ${correlation} | ${candidate} | ${falseAlarm} | ${row.cell.outcome}: ${row.rate.toFixed(3)} | ${row.meanRuns.toFixed(1)} | ${row.p90Runs} | ${Math.round(row.meanSteps)} | ${fixed} | ${ratio} | ${stepsRatio} |`;
}

const SEED_HEADER = [
  '| design | within-pair correlation | candidate | false alarm | decided as: rate | mean seeds | p90 seeds | mean steps trained | fixed-N Welch, same rate | seeds ÷ fixed-N | steps ÷ fixed-N |',
  '| --- | --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
];

/** The seed-effects claims: A/A at α in every cell, and the paired design's cost at ρ = 0.5. */
function seedChecks(rows: SeedRow[]): string[] {
  const limit = ALPHA + 2 * standardError(ALPHA, NULL_REPS);
  const lines: string[] = [];
  for (const design of new Set(rows.map((row) => row.cell.design))) {
    const nullRows = rows.filter((row) => row.cell.design === design && row.falseAlarm !== null);
    const worst = Math.max(...nullRows.map((row) => row.falseAlarm ?? 0));
    const all = nullRows.every((row) => (row.falseAlarm ?? 0) <= limit);
    lines.push(
      `- ${all ? 'PASS' : 'FAIL'}: ${design}, A/A false alarms ≤ α + 2 MC standard errors (${limit.toFixed(4)}) at correlations ${nullRows.map((row) => String(row.cell.correlation)).join(', ')}; the highest is ${worst.toFixed(4)}.`,
    );
  }
  const paired = rows.find((row) => row.cell.design === 'paired' && row.cell.correlation === 0.5 && row.cell.shift === 1);
  if (paired?.fixedN) {
    const ratio = paired.meanRuns / paired.fixedN;
    lines.push(
      `- ${ratio <= 0.5 ? 'PASS' : 'FAIL'}: paired, correlation 0.5, 1 sd worse: ${paired.meanRuns.toFixed(1)} candidate seeds on average against ${paired.fixedN} for the fixed-N independent Welch design at the same power (${paired.rate.toFixed(3)}): ${ratio.toFixed(2)}× (bar: ≤ 0.5×).`,
    );
  }
  return lines;
}

interface Row {
  distribution: string;
  cell: Cell;
  falseAlarm: number | null;
  rate: number;
  meanRuns: number;
  p90Runs: number;
  fixedN: number | null;
  fixedNote: string;
}

/** Mean and 90th percentile (nearest rank) of the seeds used. */
function seedStats(runs: Int32Array): { mean: number; p90: number } {
  const sorted = Int32Array.from(runs).sort();
  const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
  return { mean, p90: sorted[Math.ceil(0.9 * sorted.length) - 1] ?? Number.NaN };
}

/** Runs one cell of the table. */
function runCell(distribution: Distribution, cell: Cell, seed: number): Row {
  const scenario: Scenario = {
    distribution,
    baselineSize: BASELINE_SIZE,
    shift: cell.shift,
    ...(cell.rope === undefined ? {} : { rope: cell.rope }),
  };
  const outcome = simulateSequential(scenario, {}, cell.reps, seed);
  const { verdicts } = outcome;
  const alarms = (verdicts.regression + verdicts.improvement + verdicts.suspicious) / outcome.reps;
  const rate = cell.outcome === 'false alarm' ? alarms : verdicts[cell.outcome] / outcome.reps;
  const { mean, p90 } = seedStats(outcome.runs);
  let fixedN: number | null = null;
  let fixedNote = '—';
  if (cell.compare && (cell.outcome === 'regression' || cell.outcome === 'equivalent')) {
    const target = Math.min(rate, MAX_TARGET);
    const match = fixedNMatching(scenario, cell.outcome, target, ALPHA, FIXED_REPS, seed + 7919);
    fixedN = match.n;
    fixedNote = match.n === null ? `> 400 (${match.rate.toFixed(3)} at 400)` : String(match.n);
  }
  return { distribution: distribution.name, cell, falseAlarm: cell.shift === 0 ? alarms : null, rate, meanRuns: mean, p90Runs: p90, fixedN, fixedNote };
}

/** Standard error of a rate estimated from `reps` repetitions. */
function standardError(rate: number, reps: number): number {
  return Math.sqrt((rate * (1 - rate)) / reps);
}

function formatRow(row: Row): string {
  const ratio = row.fixedN === null ? '—' : (row.meanRuns / row.fixedN).toFixed(2);
  const rope = row.cell.rope === undefined ? '—' : `±${row.cell.rope} sd`;
  const falseAlarm = row.falseAlarm === null ? '—' : row.falseAlarm.toFixed(4);
  return `| ${row.distribution} | ${row.cell.label} | ${rope} | ${falseAlarm} | ${row.cell.outcome}: ${row.rate.toFixed(3)} | ${row.meanRuns.toFixed(1)} | ${row.p90Runs} | ${row.fixedNote} | ${ratio} |`;
}

/** The claims the benchmark must show, each with its outcome. */
function checks(rows: Row[]): string[] {
  const lines: string[] = [];
  const nullRows = rows.filter((row) => row.falseAlarm !== null);
  const worst = nullRows.reduce((a, b) => ((a.falseAlarm ?? 0) >= (b.falseAlarm ?? 0) ? a : b));
  const limit = ALPHA + 2 * standardError(ALPHA, NULL_REPS);
  const allBelow = nullRows.every((row) => (row.falseAlarm ?? 0) <= limit);
  lines.push(
    `- ${allBelow ? 'PASS' : 'FAIL'}: A/A false-alarm rate ≤ α + 2 MC standard errors (${limit.toFixed(4)}) in every cell; the highest is ${worst.falseAlarm?.toFixed(4)} (${worst.distribution}, ${worst.cell.rope === undefined ? 'no ROPE' : 'with ROPE'}).`,
  );
  const equivalenceRows = rows.filter((row) => row.cell.label === 'worse by the ROPE');
  const falseEquivalence = Math.max(...equivalenceRows.map((row) => row.rate));
  lines.push(
    `- ${falseEquivalence <= limit ? 'PASS' : 'FAIL'}: false \`equivalent\` at a true shift of exactly the ROPE ≤ α + 2 MC standard errors in every cell; the highest is ${falseEquivalence.toFixed(4)}.`,
  );
  const normalOneSd = rows.find((row) => row.distribution === 'normal' && row.cell.label === 'worse by 1 sd');
  if (normalOneSd?.fixedN) {
    const ratio = normalOneSd.meanRuns / normalOneSd.fixedN;
    lines.push(
      `- ${ratio <= 0.6 ? 'PASS' : 'FAIL'}: normal, 1 sd worse: ${normalOneSd.meanRuns.toFixed(1)} seeds on average against ${normalOneSd.fixedN} for fixed-N Welch at the same power (${normalOneSd.rate.toFixed(3)}): ${(100 * ratio).toFixed(0)}% (bar: ≤ 60%).`,
    );
  }
  for (const label of ['worse by 2 sd', 'A/A']) {
    // A fixed design that cannot reach the rate within 400 seeds counts as needing more.
    const compared = rows.filter((row) => row.cell.label === label && row.cell.compare);
    const fewer = compared.filter((row) => row.fixedN === null || row.meanRuns < row.fixedN);
    const what = label === 'A/A' ? 'clear equivalence (A/A with a ±1 sd ROPE)' : 'a 2 sd shift';
    const normal = compared.find((row) => row.distribution === 'normal');
    const normalFewer = normal !== undefined && fewer.includes(normal);
    lines.push(`- ${normalFewer ? 'PASS' : 'FAIL'}: fewer seeds than fixed-N for ${what} on normal data; in ${fewer.length} of ${compared.length} distributions overall.`);
  }
  return lines;
}

/** Replaces the generated section between `<!-- NAME:start -->` and `<!-- NAME:end -->` of docs/sequential.md. */
function writeSection(name: string, lines: string[]): void {
  const path = fileURLToPath(new URL('../docs/sequential.md', import.meta.url));
  const doc = readFileSync(path, 'utf8');
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${path}: expected the markers ${start} and ${end}, found none`);
  writeFileSync(path, doc.slice(0, from) + [start, '', ...lines, '', end].join('\n') + doc.slice(to + end.length));
}

const spending = typeof DEFAULT_SPENDING === 'string' ? DEFAULT_SPENDING : `Hwang–Shih–DeCani γ = ${DEFAULT_SPENDING.hsd}`;

/** The table over six distributions, independent runs. */
function distributionTable(): { lines: string[]; seconds: number } {
  const started = Date.now();
  const header = [
    '| distribution | candidate | ROPE | false alarm | decided as: rate | mean seeds | p90 seeds | fixed-N Welch, same rate | mean ÷ fixed-N |',
    '| --- | --- | --- | ---: | --- | ---: | ---: | ---: | ---: |',
  ];
  console.log(header.join('\n'));
  const rows: Row[] = [];
  DISTRIBUTIONS.forEach((distribution, d) => {
    CELLS.forEach((cell, c) => {
      const row = runCell(distribution, cell, 1_000 * (d + 1) + c);
      rows.push(row);
      console.log(formatRow(row));
    });
  });
  const checkLines = checks(rows);
  console.log(`\n${checkLines.join('\n')}`);
  const seconds = (Date.now() - started) / 1000;
  const lines = [
    `Design: baseline of ${BASELINE_SIZE} runs, α = ${ALPHA}, minRuns ${DEFAULT_MIN_RUNS}, maxRuns ${DEFAULT_MAX_RUNS}, spending ${spending}; metric lower-is-better, shifts in the distribution's standard deviations.`,
    `Repetitions: ${NULL_REPS} per A/A and ROPE cell, ${SHIFT_REPS} per shifted cell, ${FIXED_REPS} per fixed-N evaluation (Monte Carlo standard error of a 0.05 rate: ${standardError(ALPHA, NULL_REPS).toFixed(4)}). Generated by \`npm run bench:sequential\` in ${seconds.toFixed(0)} s.`,
    '',
    ...header,
    ...rows.map(formatRow),
    '',
    ...checkLines,
  ];
  return { lines, seconds };
}

/** The seed-effects table: independent and paired designs (and any design added to SEED_CELLS). */
function seedTable(): { lines: string[]; seconds: number } {
  const started = Date.now();
  console.log(`\n${SEED_HEADER.join('\n')}`);
  const rows = SEED_CELLS.map((cell, c) => {
    const row = runSeedCell(cell, 50_000 + 100 * c);
    console.log(formatSeedRow(row));
    return row;
  });
  const checkLines = seedChecks(rows);
  console.log(`\n${checkLines.join('\n')}`);
  const seconds = (Date.now() - started) / 1000;
  const lines = [
    `Design: normal metric, baseline of ${BASELINE_SIZE} runs on seeds 0 … ${BASELINE_SIZE - 1}, candidate on seeds 0, 1, 2, …, α = ${ALPHA}, minRuns ${DEFAULT_MIN_RUNS}, maxRuns ${DEFAULT_MAX_RUNS} (paired: at most the ${BASELINE_SIZE} baseline seeds), spending ${spending}; ${STEPS_PER_RUN} steps per run.`,
    `Repetitions: ${NULL_REPS} per A/A cell, ${SHIFT_REPS} per shifted cell, ${FIXED_REPS} per fixed-N evaluation. Generated by \`npm run bench:sequential\` in ${seconds.toFixed(0)} s.`,
    '',
    ...SEED_HEADER,
    ...rows.map(formatSeedRow),
    '',
    ...checkLines,
  ];
  return { lines, seconds };
}

/** `--only distributions`, `seeds` or `curves` runs one table (and writes only its section). */
function main(): void {
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
  const write = !process.argv.includes('--no-write') && !quick;
  if (only === undefined || only === 'distributions') {
    const table = distributionTable();
    console.log(`\n${table.seconds.toFixed(0)} s`);
    if (write) writeSection('bench:sequential', table.lines);
  }
  if (only === undefined || only === 'seeds') {
    const table = seedTable();
    console.log(`\n${table.seconds.toFixed(0)} s`);
    if (write) writeSection('bench:sequential-seeds', table.lines);
  }
  if (only === undefined || only === 'curves') {
    const started = Date.now();
    const curves = runCurveCells(Math.round(NULL_REPS / 2), Math.round(SHIFT_REPS / 4), FIXED_REPS);
    const seconds = (Date.now() - started) / 1000;
    console.log(`\n${[...curves.table, '', ...curves.checks].join('\n')}\n\n${seconds.toFixed(0)} s`);
    if (write)
      writeSection('bench:sequential:curves', [
        ...curves.description,
        `Generated by \`npm run bench:sequential\` (\`--only curves\`) in ${seconds.toFixed(0)} s.`,
        '',
        ...curves.table,
        '',
        ...curves.checks,
      ]);
  }
}

main();
