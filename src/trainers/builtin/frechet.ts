/**
 * The Fréchet distance between two multivariate normal distributions fitted to sample sets:
 * the statistic behind FID (Heusel et al., "GANs Trained by a Two Time-Scale Update Rule
 * Converge to a Local Nash Equilibrium", NeurIPS 2017).
 */
import { jacobiEigenSymmetric } from './jacobi.js';

/** n samples of dimension d, row-major: `data[i * d + j]` is feature j of sample i. */
export interface SampleMatrix {
  data: Float64Array;
  n: number;
  d: number;
}

export interface Moments {
  mean: Float64Array;
  /** d×d row-major covariance with the unbiased (n − 1) denominator, as numpy.cov. */
  covariance: Float64Array;
  d: number;
}

/** Computes the sample mean and the unbiased sample covariance (denominator n − 1) of `samples`. */
export function sampleMoments(samples: SampleMatrix): Moments {
  const { data, n, d } = samples;
  if (n < 2) throw new Error(`sampleMoments: expected at least 2 samples, received ${n}`);
  if (data.length !== n * d) {
    throw new Error(`sampleMoments: expected ${n * d} values for ${n}×${d} samples, received ${data.length}`);
  }
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j]! += data[i * d + j]!;
  for (let j = 0; j < d; j++) mean[j]! /= n;

  const covariance = new Float64Array(d * d);
  const centred = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) centred[j] = data[i * d + j]! - mean[j]!;
    for (let j = 0; j < d; j++) {
      const cj = centred[j]!;
      for (let k = j; k < d; k++) covariance[j * d + k]! += cj * centred[k]!;
    }
  }
  for (let j = 0; j < d; j++) {
    for (let k = j; k < d; k++) {
      const value = covariance[j * d + k]! / (n - 1);
      covariance[j * d + k] = value;
      covariance[k * d + j] = value;
    }
  }
  return { mean, covariance, d };
}

/**
 * Computes the principal square root of a symmetric positive semi-definite d×d matrix as
 * V·diag(√λ)·Vᵀ from its eigen-decomposition. Eigenvalues that rounding pushed slightly below
 * zero are treated as zero.
 */
export function sqrtPsd(matrix: Float64Array, d: number): Float64Array {
  const { values, vectors } = jacobiEigenSymmetric(matrix, d);
  const root = new Float64Array(d * d);
  for (let k = 0; k < d; k++) {
    const s = Math.sqrt(Math.max(0, values[k]!));
    if (s === 0) continue;
    for (let i = 0; i < d; i++) {
      const vik = vectors[i * d + k]! * s;
      for (let j = 0; j < d; j++) root[i * d + j]! += vik * vectors[j * d + k]!;
    }
  }
  return root;
}

/**
 * Computes the Fréchet (2-Wasserstein) distance between N(μ₁, Σ₁) and N(μ₂, Σ₂):
 * ‖μ₁ − μ₂‖² + Tr(Σ₁ + Σ₂ − 2(Σ₁Σ₂)^½) (Dowson & Landau, "The Fréchet distance between
 * multivariate normal distributions", J. Multivariate Anal. 12, 1982).
 *
 * Σ₁Σ₂ is not symmetric, so its square root is not taken directly: it is similar to the
 * symmetric PSD matrix M = Σ₁^½·Σ₂·Σ₁^½ (Σ₁Σ₂ = Σ₁^½·M·Σ₁^-½ when Σ₁ is invertible, and by
 * continuity otherwise), hence Tr((Σ₁Σ₂)^½) = Σᵢ √λᵢ(M), which needs only symmetric
 * eigen-decompositions and stays real even for singular covariances.
 */
export function frechetDistance(a: Moments, b: Moments): number {
  if (a.d !== b.d) throw new Error(`frechetDistance: expected equal dimensions, received ${a.d} and ${b.d}`);
  const d = a.d;
  let meanTerm = 0;
  for (let j = 0; j < d; j++) meanTerm += (a.mean[j]! - b.mean[j]!) ** 2;

  const rootA = sqrtPsd(a.covariance, d);
  const m = symmetrise(multiply(multiply(rootA, b.covariance, d), rootA, d), d);
  const { values } = jacobiEigenSymmetric(m, d);
  let traceSqrt = 0;
  for (const lambda of values) traceSqrt += Math.sqrt(Math.max(0, lambda));

  return meanTerm + trace(a.covariance, d) + trace(b.covariance, d) - 2 * traceSqrt;
}

/** Computes the Fréchet distance between Gaussians fitted (mean, unbiased covariance) to two sample sets. */
export function frechetDistanceOfSamples(a: SampleMatrix, b: SampleMatrix): number {
  return frechetDistance(sampleMoments(a), sampleMoments(b));
}

function multiply(x: Float64Array, y: Float64Array, d: number): Float64Array {
  const out = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let k = 0; k < d; k++) {
      const xik = x[i * d + k]!;
      if (xik === 0) continue;
      for (let j = 0; j < d; j++) out[i * d + j]! += xik * y[k * d + j]!;
    }
  }
  return out;
}

/** Averages a matrix with its transpose, removing the asymmetry that rounding leaves in a product. */
function symmetrise(x: Float64Array, d: number): Float64Array {
  const out = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) out[i * d + j] = (x[i * d + j]! + x[j * d + i]!) / 2;
  }
  return out;
}

function trace(x: Float64Array, d: number): number {
  let sum = 0;
  for (let i = 0; i < d; i++) sum += x[i * d + i]!;
  return sum;
}
