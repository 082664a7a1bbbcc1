/** Power of the two-sample t-test and the difference it detects: SciPy noncentral-t goldens and a simulation of the gate. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRandom, minimumDetectableDifference, minimumDetectableEffectSize, pilotUpperSd, twoSampleTPower } from '../../src/stats/index.js';
import { compareMetrics } from '../../src/verdict/index.js';

const goldens = JSON.parse(readFileSync(resolve(process.cwd(), 'test/fixtures/goldens/scipy-goldens.json'), 'utf8')).tTestPower as {
  power: Array<{ d: number; nb: number; nc: number; alpha: number; power: number }>;
  detectableAt80: Array<{ nb: number; nc: number; alpha: number; d: number }>;
};

describe('twoSampleTPower (SciPy nct)', () => {
  for (const c of goldens.power) {
    it(`d = ${c.d}, ${c.nb} vs ${c.nc}, alpha ${c.alpha.toPrecision(3)}`, () => {
      expect(twoSampleTPower(c.d, c.nb, c.nc, c.alpha)).toBeCloseTo(c.power, 9);
    });
  }
});

describe('minimumDetectableEffectSize (SciPy brentq on nct power)', () => {
  for (const c of goldens.detectableAt80) {
    it(`${c.nb} vs ${c.nc} at alpha ${c.alpha.toPrecision(3)}`, () => {
      expect(Math.abs(minimumDetectableEffectSize(c.nb, c.nc, { alpha: c.alpha, power: 0.8 }) - c.d) / c.d).toBeLessThan(1e-7);
    });
  }
});

describe('minimumDetectableDifference', () => {
  it('scales the effect size by the pilot-corrected sd of the baseline samples', () => {
    const samples = [10, 11, 9, 10.5, 9.5, 10.2];
    const result = minimumDetectableDifference(samples, 6, 6, { alpha: 0.05 });
    const sd = Math.sqrt(samples.reduce((sum, x) => sum + (x - 10.033333333333333) ** 2, 0) / 5);
    expect(result.sdObserved).toBeCloseTo(sd, 12);
    expect(result.sdUsed).toBeCloseTo(pilotUpperSd(sd, 6, 0.8), 12);
    expect(result.difference).toBeCloseTo(result.effectSize * result.sdUsed, 12);
    expect(result.effectSize).toBeCloseTo(minimumDetectableEffectSize(6, 6, { alpha: 0.05, power: 0.8 }), 12);
  });

  it('is what the gate (permutation or rank test, Holm over 3 metrics) detects about 80% of the time on normal data', () => {
    // 8 vs 8 runs, 3 metrics: the gate decides each at Holm's alpha/3 for a lone effect.
    const n = 8;
    const d = minimumDetectableDifference({ mean: 0, sd: 1 }, n, n, { alpha: 0.05 / 3, pilotConfidence: 0 }).difference;
    const random = createRandom(20261130);
    const reps = 300;
    let found = 0;
    for (let rep = 0; rep < reps; rep++) {
      const arm = (shift: number) => Array.from({ length: n }, () => shift + random.normal());
      const [shifted] = compareMetrics(
        ['fid', 'loss', 'accuracy'].map((metric, i) => ({ metric, baseline: arm(0), candidate: arm(i === 0 ? d : 0), direction: 'lower' as const, bootstrap: false, seed: rep })),
      );
      if (shifted!.decision.adjustedPValue <= 0.05) found++;
    }
    // Binomial sd at 0.8 over 300 reps is 0.023; the rank test on a few skewed-looking samples loses a little.
    expect(found / reps).toBeGreaterThan(0.7);
    expect(found / reps).toBeLessThan(0.9);
  });
});
