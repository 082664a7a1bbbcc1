/**
 * Eigen-decomposition of small symmetric matrices, stored row-major in a Float64Array.
 */

export interface SymmetricEigen {
  /** Eigenvalues, in no particular order. */
  values: Float64Array;
  /** Eigenvectors as columns: `vectors[i * n + k]` is component i of eigenvector k. */
  vectors: Float64Array;
}

const MAX_SWEEPS = 100;

/**
 * Computes A = V·diag(λ)·Vᵀ for a symmetric n×n matrix with the cyclic Jacobi method
 * (Golub & Van Loan, "Matrix Computations", 4th ed., §8.5.2–8.5.3; rotation angles as in
 * Rutishauser's formulation, Numerische Mathematik 9, 1966). Accurate to rounding for the
 * small (≤ ~50×50) covariance matrices the built-in trainer produces; the input is not modified.
 */
export function jacobiEigenSymmetric(matrix: Float64Array, n: number): SymmetricEigen {
  if (matrix.length !== n * n) {
    throw new Error(`jacobiEigenSymmetric: expected ${n * n} entries for a ${n}×${n} matrix, received ${matrix.length}`);
  }
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;

  const total = frobeniusNormSquared(a);
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    if (offDiagonalNormSquared(a, n) <= 1e-30 * total) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) rotate(a, v, n, p, q);
    }
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = a[i * n + i]!;
  return { values, vectors: v };
}

/** Applies the Jacobi rotation that zeroes a[p][q] to `a` (both sides) and accumulates it into `v`. */
function rotate(a: Float64Array, v: Float64Array, n: number, p: number, q: number): void {
  const apq = a[p * n + q]!;
  if (apq === 0) return;
  const app = a[p * n + p]!;
  const aqq = a[q * n + q]!;
  // tan of the rotation angle, the smaller root of t² + 2θt − 1 = 0 (keeps |angle| ≤ π/4).
  const theta = (aqq - app) / (2 * apq);
  const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  for (let k = 0; k < n; k++) {
    const akp = a[k * n + p]!;
    const akq = a[k * n + q]!;
    a[k * n + p] = c * akp - s * akq;
    a[k * n + q] = s * akp + c * akq;
  }
  for (let k = 0; k < n; k++) {
    const apk = a[p * n + k]!;
    const aqk = a[q * n + k]!;
    a[p * n + k] = c * apk - s * aqk;
    a[q * n + k] = s * apk + c * aqk;
  }
  a[p * n + q] = 0;
  a[q * n + p] = 0;
  for (let k = 0; k < n; k++) {
    const vkp = v[k * n + p]!;
    const vkq = v[k * n + q]!;
    v[k * n + p] = c * vkp - s * vkq;
    v[k * n + q] = s * vkp + c * vkq;
  }
}

function frobeniusNormSquared(a: Float64Array): number {
  let sum = 0;
  for (const x of a) sum += x * x;
  return sum;
}

function offDiagonalNormSquared(a: Float64Array, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) if (i !== j) sum += a[i * n + j]! ** 2;
  }
  return sum;
}
