import { normalQuantile } from '../stats/distributions/normal.js';
import { seedsForPower } from '../stats/power.js';
import type { SeedsToDecide } from '../model/comparison.js';
import type { Describe } from '../model/summary.js';
import { MAX_SEEDS } from '../model/defaults.js';

/**
 * Seeds per arm likely to decide an inconclusive comparison: the fewer of (a) enough for 80%
 * power against the observed mean difference (Colas et al. 2018 with Browne's pilot correction,
 * see `seedsForPower`), and (b) when the observed difference lies inside the ROPE, enough for the
 * posterior of the difference (sd ≈ s·√(2/N)) to fall inside it with 95% probability.
 */
export function estimateSeedsToDecide(baseline: Describe, candidate: Describe, rope: number, alpha: number): SeedsToDecide | undefined {
  const difference = Math.abs(candidate.mean - baseline.mean);
  const sd = Math.hypot(baseline.sd, candidate.sd) / Math.SQRT2; // no square to overflow above sd ≈ 1e154
  const pilot = Math.min(baseline.n, candidate.n);
  const options: { seedsPerArm: number; basis: SeedsToDecide['basis']; capped: boolean }[] = [];
  if (difference > 0 && sd > 0) {
    const detect = seedsForPower({ mean: baseline.mean, sd, n: pilot }, difference, { alpha, maxSeeds: MAX_SEEDS });
    options.push({ seedsPerArm: detect.seedsPerArm, basis: 'detect', capped: detect.capped });
  }
  if (rope > difference && sd > 0) {
    const needed = Math.ceil(2 * ((normalQuantile(0.95) * sd) / (rope - difference)) ** 2);
    options.push({ seedsPerArm: Math.min(MAX_SEEDS, Math.max(2, needed)), basis: 'equivalence', capped: needed >= MAX_SEEDS });
  }
  const best = options.sort((a, b) => a.seedsPerArm - b.seedsPerArm)[0];
  if (!best) return undefined;
  return { ...best, additionalCandidateSeeds: Math.max(0, best.seedsPerArm - candidate.n) };
}
