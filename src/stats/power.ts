import { describe } from './describe.js';
import { chiSquareQuantile } from './distributions/chi-square.js';
import { studentTQuantile } from './distributions/student-t.js';
import { minimumDetectableEffectSize } from './t-test-power.js';
import { DEFAULT_ALPHA } from '../model/defaults.js';

/** What is known of the metric's noise: a mean and sd (with the pilot size n, if any), or the samples. */
export type PowerInput = { mean: number; sd: number; n?: number } | readonly number[];

export interface PowerOptions {
  /** Two-sided significance level (default 0.05). */
  alpha?: number;
  /** Target power (default 0.8). */
  power?: number;
  /**
   * Confidence that the sd is not underestimated when it comes from a pilot of n runs
   * (default 0.8, Browne's recommendation); 0 disables the correction.
   */
  pilotConfidence?: number;
  /** Upper bound on the answer (default 100,000). */
  maxSeeds?: number;
}

export interface PowerResult {
  /** Seeds per arm (baseline and candidate each). */
  seedsPerArm: number;
  /** Absolute effect the calculation targets. */
  effect: number;
  /** The sd the calculation used (the pilot's sd, inflated by the small-pilot correction). */
  sdUsed: number;
  /** The observed sd the input provided. */
  sdObserved: number;
  alpha: number;
  power: number;
  /** True when the answer hit `maxSeeds`. */
  capped: boolean;
}

/**
 * Seeds per arm for a two-sided Welch t-test to detect a mean difference `effect` (absolute, or
 * `{ relative }` of the mean) with the requested power: N = 2 (t₁₋α/₂ + t₁₋β)² σ²/ε² with
 * ν = 2N − 2, solved for the smallest such N (Colas, Sigaud & Oudeyer 2018, "How many random seeds?",
 * arXiv:1806.08295, §4). Small-pilot correction: σ is replaced by its upper `pilotConfidence`
 * confidence limit s·√((n − 1)/χ²_{1−γ}(n − 1)) (Browne 1995, Stat. Med. 14:1933–1940).
 */
export function seedsForPower(input: PowerInput, effect: number | { relative: number }, options: PowerOptions = {}): PowerResult {
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  const power = options.power ?? 0.8;
  const maxSeeds = options.maxSeeds ?? 100_000;
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`seedsForPower: expected 0 < alpha < 1, received ${alpha}`);
  if (!(power > 0 && power < 1)) throw new RangeError(`seedsForPower: expected 0 < power < 1, received ${power}`);
  const { mean, sd, n } = Array.isArray(input) ? summarise(input as readonly number[]) : (input as { mean: number; sd: number; n?: number });
  if (!(sd >= 0) || !Number.isFinite(sd)) throw new RangeError(`seedsForPower: expected a finite sd ≥ 0, received ${sd}`);
  const absolute = Math.abs(typeof effect === 'number' ? effect : effect.relative * mean);
  if (!(absolute > 0) || !Number.isFinite(absolute)) {
    throw new RangeError(`seedsForPower: expected a non-zero finite effect, received ${JSON.stringify(effect)} (mean ${mean})`);
  }
  const sdUsed = pilotUpperSd(sd, n, options.pilotConfidence ?? 0.8);
  const base = { effect: absolute, sdUsed, sdObserved: sd, alpha, power };
  if (sdUsed === 0) return { ...base, seedsPerArm: 2, capped: false };
  const ratio = (sdUsed / absolute) ** 2;
  // N − 2 z(N)² σ²/ε² increases with N (the t quantiles shrink), so the smallest N that satisfies
  // the equation is found by doubling and bisection.
  const enough = (seeds: number): boolean => {
    const df = 2 * seeds - 2;
    const z = studentTQuantile(1 - alpha / 2, df) + studentTQuantile(power, df);
    return seeds >= 2 * z * z * ratio;
  };
  let high = 2;
  while (!enough(high)) {
    if (high >= maxSeeds) return { ...base, seedsPerArm: maxSeeds, capped: true };
    high = Math.min(maxSeeds, high * 2);
  }
  let low = Math.max(1, high / 2);
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (enough(mid)) high = mid;
    else low = mid;
  }
  const seeds = high;
  return { ...base, seedsPerArm: seeds, capped: false };
}

function summarise(values: readonly number[]): { mean: number; sd: number; n: number } {
  if (values.length < 2) throw new RangeError(`seedsForPower: expected at least 2 baseline values, received ${values.length}`);
  const d = describe(values);
  return { mean: d.mean, sd: d.sd, n: d.n };
}

/**
 * The sd a plan uses when the observed one comes from a pilot of n runs: its upper `confidence`
 * confidence limit s·√((n − 1)/χ²_{1−γ}(n − 1)) (Browne 1995), since a few runs tend to
 * underestimate it; the sd itself without a pilot size or with confidence 0.
 */
export function pilotUpperSd(sd: number, n: number | undefined, confidence: number): number {
  return n !== undefined && n >= 2 && confidence > 0 ? sd * Math.sqrt((n - 1) / chiSquareQuantile(1 - confidence, n - 1)) : sd;
}

export interface DetectableDifference {
  /** The smallest absolute difference of means detected with the requested power. */
  difference: number;
  /** The same in standard deviations of the sd used (Cohen's d). */
  effectSize: number;
  /** The sd the answer used (the pilot's, raised by the small-pilot correction). */
  sdUsed: number;
  sdObserved: number;
  alpha: number;
  power: number;
}

/**
 * The smallest difference of means that a comparison of nb baseline and nc candidate runs detects
 * with probability `power` at two-sided level `alpha`, for a metric whose spread is `input`: the
 * exact power of the two-sample t-test (noncentral t, see `twoSampleTPower`) solved for the
 * effect, times the sd, which is raised to its upper 80% confidence limit when it comes from
 * n pilot runs (Browne 1995), as `seedsForPower` does.
 */
export function minimumDetectableDifference(
  input: PowerInput,
  nb: number,
  nc: number,
  options: Pick<PowerOptions, 'alpha' | 'power' | 'pilotConfidence'> = {},
): DetectableDifference {
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  const power = options.power ?? 0.8;
  const { sd, n } = Array.isArray(input) ? summarise(input as readonly number[]) : (input as { mean: number; sd: number; n?: number });
  if (!(sd >= 0) || !Number.isFinite(sd)) throw new RangeError(`minimumDetectableDifference: expected a finite sd ≥ 0, received ${sd}`);
  const sdUsed = pilotUpperSd(sd, n, options.pilotConfidence ?? 0.8);
  const effectSize = minimumDetectableEffectSize(nb, nc, { alpha, power });
  return { difference: effectSize * sdUsed, effectSize, sdUsed, sdObserved: sd, alpha, power };
}
