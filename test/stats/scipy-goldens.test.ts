import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  bcaInterval,
  benjaminiHochbergAdjust,
  bootstrapDifferences,
  chiSquareQuantile,
  fSf,
  holmAdjust,
  mannWhitneyTest,
  normalCdf,
  normalQuantile,
  permutationTest,
  probVarianceLower,
  regularizedBeta,
  studentTQuantile,
  studentTTwoSided,
} from '../../src/stats/index.js';

const goldens = JSON.parse(readFileSync(resolve(process.cwd(), 'test/fixtures/goldens/scipy-goldens.json'), 'utf8'));

const relative = (actual: number, expected: number): number => Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);

describe('permutation test (SciPy permutation_test, exact)', () => {
  for (const [i, c] of (goldens.permutation as { baseline: number[]; candidate: number[]; statistic: number; pValue: number }[]).entries()) {
    it(`case ${i}: ${c.baseline.length} vs ${c.candidate.length}`, () => {
      const result = permutationTest(c.baseline, c.candidate);
      expect(result.method).toBe('exact');
      expect(relative(result.statistic, c.statistic)).toBeLessThan(1e-12);
      expect(relative(result.pValue, c.pValue)).toBeLessThan(1e-12);
    });
  }

  it('is seeded in Monte Carlo mode and close to the exact p', () => {
    const c = goldens.permutation[4];
    const a = permutationTest(c.baseline, c.candidate, { maxExact: 10, resamples: 20_000, seed: 3 });
    const b = permutationTest(c.baseline, c.candidate, { maxExact: 10, resamples: 20_000, seed: 3 });
    expect(a).toEqual(b);
    expect(a.method).toBe('monte-carlo');
    expect(Math.abs(a.pValue - c.pValue)).toBeLessThan(4 * Math.sqrt((c.pValue * (1 - c.pValue)) / 20_000) + 1e-4);
  });
});

describe('BCa interval (SciPy bootstrap formula)', () => {
  for (const [i, c] of (
    goldens.bca as {
      statistic: string;
      baseline: number[];
      candidate: number[];
      estimate: number;
      replicates: number[];
      jackknife: number[][];
      lower: number;
      upper: number;
      scipyBootstrap: [number, number];
    }[]
  ).entries()) {
    it(`case ${i}: from fixed replicates (${c.statistic})`, () => {
      const ci = bcaInterval(c.estimate, Float64Array.from(c.replicates), c.jackknife, 0.95);
      expect(relative(ci.lower, c.lower)).toBeLessThan(1e-9);
      expect(relative(ci.upper, c.upper)).toBeLessThan(1e-9);
    });

    it(`case ${i}: end to end, within Monte Carlo error of SciPy's bootstrap (${c.statistic})`, () => {
      const result = bootstrapDifferences(c.baseline, c.candidate, { resamples: 20_000, seed: 7 });
      const ci = c.statistic === 'mean' ? result.mean : result.median;
      const width = c.scipyBootstrap[1] - c.scipyBootstrap[0];
      expect(Math.abs(ci.lower - c.scipyBootstrap[0])).toBeLessThan(0.1 * width);
      expect(Math.abs(ci.upper - c.scipyBootstrap[1])).toBeLessThan(0.1 * width);
      expect(ci.estimate).toBeCloseTo(c.estimate, 12);
    });
  }
});

describe('multiplicity adjustments', () => {
  for (const [i, c] of (goldens.adjustments as { p: number[]; holm: number[]; bh: number[] }[]).entries()) {
    it(`case ${i}: Holm and Benjamini–Hochberg`, () => {
      holmAdjust(c.p).forEach((x, k) => expect(x).toBeCloseTo(c.holm[k]!, 14));
      benjaminiHochbergAdjust(c.p).forEach((x, k) => expect(x).toBeCloseTo(c.bh[k]!, 14));
    });
  }
});

describe('variance posterior P(σ²c < σ²b)', () => {
  for (const [i, c] of (goldens.variancePosterior as { baseline: number[]; candidate: number[]; probCandidateVarianceLower: number; monteCarlo: number }[]).entries()) {
    it(`case ${i}`, () => {
      const p = probVarianceLower(c.baseline, c.candidate);
      expect(Math.abs(p - c.probCandidateVarianceLower)).toBeLessThan(1e-10);
      expect(Math.abs(p - c.monteCarlo)).toBeLessThan(0.005);
    });
  }
});

describe('one-sided Mann–Whitney', () => {
  for (const [i, c] of (goldens.mannWhitneyOneSided as { baseline: number[]; candidate: number[]; less: number; greater: number; lessAsymptotic: number }[]).entries()) {
    it(`case ${i}`, () => {
      expect(relative(mannWhitneyTest(c.baseline, c.candidate, { alternative: 'less', method: 'exact' }).pValue, c.less)).toBeLessThan(1e-9);
      expect(relative(mannWhitneyTest(c.baseline, c.candidate, { alternative: 'greater', method: 'exact' }).pValue, c.greater)).toBeLessThan(1e-9);
      expect(relative(mannWhitneyTest(c.baseline, c.candidate, { alternative: 'less', method: 'asymptotic' }).pValue, c.lessAsymptotic)).toBeLessThan(1e-9);
    });
  }
});

describe('distributions, far into the tails', () => {
  const d = goldens.distributions;
  it('Student t two-sided tails to 1e-12 relative', () => {
    for (const c of d.studentTTwoSided) expect(relative(studentTTwoSided(c.t, c.df), c.p)).toBeLessThan(1e-12);
  });
  it('Student t quantiles', () => {
    for (const c of d.studentTQuantile) expect(Math.abs(studentTQuantile(c.p, c.df) - c.t)).toBeLessThan(1e-10 * Math.max(1, Math.abs(c.t)));
  });
  it('regularized incomplete beta', () => {
    for (const c of d.regularizedBeta) expect(relative(regularizedBeta(c.x, c.a, c.b), c.value)).toBeLessThan(1e-11);
  });
  it('F survival', () => {
    for (const c of d.fSf) expect(relative(fSf(c.f, c.d1, c.d2), c.value)).toBeLessThan(1e-12);
  });
  it('normal cdf and quantile', () => {
    for (const c of d.normalCdf) expect(relative(normalCdf(c.z), c.value)).toBeLessThan(1e-13);
    for (const c of d.normalQuantile) expect(relative(normalQuantile(c.p), c.z)).toBeLessThan(1e-13);
  });
  it('chi-square quantile', () => {
    for (const c of d.chiSquareQuantile) expect(relative(chiSquareQuantile(c.p, c.k), c.x)).toBeLessThan(1e-10);
  });
});
