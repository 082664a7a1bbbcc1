/**
 * The SciPy reference cases (test/fixtures/reference/stats-cases.json, a copy of the shared
 * reference) and the check of one comparison against a case, within the tolerances of
 * test/fixtures/reference/README.md. Used by the library suite and by the suite that goes through
 * `mlreg compare --json`.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { MetricComparison } from '../../src/model/comparison.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const REFERENCE = resolve(repoRoot, 'test/fixtures/reference/stats-cases.json');
const GOLDENS = resolve(repoRoot, 'test/fixtures/goldens/scipy-goldens.json');

export interface ReferenceCase {
  id: string;
  ties: boolean;
  baseline: number[];
  candidate: number[];
  expected: {
    welch: { statistic: number; df: number; pValue: number };
    mannWhitney: { statistic: number; pValueAsymptotic: number; pValueExact?: number };
    brownForsythe: { statistic: number; pValue: number };
    ks?: { statistic: number; pValue: number };
    bayes: { probCandidateMeanLower: number };
    hedgesG: number;
    cliffsDelta: number;
  };
}

/** The reference cases. */
export const referenceCases: ReferenceCase[] = JSON.parse(readFileSync(REFERENCE, 'utf8')).cases;

/** SciPy quadrature of P(candidate mean lower) for every case (test/fixtures/goldens). */
export const bayesQuadrature = new Map<string, number>(
  (JSON.parse(readFileSync(GOLDENS, 'utf8')).bayesQuadrature as { id: string; probCandidateMeanLower: number }[]).map((c) => [c.id, c.probCandidateMeanLower]),
);

/** p-values: 1e-6 relative, or 1e-12 absolute below 1e-6. */
export function expectPValue(actual: number, expected: number): void {
  if (expected < 1e-6) expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12);
  else expect(Math.abs(actual - expected) / expected).toBeLessThanOrEqual(1e-6);
}

/** Statistics, df and effect sizes: 1e-9 relative (absolute at zero). */
export function expectStatistic(actual: number, expected: number): void {
  const scale = Math.max(Math.abs(expected), 1e-300);
  expect(expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / scale).toBeLessThanOrEqual(1e-9);
}

/** Checks every statistic of a candidate-versus-baseline comparison against a reference case. */
export function expectMatchesReference(result: MetricComparison, c: ReferenceCase): void {
  const e = c.expected;
  expect(result.baseline.n).toBe(c.baseline.length);
  expect(result.candidate.n).toBe(c.candidate.length);
  expectStatistic(result.tests.welch.statistic, e.welch.statistic);
  expectStatistic(result.tests.welch.df, e.welch.df);
  expectPValue(result.tests.welch.pValue, e.welch.pValue);
  expectStatistic(result.tests.mannWhitney.statistic, e.mannWhitney.statistic);
  // SciPy 1.10's `auto`: exact without ties when one arm has at most 8 values.
  const small = Math.min(c.baseline.length, c.candidate.length) <= 8;
  expect(result.tests.mannWhitney.method).toBe(!c.ties && small ? 'exact' : 'asymptotic');
  const expectedMw = result.tests.mannWhitney.method === 'exact' ? e.mannWhitney.pValueExact : e.mannWhitney.pValueAsymptotic;
  expect(expectedMw).toBeDefined();
  expectPValue(result.tests.mannWhitney.pValue, expectedMw!);
  expectStatistic(result.tests.brownForsythe.statistic, e.brownForsythe.statistic);
  expectPValue(result.tests.brownForsythe.pValue, e.brownForsythe.pValue);
  if (e.ks) {
    expectStatistic(result.tests.ks.statistic, e.ks.statistic);
    expectPValue(result.tests.ks.pValue, e.ks.pValue);
  }
  expectStatistic(result.effect.hedgesG, e.hedgesG);
  expectStatistic(result.effect.cliffsDelta, e.cliffsDelta);
  expect(Math.abs(result.tests.bayes.probCandidateMeanLower - e.bayes.probCandidateMeanLower)).toBeLessThanOrEqual(1e-4);
}
