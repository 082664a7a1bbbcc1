import { describe, expect, it } from 'vitest';
import type { RunDocument } from '../../src/model/run-document.js';
import type { LoadedSuite } from '../../src/suite/index.js';
import { compareMetrics } from '../../src/verdict/index.js';
import { decideOverall } from '../../src/verdict/overall.js';
import { adjustAcrossSuite } from '../../src/workflows/run-suite.js';

const BASE = [10.1, 9.8, 10.3, 9.9, 10.0, 10.2, 9.7, 10.4, 10.05, 9.95];
const CONFIGS = ['a', 'b', 'c', 'd'];

/** A config whose loss is worse by `shift`: alone, a shift of 0.25 is a regression at p ≈ 0.02. */
function runDocument(config: string, shift: number, extraReasons: RunDocument['reasons'] = []): RunDocument {
  const candidate = BASE.map((x, i) => x + shift + (i % 2 ? 0.03 : -0.03));
  const comparisons = compareMetrics([{ metric: 'loss', baseline: BASE, candidate, direction: 'lower' }]);
  const overall = decideOverall({ comparisons, gating: { loss: true }, baseline: { ok: 10, total: 10 }, candidate: { ok: 10, total: 10 } });
  const arm = { name: config, configFile: `${config}.yaml`, fingerprint: 'f', source: 'runs' as const, runs: 10, failedRuns: 0, samples: {} };
  return {
    mlregVersion: 'test',
    createdAt: '2026-01-01T00:00:00.000Z',
    config: { name: config, file: `${config}.yaml`, fingerprint: 'f', tags: [], diff: {}, metrics: { loss: { direction: 'lower' } } },
    baseline: arm,
    candidate: arm,
    runs: [],
    comparisons,
    verdict: overall.verdict,
    exitCode: overall.exitCode,
    reasons: [...overall.reasons, ...extraReasons],
    links: [],
  };
}

function suiteOf(correction: 'holm' | 'bh', names = CONFIGS): LoadedSuite {
  return {
    name: 's',
    file: '/p/suites/s.yaml',
    spec: { configs: [], overrides: {}, correction, notify: {} },
    entries: names.map((name, index) => ({
      index,
      entry: { config: `${name}.yaml`, set: {}, expect_improvement: false },
      overrides: [],
      loaded: { name, config: { metrics: { loss: { direction: 'lower', alpha: 0.05, gate: true } } } },
    })) as unknown as LoadedSuite['entries'],
  };
}

describe('adjustAcrossSuite', () => {
  const docs = CONFIGS.map((name) => runDocument(name, 0.25));

  it('each config alone is a regression (the test can fail)', () => {
    expect(docs.map((doc) => doc.verdict)).toEqual(['fail', 'fail', 'fail', 'fail']);
  });

  it('Holm across the suite: four p ≈ 0.02 are not four false alarms, and each config is re-decided', () => {
    const { adjusted, adjustment } = adjustAcrossSuite(suiteOf('holm'), docs);
    expect(adjustment.method).toBe('holm');
    expect(adjustment.family).toBe(4);
    expect(adjustment.alpha).toBe(0.05);
    expect(adjustment.tests.every((test) => !test.rejected && test.adjustedPValue > test.pValue)).toBe(true);
    expect(adjusted.map((doc) => doc.verdict)).toEqual(['pass', 'pass', 'pass', 'pass']);
    expect(adjusted.map((doc) => doc.exitCode)).toEqual([0, 0, 0, 0]);
    expect(adjusted[0]!.reasons.map((reason) => reason.code)).not.toContain('regression');
    // The input documents are not changed.
    expect(docs[0]!.verdict).toBe('fail');
  });

  it('Benjamini–Hochberg keeps four equal p ≈ 0.02 significant (false discovery rate, not any false alarm)', () => {
    const { adjusted, adjustment } = adjustAcrossSuite(suiteOf('bh'), docs);
    expect(adjustment.tests.every((test) => test.rejected)).toBe(true);
    expect(adjusted.map((doc) => doc.verdict)).toEqual(['fail', 'fail', 'fail', 'fail']);
  });

  it("a strong regression survives Holm, and reasons other than the verdict's are kept", () => {
    const strong = runDocument('a', 1, [{ code: 'metric-not-in-baseline', metric: 'accuracy', baselineFile: 'baselines/a.json' }]);
    const { adjusted } = adjustAcrossSuite(suiteOf('holm'), [strong, ...docs.slice(1)]);
    expect(adjusted[0]!.verdict).toBe('fail');
    expect(adjusted[0]!.reasons.map((reason) => reason.code)).toEqual(['regression', 'metric-not-in-baseline']);
  });

  it('leaves a config with nothing compared (its baseline was just recorded) as it was', () => {
    const recorded = {
      ...runDocument('a', 0),
      comparisons: [],
      verdict: 'pass' as const,
      exitCode: 0 as const,
      reasons: [{ code: 'baseline-recorded' as const, config: 'a', baselineFile: 'baselines/a.json', runs: 10 }],
    };
    const { adjusted, adjustment } = adjustAcrossSuite(suiteOf('holm'), [recorded, docs[1]!]);
    expect(adjustment.family).toBe(1);
    expect(adjusted[0]!.verdict).toBe('pass');
    expect(adjusted[0]!.reasons).toEqual(recorded.reasons);
    expect(adjusted[1]!.verdict).toBe('fail');
  });
});
