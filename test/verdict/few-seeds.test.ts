import { describe, expect, it } from 'vitest';
import { SUSPICIOUS_LEVEL } from '../../src/model/defaults.js';
import { adjustSuite, assessSuspicion, compareMetrics, compareSamples, isSuspicious } from '../../src/verdict/index.js';

// scikit-learn digits, seeds 0–5 (examples/sklearn-digits/train.py): held-out metrics of HEAD, and
// the same models scored on their training split (the eval-on-train metric bug).
const heldOut = {
  accuracy: [0.96444, 0.96444, 0.95556, 0.96222, 0.96889, 0.95333],
  logLoss: [0.22374, 0.22964, 0.22912, 0.2231, 0.21117, 0.24523],
};
const onTrain = {
  accuracy: [0.98441, 0.98589, 0.98441, 0.98144, 0.98367, 0.98293],
  logLoss: [0.17248, 0.16759, 0.17008, 0.17193, 0.17285, 0.16405],
};

describe('suspicious at 5–6 seeds per arm', () => {
  it('flags an eval-on-train metric bug at 6 vs 6 seeds, alone and in a Holm family', () => {
    expect(compareSamples(heldOut.accuracy, onTrain.accuracy, { direction: 'higher' }).verdict).toBe('suspicious');
    expect(compareSamples(heldOut.logLoss, onTrain.logLoss, { direction: 'lower' }).verdict).toBe('suspicious');
    const family = compareMetrics([
      { metric: 'accuracy', direction: 'higher', baseline: heldOut.accuracy, candidate: onTrain.accuracy, bootstrap: false },
      { metric: 'log_loss', direction: 'lower', baseline: heldOut.logLoss, candidate: onTrain.logLoss, bootstrap: false },
    ]);
    // A suite of two configs × two metrics shares the suspicious level four ways.
    const suite = adjustSuite([...family, ...family], { correction: 'holm' });
    expect(suite.map((c) => c.verdict)).toEqual(['suspicious', 'suspicious', 'suspicious', 'suspicious']);
    expect(suite[0]!.decision.suspiciousLevel).toBeCloseTo(SUSPICIOUS_LEVEL / 4, 15);
  });

  it('sees complete separation through ties within the arms (a discrete metric)', () => {
    const suspicion = assessSuspicion([0.78, 0.79, 0.79, 0.78, 0.78, 0.78], [0.9, 0.89, 0.89, 0.9, 0.9, 0.9], 'higher');
    expect(suspicion.separated).toBe(true);
    expect(suspicion.rankPValue).toBeGreaterThan(suspicion.rankPValueFloor);
    expect(isSuspicious(suspicion, SUSPICIOUS_LEVEL)).toBe(true);
  });

  it('leaves a 2-sd genuine improvement at 6 vs 6 alone', () => {
    const baseline = [10.3, 9.1, 10.8, 9.6, 10.1, 10.0];
    const result = compareSamples(
      baseline,
      baseline.map((x) => x + 1.4),
      { direction: 'higher' },
    );
    expect(result.verdict).not.toBe('suspicious');
  });

  it('does not flag a split of one distribution into its halves (no gap between the arms)', () => {
    const suspicion = assessSuspicion([-1.2, -0.8, -0.5, -0.3, -0.2, -0.1], [0.05, 0.2, 0.4, 0.6, 0.9, 1.3], 'higher');
    expect(suspicion.separated).toBe(true);
    expect(suspicion.gapInPooledSd).toBeLessThan(1);
    expect(isSuspicious(suspicion, SUSPICIOUS_LEVEL)).toBe(false);
  });
});

describe('few seeds, few distinct values', () => {
  it('does not take a constant arm for an exact one: [0.8, 0.8] vs [0.75, 0.75] is inconclusive, not a regression', () => {
    const result = compareSamples([0.8, 0.8], [0.75, 0.75], { direction: 'higher' });
    expect(result.verdict).toBe('inconclusive');
    expect(result.decision.primary).toMatchObject({ test: 'permutation', basis: 'too-few-splits-no-spread' });
    expect(result.decision.primary.pValue).toBeGreaterThan(0.3);
    expect(result.decision.reasons).toContainEqual({ code: 'no-spread-in-an-arm', arms: ['baseline', 'candidate'] });
  });

  it('does not call [0.85, 0.85] against [0.8, 0.8] suspicious', () => {
    const result = compareSamples([0.8, 0.8], [0.85, 0.85], { direction: 'higher' });
    expect(result.verdict).toBe('inconclusive');
    expect(result.decision.suspicion.gapInPooledSd).toBe(0);
  });

  it('keeps Welch at 3 vs 3 when both arms vary, and drops it when one arm is constant', () => {
    expect(compareSamples([0.8, 0.85, 0.75], [0.7, 0.65, 0.7], { direction: 'higher' }).decision.primary.test).toBe('welch');
    const constant = compareSamples([0.8, 0.8, 0.8], [0.7, 0.75, 0.7], { direction: 'higher' });
    expect(constant.decision.primary.basis).toBe('too-few-splits-no-spread');
    expect(constant.verdict).toBe('inconclusive');
  });

  it('still decides constant arms once a permutation test can reach alpha (5 vs 5)', () => {
    const result = compareSamples([0.8, 0.8, 0.8, 0.8, 0.8], [0.75, 0.75, 0.75, 0.75, 0.75], { direction: 'higher' });
    expect(result.decision.primary.test).not.toBe('welch');
    expect(result.verdict).toBe('regression');
  });
});

describe('variance verdict', () => {
  it('sees a 4× spread at 5 vs 5 that the plain Brown–Forsythe test misses', () => {
    const result = compareSamples([10.1, 9.85, 10.0, 10.2, 9.9], [10.3, 9.5, 10.0, 10.9, 9.4], { direction: 'lower' });
    expect(result.tests.brownForsythe.pValue).toBeGreaterThan(0.05);
    expect(result.variance.spreadTestPValue).toBeLessThan(0.05);
    expect(result.variance.verdict).toBe('increased');
  });

  it('gives no variance verdict with 2 runs in an arm', () => {
    const result = compareSamples([1, 1.1], [0, 5], { direction: 'lower' });
    expect(result.variance.verdict).toBe('unchanged');
    expect(result.variance.spreadTestPValue).toBe(1);
  });
});
