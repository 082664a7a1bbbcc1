/**
 * The learning-curve cells of `npm run bench:sequential`: simulated curves (src/sequential/
 * benchmark/curves.ts) under `run --sequential` with final values only and with
 * `sequential.curves`, against a baseline of 20 runs. Per cell: the false-alarm rate, the rate of
 * `regression`, the mean candidate runs and steps trained (in whole runs: GPU-hours), and the
 * fixed-N Welch design on final values with the same rate. Seeded.
 */

import { simulateCurveDesign, type CurveScenario } from '../src/sequential/benchmark/curves.js';
import { DISTRIBUTIONS } from '../src/sequential/benchmark/distributions.js';
import { fixedNMatching } from '../src/sequential/benchmark/simulate.js';
import { DEFAULT_ALPHA } from '../src/model/defaults.js';
import { DEFAULT_MAX_RUNS } from '../src/sequential/options.js';

const BASELINE_SIZE = 20;
const CONCURRENCY = 4;
const POINTS = 20;
const MAX_TARGET = 0.99;

interface CurveCell {
  label: string;
  /** The candidate's shift at fraction t of training, in sds; `final` is its value at the end. */
  shift: (t: number) => number;
  final: number;
}

const CURVE_CELLS: CurveCell[] = [
  { label: 'A/A', shift: () => 0, final: 0 },
  { label: 'worse by 1 sd throughout', shift: () => 1, final: 1 },
  { label: 'worse by 2 sd throughout', shift: () => 2, final: 2 },
  { label: 'worse by 1 sd, growing from 0 (late)', shift: (t) => t, final: 1 },
];

const DESIGNS = [
  { label: 'final values', alphaShare: 0 },
  { label: 'curves (share 0.5)', alphaShare: 0.5 },
];

export interface CurveBenchResult {
  table: string[];
  checks: string[];
  description: string[];
}

/** Runs the curve cells with `reps` repetitions per A/A cell and `shiftReps` per shifted cell. */
export function runCurveCells(nullReps: number, shiftReps: number, fixedReps: number): CurveBenchResult {
  const scenarioBase = { points: POINTS, stepSize: 1, runCorrelation: 0.6, autocorrelation: 0.8 };
  const normal = DISTRIBUTIONS.find((distribution) => distribution.name === 'normal')!;
  const table = [
    '| candidate curve | design | false alarm | regression rate | mean runs | mean GPU-hours (runs trained) | fixed-N Welch, same rate | GPU-hours ÷ fixed-N |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const checks: string[] = [];
  CURVE_CELLS.forEach((cell, c) => {
    DESIGNS.forEach((design, d) => {
      const scenario: CurveScenario = { ...scenarioBase, shift: cell.shift };
      const reps = cell.final === 0 ? nullReps : shiftReps;
      const outcome = simulateCurveDesign(
        scenario,
        {
          baselineSize: BASELINE_SIZE,
          maxRuns: DEFAULT_MAX_RUNS,
          concurrency: CONCURRENCY,
          alpha: DEFAULT_ALPHA,
          alphaShare: design.alphaShare,
        },
        reps,
        50_000 + 100 * c + d,
      );
      const alarms = (outcome.verdicts.regression + outcome.verdicts.improvement + outcome.verdicts.suspicious) / reps;
      const rate = outcome.verdicts.regression / reps;
      const runs = mean(outcome.runs);
      const gpu = mean(outcome.steps) / POINTS;
      let fixed = '—';
      let ratio = '—';
      if (cell.final > 0) {
        const match = fixedNMatching(
          { distribution: normal, baselineSize: BASELINE_SIZE, shift: cell.final },
          'regression',
          Math.min(rate, MAX_TARGET),
          DEFAULT_ALPHA,
          fixedReps,
          60_000 + 100 * c + d,
        );
        fixed = match.n === null ? `> 400 (${match.rate.toFixed(3)} at 400)` : String(match.n);
        if (match.n !== null) ratio = (gpu / match.n).toFixed(2);
      } else {
        const limit = DEFAULT_ALPHA + 2 * Math.sqrt((DEFAULT_ALPHA * (1 - DEFAULT_ALPHA)) / reps);
        checks.push(
          `- ${alarms <= limit ? 'PASS' : 'FAIL'}: curves A/A (${design.label}): false alarms ${alarms.toFixed(4)} ≤ α + 2 MC standard errors (${limit.toFixed(4)}); the curve rule alone stopped ${(outcome.curveStops / reps).toFixed(4)} of them (its share: ${(DEFAULT_ALPHA * design.alphaShare).toFixed(3)}).`,
        );
      }
      table.push(
        `| ${cell.label} | ${design.label} | ${cell.final === 0 ? alarms.toFixed(4) : '—'} | ${rate.toFixed(3)} | ${runs.toFixed(1)} | ${gpu.toFixed(1)} | ${fixed} | ${ratio} |`,
      );
    });
  });
  const description = [
    `Curves: ${POINTS} evaluations per run; a run's value at each is shift(t) + 0.6·z + 0.8·AR(1, φ = 0.8) noise in sds (a per-run level and correlated neighbouring evaluations); baseline of ${BASELINE_SIZE} runs, maxRuns ${DEFAULT_MAX_RUNS}, ${CONCURRENCY} candidate runs training at once, α = ${DEFAULT_ALPHA}, checkpoints at 10%, 25%, 50%.`,
    `GPU-hours are the steps the candidate arm trained (finished runs, and stopped runs up to their last evaluation) in whole runs; the fixed-N design trains N whole runs. Repetitions: ${nullReps} per A/A cell, ${shiftReps} per shifted cell, ${fixedReps} per fixed-N evaluation.`,
  ];
  return { table, checks, description };
}

function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return sum / values.length;
}
