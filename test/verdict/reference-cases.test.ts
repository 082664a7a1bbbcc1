import { describe, expect, it } from 'vitest';
import { compareSamples } from '../../src/verdict/index.js';
import { mannWhitneyTest } from '../../src/stats/index.js';
import { bayesQuadrature as quadrature, expectMatchesReference, expectPValue, referenceCases as cases } from '../support/reference-cases.js';

describe('shared reference cases through compareSamples', () => {
  it('finds the shared reference file', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  for (const c of cases) {
    it(`${c.id} matches SciPy within tolerance`, () => {
      expectMatchesReference(compareSamples(c.baseline, c.candidate, { direction: 'lower', metric: c.id }), c);
    });
  }

  it('matches the exact Mann–Whitney p of every tie-free case, whatever auto would pick', () => {
    for (const c of cases.filter((x) => x.expected.mannWhitney.pValueExact !== undefined)) {
      expectPValue(mannWhitneyTest(c.baseline, c.candidate, { method: 'exact' }).pValue, c.expected.mannWhitney.pValueExact!);
    }
  });

  it('agrees with SciPy quadrature on every case to 1e-6', () => {
    for (const c of cases) {
      const prob = compareSamples(c.baseline, c.candidate, { direction: 'higher', bootstrap: false }).tests.bayes.probCandidateMeanLower;
      expect(Math.abs(prob - quadrature.get(c.id)!)).toBeLessThanOrEqual(1e-6);
    }
  });
});
