/**
 * The posterior density of the difference of means (candidate − baseline).
 *
 * With independent Jeffreys priors p(mu, sigma) ∝ 1/sigma, each arm's posterior mean is
 * `mean + sd/sqrt(n) * T` with T ~ Student t(n − 1) (Gelman et al., Bayesian Data Analysis,
 * 3rd ed., §3.2) — the same model as the comparison's `bayes` probabilities. The density of the
 * difference of the two scaled t variables has no closed form; it is computed here by numerical
 * convolution: f_D(d) = ∫ f_C(d + y) f_B(y) dy, with y = mean_B + s_B·tan(θ) so the integral covers
 * the whole real line with a midpoint rule on θ ∈ (−π/2, π/2). The HTML report draws it.
 */
import type { Describe } from '../model/summary.js';
import { studentTDensity } from './distributions/student-t.js';

export interface DensityCurve {
  x: number[];
  density: number[];
}

export interface PosteriorOptions {
  /** Half-width of the evaluated range in units of sqrt(s_B² + s_C²). Default 5. */
  halfWidth?: number;
  /** Number of evaluation points of the difference. Default 241. */
  points?: number;
  /** Number of integration nodes. Default 1200. */
  nodes?: number;
  /** Values the range must include (e.g. 0 and the ROPE bounds). */
  include?: number[];
}

/**
 * Density of candidate mean − baseline mean under the arms' scaled-t posteriors, on a grid.
 * Returns undefined when an arm has fewer than two values or neither arm varies.
 */
export function differencePosterior(baseline: Describe, candidate: Describe, options: PosteriorOptions = {}): DensityCurve | undefined {
  if (baseline.n < 2 || candidate.n < 2) return undefined;
  const sB = baseline.sd / Math.sqrt(baseline.n);
  const sC = candidate.sd / Math.sqrt(candidate.n);
  if (!(sB >= 0 && sC >= 0) || sB + sC === 0) return undefined;
  if (sB === 0 || sC === 0) return singleArmDensity(baseline, candidate, sB, sC, options);

  const center = candidate.mean - baseline.mean;
  const spread = Math.sqrt(sB * sB + sC * sC) * (options.halfWidth ?? 5);
  const [lo, hi] = rangeIncluding(center - spread, center + spread, options.include ?? []);
  const points = options.points ?? 241;
  const nodes = options.nodes ?? 1200;
  const tB = studentTDensity(baseline.n - 1);
  const tC = studentTDensity(candidate.n - 1);

  // Integration nodes in θ, shared by every evaluation point.
  const weights: number[] = [];
  const ys: number[] = [];
  for (let k = 0; k < nodes; k++) {
    const theta = -Math.PI / 2 + ((k + 0.5) * Math.PI) / nodes;
    const u = Math.tan(theta);
    const jacobian = 1 + u * u; // dy/dθ in units of s_B, cancelled by f_B's 1/s_B
    ys.push(baseline.mean + sB * u);
    weights.push((tB(u) * jacobian * Math.PI) / nodes);
  }
  const x: number[] = [];
  const density: number[] = [];
  for (let i = 0; i < points; i++) {
    const d = lo + ((hi - lo) * i) / (points - 1);
    let sum = 0;
    for (let k = 0; k < nodes; k++) {
      sum += (weights[k] as number) * tC((d + (ys[k] as number) - candidate.mean) / sC);
    }
    x.push(d);
    density.push(sum / sC);
  }
  return { x, density };
}

// One arm has no spread: the difference is the other arm's scaled t, shifted.
function singleArmDensity(baseline: Describe, candidate: Describe, sB: number, sC: number, options: PosteriorOptions): DensityCurve {
  const varying = sB > 0 ? { s: sB, df: baseline.n - 1, sign: -1 } : { s: sC, df: candidate.n - 1, sign: 1 };
  const center = candidate.mean - baseline.mean;
  const spread = varying.s * (options.halfWidth ?? 5);
  const [lo, hi] = rangeIncluding(center - spread, center + spread, options.include ?? []);
  const points = options.points ?? 241;
  const t = studentTDensity(varying.df);
  const x: number[] = [];
  const density: number[] = [];
  for (let i = 0; i < points; i++) {
    const d = lo + ((hi - lo) * i) / (points - 1);
    x.push(d);
    density.push(t((varying.sign * (d - center)) / varying.s) / varying.s);
  }
  return { x, density };
}

/** Trapezoid-rule mass of a density curve over x < `bound` (the whole curve when bound is Infinity). */
export function massBelow(curve: DensityCurve, bound = Infinity): number {
  let mass = 0;
  for (let i = 1; i < curve.x.length; i++) {
    const x0 = curve.x[i - 1] as number;
    const x1 = curve.x[i] as number;
    if (x0 >= bound) break;
    const f0 = curve.density[i - 1] as number;
    const f1 = curve.density[i] as number;
    if (x1 <= bound) mass += ((f0 + f1) / 2) * (x1 - x0);
    else {
      const fb = f0 + ((f1 - f0) * (bound - x0)) / (x1 - x0);
      mass += ((f0 + fb) / 2) * (bound - x0);
    }
  }
  return mass;
}

function rangeIncluding(lo: number, hi: number, include: number[]): [number, number] {
  const finite = include.filter(Number.isFinite);
  const min = Math.min(lo, ...finite);
  const max = Math.max(hi, ...finite);
  const pad = (max - min) * 0.03;
  return finite.some((v) => v <= lo || v >= hi) ? [min - pad, max + pad] : [lo, hi];
}
