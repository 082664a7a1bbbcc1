/**
 * The choice between a library and a hand-written function, per function, against the SciPy
 * goldens (test/support/library-checks.ts): a hand-written one stays only where the library falls
 * short of a golden, or (ranks) where it is slower; `npm run bench:libraries` prints the errors and
 * speed ratios.
 */
import jStat from 'jstat';
import { describe, expect, it } from 'vitest';
import { rankWithTies } from '../../src/stats/ranks.js';
import { evaluateCheck, libraryChecks } from '../support/library-checks.js';

const byName = (ours: string, library: string) => {
  const check = libraryChecks.find((c) => c.ours === ours && c.library === library);
  if (!check) throw new Error(`no check of ${ours} against ${library}`);
  return evaluateCheck(check);
};

describe('every statistic meets its goldens', () => {
  it.each(libraryChecks.map((c) => [`${c.ours} (checked against ${c.library})`, c] as const))('%s', (_, check) => {
    expect(evaluateCheck(check).oursWorst).toBeLessThanOrEqual(1);
  });
});

describe('hand-written where the library falls short of the goldens', () => {
  const kept: Array<[string, string]> = [
    ['meanAndSd (mean)', 'simple-statistics mean'],
    ['meanAndSd (sd)', 'simple-statistics sampleStandardDeviation'],
    ['sampleShape (skewness, bias=True)', 'simple-statistics sampleSkewness'],
    ['sampleShape (excess kurtosis, bias=True)', 'simple-statistics sampleKurtosis'],
    ['logGamma', 'simple-statistics gammaln'],
    ['logGamma', 'jstat gammaln'],
    ['regularizedGammaP', 'jstat lowRegGamma'],
    ['normalCdf', 'jstat normal.cdf'],
    ['normalCdf', 'simple-statistics cumulativeStdNormalProbability'],
    ['normalQuantile', 'jstat normal.inv'],
    ['normalQuantile', 'simple-statistics probit'],
    ['studentTTwoSided', 'jstat studentt.cdf'],
    ['studentTQuantile', 'jstat studentt.inv'],
    ['regularizedBeta', 'jstat ibeta'],
    ['fSf', 'jstat centralF.cdf'],
  ];
  it.each(kept)('%s: %s misses a golden by more than its tolerance', (ours, library) => {
    expect(byName(ours, library).libraryWorst).toBeGreaterThan(1);
  });
});

describe('the library where it meets the goldens', () => {
  it.each([
    ['medianOfSorted', 'simple-statistics medianSorted'],
    ['quantileOfSorted (type 7)', 'simple-statistics quantileSorted'],
    ['chiSquareQuantile', 'jstat chisquare.inv'],
  ])('%s is %s, within tolerance of every golden', (ours, library) => {
    expect(byName(ours, library).libraryWorst).toBeLessThanOrEqual(1);
  });

  it("rankWithTies stays hand-written for speed alone: jstat's rank gives the same mid-ranks", () => {
    expect(byName('rankWithTies', 'jstat rank (simple-statistics has none)').libraryWorst).toBe(0);
    const values = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5];
    expect(Array.from(rankWithTies(values).ranks)).toEqual(jStat.rank(values));
  });
});
