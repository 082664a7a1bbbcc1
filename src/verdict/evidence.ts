import { bootstrapDifferences } from '../stats/bootstrap-bca.js';
import { compareMeansBayes } from '../stats/bayes-means.js';
import { brownForsytheTest } from '../stats/brown-forsythe.js';
import { cliffsDelta } from '../stats/cliffs-delta.js';
import { describe } from '../stats/describe.js';
import { hedgesG } from '../stats/hedges-g.js';
import { kolmogorovSmirnovTest } from '../stats/kolmogorov-smirnov.js';
import { mannWhitneyTest } from '../stats/mann-whitney.js';
import { permutationTests } from '../stats/permutation.js';
import { probVarianceLower } from '../stats/variance-posterior.js';
import { welchTest } from '../stats/welch.js';
import type { DecisionInput } from './decide.js';
import { comparePairedMeansBayes } from '../stats/bayes-paired.js';
import { pairedPermutationTest } from '../stats/paired-permutation.js';
import { pairedTTest } from '../stats/paired-t.js';
import { wilcoxonSignedRankTest } from '../stats/wilcoxon-signed-rank.js';
import type { PairedTests } from '../model/comparison.js';
import { describePairing, matchBySeed, minimumPairs } from './pairing.js';
import type { Pairing } from '../model/evidence.js';
import { runPrimaryTest } from './primary-test.js';
import type { PrimaryTest } from '../model/evidence.js';
import { resolveRope } from './rope.js';
import { assessSuspicion } from './suspicion.js';
import { sampleShape } from '../stats/shape.js';
import type { CompareOptions } from './types.js';
import { assessVariance } from './variance.js';
import { DEFAULT_ALPHA, SUSPICIOUS_LEVEL } from '../model/defaults.js';

/** Options of `compareSamples` beyond PRODUCT.md's: a metric name, a seed, and switches for costly extras. */
export interface CompareSamplesOptions extends CompareOptions {
  /** Name reported as `metric` (default "metric"). */
  metric?: string | undefined;
  /** Seed of the Monte Carlo permutation and the bootstrap (default 0): equal inputs give equal outputs. */
  seed?: number | undefined;
  /** Compute the BCa bootstrap intervals (default true). */
  bootstrap?: boolean | undefined;
  /**
   * How many tests are decided together with this one (a run's metrics, a suite's configs ×
   * metrics; default 1): runs are paired by seed only when the paired test can still be
   * significant after the family's adjustment (minimumPairs).
   */
  familySize?: number | undefined;
}

/** All tests, estimates and decision inputs for one metric, before any verdict. */
export function gatherEvidence(baseline: readonly number[], candidate: readonly number[], options: CompareSamplesOptions): DecisionInput {
  validate(baseline, candidate, options);
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  const seed = options.seed ?? 0;
  const base = describe(baseline);
  const cand = describe(candidate);
  const rope = resolveRope(options.rope, base);
  const brownForsythe = brownForsytheTest(baseline, candidate);
  const probCandidateVarianceLower = probVarianceLower(baseline, candidate);
  const permutations = permutationTests(baseline, candidate, { seed }, true);
  const metric = options.metric ?? 'metric';
  const matched = options.seeds ? matchBySeed(baseline, candidate, options.seeds, metric) : null;
  const pairing: Pairing | null = matched ? describePairing(matched, minimumPairs(alpha, options.familySize)) : null;
  const paired = matched && pairing?.paired ? pairedTests(matched.baseline, matched.candidate, options.direction, rope, seed) : null;
  const primary = paired ? pairedPrimary(paired, baseline, candidate) : runPrimaryTest(baseline, candidate, alpha, () => permutations.welch!);
  const ks = kolmogorovSmirnovTest(baseline, candidate);
  const evidence: DecisionInput = {
    metric,
    direction: options.direction,
    baseline: base,
    candidate: cand,
    tests: {
      welch: welchTest(baseline, candidate),
      mannWhitney: mannWhitneyTest(baseline, candidate),
      brownForsythe,
      ks: { statistic: ks.statistic, pValue: ks.pValue },
      bayes: { ...compareMeansBayes(baseline, candidate, options.direction, rope.halfWidth), rope: { halfWidth: rope.halfWidth, source: rope.source } },
      permutation: permutations.meanDifference,
      ...(paired ? { paired } : {}),
    },
    ...(pairing ? { paired: pairing.paired, pairing } : {}),
    effect: { hedgesG: hedgesG(baseline, candidate), cliffsDelta: cliffsDelta(baseline, candidate) },
    variance: assessVariance(baseline, candidate, { probCandidateVarianceLower, brownForsythePValue: brownForsythe.pValue, alpha }),
    decision: {
      primary,
      alpha,
      adjustedPValue: primary.pValue,
      correction: 'none',
      rope,
      suspicion: assessSuspicion(baseline, candidate, options.direction),
      suspiciousLevel: SUSPICIOUS_LEVEL,
      expectImprovement: options.expectImprovement ?? false,
      ...(sameValues(baseline, candidate) ? { identicalSamples: true as const } : {}),
    },
  };
  if (options.bootstrap !== false) {
    const bootstrap = bootstrapDifferences(baseline, candidate, { seed });
    const { estimate, lower, upper, level } = bootstrap.mean;
    evidence.bootstrap = bootstrap;
    evidence.difference = { estimate, ci: [lower, upper], level };
  }
  return evidence;
}

