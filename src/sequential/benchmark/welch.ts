/**
 * Welch's unequal-variance t test, the fixed-N design the sequential rule is measured against.
 * Welch (1947), "The generalization of Student's problem when several different population
 * variances are involved", Biometrika 34:28–35.
 */

import { studentTCdf } from '../student-t.js';

export interface WelchSummary {
  /** Candidate mean minus baseline mean. */
  difference: number;
  se: number;
  df: number;
}

/** Difference of means, its standard error and the Welch–Satterthwaite degrees of freedom. */
export function welchSummary(baseline: Float64Array, candidate: Float64Array): WelchSummary {
  const stats = (values: Float64Array): { n: number; mean: number; variance: number } => {
    let mean = 0;
    for (const value of values) mean += value;
    mean /= values.length;
    let squares = 0;
    for (const value of values) squares += (value - mean) ** 2;
    return { n: values.length, mean, variance: squares / (values.length - 1) };
  };
  const a = stats(baseline);
  const b = stats(candidate);
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const df = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  return { difference: b.mean - a.mean, se: Math.sqrt(va + vb), df };
}

/** Two-sided Welch p-value. */
export function welchPValue(summary: WelchSummary): number {
  return 2 * studentTCdf(-Math.abs(summary.difference / summary.se), summary.df);
}

/**
 * Welch two one-sided tests for equivalence within ±rope at level alpha: both one-sided
 * p-values, against a difference of −rope and of +rope, fall below alpha (Schuirmann 1987,
 * J. Pharmacokinet. Biopharm. 15:657–680).
 */
export function welchEquivalent(summary: WelchSummary, rope: number, alpha: number): boolean {
  const notBelow = 1 - studentTCdf((summary.difference + rope) / summary.se, summary.df);
  const notAbove = studentTCdf((summary.difference - rope) / summary.se, summary.df);
  return notBelow < alpha && notAbove < alpha;
}
