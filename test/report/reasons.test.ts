import { describe, expect, it } from 'vitest';
import type { RunReason, SuiteReason } from '../../src/model/reasons.js';
import { describeReason, describeSequentialStop, reasonMetric, withWords } from '../../src/report/reasons.js';
import { loadDocument } from './fixtures.js';

describe('the words of a reason', () => {
  const cases: Array<[RunReason | SuiteReason, string]> = [
    [
      { code: 'failure-rate', candidateFailed: 6, candidateTotal: 10, baselineFailed: 0, baselineTotal: 10, pValue: 0.005418 },
      '6 of 10 candidate runs failed against 0 of 10 in the baseline (one-sided Fisher p = 0.00542)',
    ],
    [{ code: 'regression', metric: 'fid' }, 'worse than the baseline distribution'],
    [
      { code: 'regression', metric: 'fid', checkpoint: { step: 40, finalStep: 400, runs: 4 } },
      "worse than the baseline's learning curves at step 40 of 400, once 4 runs reached it; the runs were stopped there",
    ],
    [{ code: 'suspicious', metric: 'fid' }, 'better than the baseline distribution allows: an unexpected improvement is most often a bug in the metric'],
    [{ code: 'too-few-runs', arm: 'candidate', ok: 1, total: 5, minimum: 2 }, 'only 1 of 5 candidate runs finished with valid metrics; at least 2 are needed to compare'],
    [{ code: 'too-few-runs', arm: 'baseline', ok: 1, total: 5, minimum: 2, recording: true }, 'only 1 of 5 runs finished; no baseline recorded'],
    [{ code: 'nothing-compared' }, 'no metric could be compared'],
    [{ code: 'metric-not-in-baseline', metric: 'acc', baselineFile: 'baselines/head.json' }, 'acc is not in baselines/head.json; record the baseline again to compare it'],
    [
      {
        code: 'runs-cancelled',
        arms: [
          { arm: 'baseline', seeds: [3] },
          { arm: 'candidate', seeds: [1, 4] },
        ],
      },
      'baseline seed 3; candidate seeds 1, 4 cancelled from outside mlreg (scancel, preemption): decided without them, and the invocation stays unfinished; `mlreg run --resume` runs just those seeds and decides again',
    ],
    [
      { code: 'stopped-early', notLaunched: 13, planned: 20, failed: 7, baselineFailed: 0, baselineTotal: 10, pValue: 0.0308 },
      '13 of 20 candidate seeds were not launched: after 7 failed runs against 0 of 10 in the baseline, the crash-rate regression holds whatever the other 13 seeds do (one-sided Fisher p ≤ 0.0308 even if all succeed)',
    ],
    [
      { code: 'baseline-recorded', config: 'head', baselineFile: 'baselines/head.json', runs: 9 },
      'head had no baseline: recorded baselines/head.json from 9 runs; nothing to compare yet',
    ],
    [
      { code: 'config-input-error', config: 'typo', message: 'configs/typo.yaml: metrics.acc: expected a metric the trainer reports' },
      'configs/typo.yaml: metrics.acc: expected a metric the trainer reports',
    ],
  ];

  it.each(cases)('%j', (reason, words) => {
    expect(describeReason(reason)).toBe(words);
  });

  it('names the metric a reason concerns, and none for a reason about the whole run', () => {
    expect(reasonMetric({ code: 'regression', metric: 'fid' })).toBe('fid');
    expect(reasonMetric({ code: 'nothing-compared' })).toBeUndefined();
  });
});

describe('the words of a sequential stop', () => {
  it('says why the arm stopped launching seeds', () => {
    expect(describeSequentialStop({ code: 'no-valid-run', ended: 4 })).toBe('no candidate run finished with valid metrics (4 ended)');
    expect(describeSequentialStop({ code: 'max-seeds', maxSeeds: 12 })).toBe('all 12 seeds ran without a decision');
    const decided = {
      code: 'decided' as const,
      decision: 'fail' as const,
      metrics: [
        { metric: 'fid', verdict: 'regression' as const },
        { metric: 'loss', verdict: 'equivalent' as const },
      ],
    };
    expect(describeSequentialStop(decided)).toBe('the gate was decided (fail: fid regression, loss equivalent)');
    expect(describeSequentialStop({ code: 'curve-regression', metric: 'loss', step: 100, finalStep: 400, runs: 5, rankSum: 48, boundary: 45, alpha: 0.00625 })).toBe(
      "the learning curves decided a regression: loss at step 100 of 400 (25% of training) was worse than the baseline's after 5 candidate runs reached it (rank sum 48 ≥ boundary 45, one-sided α 0.0063 for this checkpoint); the runs were stopped there",
    );
  });

  it('goes beside the code in the worded document', () => {
    const doc = { ...loadDocument('softmax-bug'), sequential: { seedsUsed: 6, maxSeeds: 12, stop: { code: 'max-seeds' as const, maxSeeds: 12 } } };
    expect(withWords(doc).sequential).toEqual({ seedsUsed: 6, maxSeeds: 12, stop: { code: 'max-seeds', maxSeeds: 12 }, stoppedBecause: 'all 12 seeds ran without a decision' });
  });
});