/** Both arms hold the same values, in any order. */
function sameValues(baseline: readonly number[], candidate: readonly number[]): boolean {
  if (baseline.length !== candidate.length) return false;
  const b = Float64Array.from(baseline).sort();
  const c = Float64Array.from(candidate).sort();
  return b.every((value, i) => value === c[i]);
}

/** The tests of the per-seed differences of matched runs. */
function pairedTests(
  baseline: readonly number[],
  candidate: readonly number[],
  direction: CompareOptions['direction'],
  rope: { halfWidth: number; source: 'absolute' | 'relative' | 'default' },
  seed: number,
): PairedTests {
  const permutation = pairedPermutationTest(baseline, candidate, { seed });
  const differences = candidate.map((value, i) => value - baseline[i]!);
  return {
    meanDifference: permutation.statistic,
    permutation,
    wilcoxon: wilcoxonSignedRankTest(baseline, candidate),
    t: pairedTTest(baseline, candidate),
    bayes: { ...comparePairedMeansBayes(differences, direction, rope.halfWidth), rope: { halfWidth: rope.halfWidth, source: rope.source } },
  };
}

/**
 * The primary test of a paired comparison: the sign-flip permutation test of the mean difference,
 * exact under exchangeability within each pair whatever the within-pair correlation (identical
 * pairs give p = 1). The pooled shape is still reported, for the reports' shape notes.
 */
function pairedPrimary(paired: PairedTests, baseline: readonly number[], candidate: readonly number[]): PrimaryTest {
  return {
    test: 'paired-permutation',
    pValue: paired.permutation.pValue,
    sign: Math.sign(paired.meanDifference),
    basis: 'paired',
    pooledShape: sampleShape([...baseline, ...candidate]),
  };
}

function validate(baseline: readonly number[], candidate: readonly number[], options: CompareSamplesOptions): void {
  const name = options.metric ?? 'metric';
  for (const [arm, values] of [
    ['baseline', baseline],
    ['candidate', candidate],
  ] as const) {
    if (!Array.isArray(values) || values.length < 2) {
      throw new RangeError(`${name}: expected at least 2 ${arm} values, received ${Array.isArray(values) ? values.length : typeof values}`);
    }
    const bad = values.findIndex((x) => typeof x !== 'number' || !Number.isFinite(x));
    if (bad >= 0) throw new RangeError(`${name}: expected finite numbers in the ${arm}, received ${String(values[bad])} at index ${bad}`);
  }
  const range = pooledRange(baseline, candidate);
  if (!Number.isFinite(range.max - range.min)) {
    throw new RangeError(`${name}: expected values whose range fits a double, received values from ${range.min} to ${range.max}, whose difference overflows`);
  }
  if (options.direction !== 'lower' && options.direction !== 'higher') {
    throw new RangeError(`${name}: expected direction "lower" or "higher", received ${JSON.stringify(options.direction)}`);
  }
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`${name}: expected 0 < alpha < 1, received ${alpha}`);
}

/** The smallest and largest value of both arms: their difference (every mean difference, every interval) must be a finite double. */
export function pooledRange(baseline: readonly number[], candidate: readonly number[]): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const values of [baseline, candidate]) {
    for (const x of values) {
      if (x < min) min = x;
      if (x > max) max = x;
    }
  }
  return { min, max };
}
