import { mean, medianOfSorted } from './describe.js';
import { normalCdf, normalQuantile } from './distributions/normal.js';
import { createRandom } from './random.js';
import { normaliseArms, widthToDataUnits } from './scale.js';
import type { BootstrapDifferences, ConfidenceInterval } from '../model/evidence.js';

export interface BootstrapOptions {
  /** Confidence level (default 0.95). */
  level?: number;
  /** Bootstrap resamples (default 2,000, down to 1,000 for arms totalling more than 1,000 values). */
  resamples?: number;
  /** Seed of the resampling (default 0). */
  seed?: number;
}

/**
 * Seeded two-sample bootstrap BCa confidence intervals for the difference of means and of
 * medians (candidate − baseline), each arm resampled independently, from one set of resamples.
 * Source: Efron (1987), JASA 82:171–185; Efron & Tibshirani (1993) §14.3; the two-sample
 * jackknife acceleration follows `scipy.stats.bootstrap(method='BCa')`.
 */
export function bootstrapDifferences(baseline: ArrayLike<number>, candidate: ArrayLike<number>, options: BootstrapOptions = {}): BootstrapDifferences {
  const level = options.level ?? 0.95;
  // 2,000 resamples for small arms, fewer (not below 1,000) for large ones, whose intervals are stable.
  const resamples = options.resamples ?? Math.min(2_000, Math.max(1_000, Math.floor(2e6 / (baseline.length + candidate.length))));
  if (baseline.length < 2 || candidate.length < 2) {
    throw new RangeError(`bootstrapDifferences: expected at least 2 values per arm, received ${baseline.length} baseline and ${candidate.length} candidate`);
  }
  if (!(level > 0 && level < 1)) throw new RangeError(`bootstrapDifferences: expected 0 < level < 1, received ${level}`);
  // Computed on arms of magnitude about 1 (see scale.ts), so no sum of values near 1e308
  // overflows; the intervals are stated back in the data's units.
  const arms = normaliseArms(baseline, candidate);
  const b = arms.baseline.sort();
  const c = arms.candidate.sort();
  const random = createRandom(options.seed ?? 0);
  const meanReplicates = new Float64Array(resamples);
  const medianReplicates = new Float64Array(resamples);
  const countsB = new Int32Array(b.length);
  const countsC = new Int32Array(c.length);
  for (let r = 0; r < resamples; r++) {
    const armB = resampleArm(b, countsB, random.int);
    const armC = resampleArm(c, countsC, random.int);
    meanReplicates[r] = armC.mean - armB.mean;
    medianReplicates[r] = armC.median - armB.median;
  }
  const [meanB, meanC, medianB, medianC] = [mean(b), mean(c), medianOfSorted(b), medianOfSorted(c)];
  const meanJackknife = [jackknifeMeans(b).map((m) => meanC - m), jackknifeMeans(c).map((m) => m - meanB)];
  const medianJackknife = [jackknifeMedians(b).map((m) => medianC - m), jackknifeMedians(c).map((m) => m - medianB)];
  const inDataUnits = (interval: ConfidenceInterval): ConfidenceInterval => ({
    ...interval,
    estimate: widthToDataUnits(interval.estimate, arms.exponent),
    lower: widthToDataUnits(interval.lower, arms.exponent),
    upper: widthToDataUnits(interval.upper, arms.exponent),
  });
  return {
    mean: inDataUnits(bcaInterval(meanC - meanB, meanReplicates, meanJackknife, level)),
    median: inDataUnits(bcaInterval(medianC - medianB, medianReplicates, medianJackknife, level)),
    resamples,
  };
}

/** One resample of a sorted arm: its mean, and its median read off the index counts. */
function resampleArm(sorted: Float64Array, counts: Int32Array, int: (n: number) => number): { mean: number; median: number } {
  const n = sorted.length;
  counts.fill(0);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const j = int(n);
    counts[j]!++;
    sum += sorted[j]!;
  }
  // Resampled values in ascending order are sorted[j] repeated counts[j] times.
  const lowRank = (n - 1) >> 1;
  const highRank = n >> 1;
  let seen = 0;
  let low = NaN;
  for (let j = 0; j < n; j++) {
    seen += counts[j]!;
    if (Number.isNaN(low) && seen > lowRank) low = sorted[j]!;
    if (seen > highRank) return { mean: sum / n, median: (low + sorted[j]!) / 2 };
  }
  return { mean: sum / n, median: low };
}

/** Leave-one-out means. */
function jackknifeMeans(values: Float64Array): number[] {
  const total = mean(values) * values.length;
  return Array.from(values, (x) => (total - x) / (values.length - 1));
}

/** Leave-one-out medians of a sorted array, O(1) each. */
function jackknifeMedians(sorted: Float64Array): number[] {
  const n = sorted.length - 1;
  return Array.from(sorted, (_, removed) => {
    const at = (rank: number): number => sorted[rank < removed ? rank : rank + 1]!;
    return n % 2 === 1 ? at(n >> 1) : (at(n / 2 - 1) + at(n / 2)) / 2;
  });
}

/**
 * The BCa interval from bootstrap replicates and per-arm jackknife values of the statistic:
 * z₀ = Φ⁻¹(mid-rank fraction of replicates below the estimate), acceleration
 * â = Σⱼ Σᵢ Uⱼᵢ³/nⱼ³ / (6 (Σⱼ Σᵢ Uⱼᵢ²/nⱼ²)^{3/2}), Uⱼᵢ = (nⱼ − 1)(θ̄ⱼ − θⱼᵢ), and percentiles
 * Φ(z₀ + (z₀ + z)/(1 − â(z₀ + z))) read with linear interpolation, as SciPy 1.10 does.
 */
export function bcaInterval(estimate: number, replicates: Float64Array, jackknife: readonly number[][], level: number): ConfidenceInterval {
  const sorted = Float64Array.from(replicates).sort();
  const count = sorted.length;
  if (sorted[0] === sorted[count - 1]) return { estimate, lower: sorted[0]!, upper: sorted[0]!, level };
  let below = 0;
  let notAbove = 0;
  for (const x of sorted) {
    if (x < estimate) below++;
    if (x <= estimate) notAbove++;
  }
  const fraction = Math.min(1 - 0.5 / count, Math.max(0.5 / count, (below + notAbove) / (2 * count)));
  const z0 = normalQuantile(fraction);
  let numerator = 0;
  let denominator = 0;
  for (const values of jackknife) {
    const n = values.length;
    const average = values.reduce((s, x) => s + x, 0) / n;
    for (const theta of values) {
      const u = (n - 1) * (average - theta);
      numerator += (u * u * u) / n ** 3;
      denominator += (u * u) / n ** 2;
    }
  }
  const acceleration = denominator > 0 ? numerator / (6 * denominator ** 1.5) : 0;
  const adjusted = (z: number): number => normalCdf(z0 + (z0 + z) / (1 - acceleration * (z0 + z)));
  const alpha = (1 - level) / 2;
  return {
    estimate,
    lower: percentile(sorted, adjusted(normalQuantile(alpha))),
    upper: percentile(sorted, adjusted(-normalQuantile(alpha))),
    level,
  };
}

/** Linear-interpolation percentile of an ascending array (NumPy's default), q in [0, 1]. */
function percentile(sorted: Float64Array, q: number): number {
  const position = Math.min(1, Math.max(0, q)) * (sorted.length - 1);
  const low = Math.floor(position);
  const high = Math.min(sorted.length - 1, low + 1);
  return sorted[low]! + (position - low) * (sorted[high]! - sorted[low]!);
}
