/**
 * Monte Carlo runs of `run --sequential` with learning-curve evidence on simulated curves, for the
 * benchmark (scripts/bench-sequential.ts) and the calibration test. Seeded: a seed reproduces
 * every number.
 *
 * Curve model, in standard deviations of the metric at each step (ranks at a step do not depend
 * on the mean curve, so it is left out): run i's value at point p is
 *   shift(p) + ρ·zᵢ + √(1 − ρ²)·eᵢ(p),
 * zᵢ a per-run level (a seed that trains well stays good) and eᵢ a stationary AR(1) with
 * coefficient φ (neighbouring evaluations are alike). Lower is better; shift > 0 is worse.
 */

import { createRandom, type Random } from '../../stats/random.js';
import type { CurvePoint } from '../../curves/index.js';
import { sequentialComparison } from '../comparison.js';
import { sequentialCurveRule } from '../curve-rule.js';
import type { SequentialVerdict } from '../types.js';

export interface CurveScenario {
  /** Evaluations per run, at steps stepSize, 2·stepSize, … */
  points: number;
  stepSize: number;
  /** Correlation of a run's values through its per-run level. */
  runCorrelation: number;
  /** AR(1) coefficient of the rest. */
  autocorrelation: number;
  /** The candidate's shift at fraction t ∈ (0, 1] of training, in sds. */
  shift: (t: number) => number;
}

export interface CurveDesign {
  baselineSize: number;
  maxRuns: number;
  minRuns?: number;
  /** Candidate runs trained at once. */
  concurrency: number;
  alpha: number;
  /** Share of alpha spent on the curves; 0: final values only (no curve rule). */
  alphaShare: number;
  checkpoints?: number[];
}

export interface CurveDesignOutcome {
  reps: number;
  /** Verdicts; a curve stop counts as `regression`. */
  verdicts: Record<SequentialVerdict, number>;
  /** Decisions the curve rule made (a subset of the regressions). */
  curveStops: number;
  /** Candidate runs started, and steps trained by the candidate arm (finished or stopped), per repetition. */
  runs: Int32Array;
  steps: Float64Array;
}

/** One simulated run's curve. */
function simulateCurve(scenario: CurveScenario, random: Random, worse: boolean): CurvePoint[] {
  const { points, stepSize, runCorrelation: rho, autocorrelation: phi } = scenario;
  const level = rho * random.normal();
  const scale = Math.sqrt(1 - rho * rho);
  const innovation = Math.sqrt(1 - phi * phi);
  let noise = random.normal();
  const curve: CurvePoint[] = [];
  for (let p = 1; p <= points; p++) {
    if (p > 1) noise = phi * noise + innovation * random.normal();
    curve.push({ step: p * stepSize, value: (worse ? scenario.shift(p / points) : 0) + level + scale * noise });
  }
  return curve;
}

/**
 * Repeats the design `reps` times: a fresh baseline of curves, then candidate runs launched
 * `concurrency` at a time and advanced one evaluation per tick together, each point fed to the
 * curve rule (alpha · alphaShare) and each finished run's last value to the final-value rule
 * (alpha · (1 − alphaShare)), until either decides or maxRuns ran. Steps trained count every
 * started run up to its last evaluation.
 */
export function simulateCurveDesign(scenario: CurveScenario, design: CurveDesign, reps: number, seed: number): CurveDesignOutcome {
  const random = createRandom(seed);
  const verdicts: Record<SequentialVerdict, number> = { regression: 0, improvement: 0, suspicious: 0, equivalent: 0, inconclusive: 0, continue: 0 };
  const runs = new Int32Array(reps);
  const steps = new Float64Array(reps);
  let curveStops = 0;
  const finalAlpha = design.alpha * (1 - design.alphaShare);
  for (let rep = 0; rep < reps; rep++) {
    const baseline = Array.from({ length: design.baselineSize }, () => simulateCurve(scenario, random, false));
    const finals = sequentialComparison(
      baseline.map((curve) => curve.at(-1)!.value),
      {
        direction: 'lower',
        alpha: finalAlpha,
        maxRuns: design.maxRuns,
        ...(design.minRuns === undefined ? {} : { minRuns: design.minRuns }),
      },
    );
    const curves =
      design.alphaShare > 0
        ? sequentialCurveRule(
            { value: { direction: 'lower', baseline } },
            {
              alpha: design.alpha * design.alphaShare,
              maxRuns: design.maxRuns,
              ...(design.minRuns === undefined ? {} : { minRuns: design.minRuns }),
              ...(design.checkpoints === undefined ? {} : { checkpoints: design.checkpoints }),
            },
          )
        : null;
    const active: Array<{ seed: number; curve: CurvePoint[]; at: number }> = [];
    let launched = 0;
    let trained = 0;
    let verdict: SequentialVerdict = 'continue';
    const launch = () => {
      while (active.length < design.concurrency && launched < design.maxRuns) {
        active.push({ seed: launched, curve: simulateCurve(scenario, random, true), at: 0 });
        launched += 1;
      }
    };
    launch();
    while (verdict === 'continue' && active.length > 0) {
      // One tick: every active run streams its next evaluation.
      for (const run of [...active]) {
        const point = run.curve[run.at]!;
        run.at += 1;
        trained += scenario.stepSize;
        if (curves?.add(run.seed, { step: point.step, values: { value: point.value } })) {
          verdict = 'regression';
          curveStops += 1;
          break;
        }
        if (run.at === run.curve.length) {
          active.splice(active.indexOf(run), 1);
          const step = finals.add(point.value);
          if (step.done) {
            verdict = step.verdict;
            break;
          }
        }
      }
      if (verdict === 'continue') launch();
    }
    if (verdict === 'continue') verdict = 'inconclusive';
    verdicts[verdict] += 1;
    runs[rep] = launched;
    steps[rep] = trained;
  }
  return { reps, verdicts, curveStops, runs, steps };
}
