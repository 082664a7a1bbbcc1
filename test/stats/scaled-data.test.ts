/**
 * The whole floating-point range: comparisons of data at 1e-300, 1e150 and 1e308 scales and of
 * 1e9 ± 1e-3 against SciPy goldens (scripts/goldens/generate.py, section `scaledData`), within the
 * tolerances of test/fixtures/reference/README.md.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { meanAndSd } from '../../src/stats/describe.js';
import { scaleByPowerOfTwo } from '../../src/stats/scale.js';
import { welchDegreesOfFreedom } from '../../src/stats/welch.js';
import { compareSamples } from '../../src/verdict/compare-samples.js';
import { expectPValue, expectStatistic } from '../support/reference-cases.js';

interface ScaledCase {
  name: string;
  scaleExponent: number;
  baseline: number[];
  candidate: number[];
  expected: {
    welch: { statistic: number; df: number; pValue: number };
    mannWhitneyPValue: number;
    brownForsythe: { statistic: number; pValue: number };
    hedgesG: number;
    probCandidateMeanLower: number;
    permutationPValue: number;
    meanDifference: number;
    baselineMean: number;
    baselineSd: number;
    candidateMean: number;
    candidateSd: number;
  };
}

const goldens = JSON.parse(readFileSync(resolve(process.cwd(), 'test/fixtures/goldens/scipy-goldens.json'), 'utf8'));
const cases = goldens.scaledData as ScaledCase[];

describe('comparisons across the floating-point range (SciPy on the well-conditioned equivalent)', () => {
  it('has the four scaled cases', () => {
    expect(cases.map((c) => c.name)).toEqual(['1e-300 scale', '1e150 scale', '1e308 scale', '1e9 +- 1e-3']);
  });

  for (const c of cases) {
    it(`${c.name}: every statistic within the reference tolerances`, () => {
      const result = compareSamples(c.baseline, c.candidate, { direction: 'lower' });
      const e = c.expected;
      expectStatistic(result.baseline.mean, e.baselineMean);
      expectStatistic(result.baseline.sd, e.baselineSd);
      expectStatistic(result.candidate.mean, e.candidateMean);
      expectStatistic(result.candidate.sd, e.candidateSd);
      expectStatistic(result.tests.welch.statistic, e.welch.statistic);
      expectStatistic(result.tests.welch.df, e.welch.df);
      expectPValue(result.tests.welch.pValue, e.welch.pValue);
      expectPValue(result.tests.mannWhitney.pValue, e.mannWhitneyPValue);
      expectStatistic(result.tests.brownForsythe.statistic, e.brownForsythe.statistic);
      expectPValue(result.tests.brownForsythe.pValue, e.brownForsythe.pValue);
      expectStatistic(result.effect.hedgesG, e.hedgesG);
      expect(Math.abs(result.tests.bayes.probCandidateMeanLower - e.probCandidateMeanLower)).toBeLessThanOrEqual(1e-4);
      expectPValue(result.tests.permutation.pValue, e.permutationPValue);
      expectStatistic(result.tests.permutation.statistic, e.meanDifference);
      for (const value of [result.difference!.estimate, ...result.difference!.ci]) expect(Number.isFinite(value)).toBe(true);
    });
  }

  for (const c of cases.filter((c) => c.scaleExponent !== 0)) {
    it(`${c.name}: the same verdict and p-values as the unscaled data`, () => {
      const unscaled = (values: number[]) => Array.from(scaleByPowerOfTwo(values, -c.scaleExponent));
      const scaled = compareSamples(c.baseline, c.candidate, { direction: 'lower' });
      const plain = compareSamples(unscaled(c.baseline), unscaled(c.candidate), { direction: 'lower' });
      expect(scaled.verdict).toBe(plain.verdict);
      expect(scaled.decision.primary).toEqual(plain.decision.primary);
      expect(scaled.tests.welch).toEqual(plain.tests.welch);
      expect(scaled.variance).toEqual(plain.variance);
      expect(scaled.decision.suspicion).toEqual(plain.decision.suspicion);
    });
  }
});

describe('meanAndSd', () => {
  it('keeps the digits of 1e9 ± 1e-3 data that a one-pass update loses', () => {
    const c = cases.find((x) => x.name === '1e9 +- 1e-3')!;
    const { mean, sd } = meanAndSd(c.baseline);
    expect(Math.abs(sd - c.expected.baselineSd) / c.expected.baselineSd).toBeLessThan(1e-12);
    expect(mean).toBe(c.expected.baselineMean);
  });

  it('is exact for constant arms and finite next to the largest doubles', () => {
    expect(meanAndSd([0.8, 0.8, 0.8])).toEqual({ mean: 0.8, sd: 0 });
    const near = meanAndSd([1.7e308, -1.7e308 / 2, 1.6e308]);
    expect(Number.isFinite(near.mean) && Number.isFinite(near.sd)).toBe(true);
  });
});

describe('welchDegreesOfFreedom', () => {
  it('neither overflows nor underflows at extreme squared standard errors', () => {
    const reference = welchDegreesOfFreedom(2, 8, 3, 9);
    expectStatistic(welchDegreesOfFreedom(2e300, 8, 3e300, 9), reference);
    expectStatistic(welchDegreesOfFreedom(2e-300, 8, 3e-300, 9), reference);
  });
});
