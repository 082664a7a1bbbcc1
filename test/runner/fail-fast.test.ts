/** The fail-fast rules: which first records stop an arm, and why. */
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/model/run-record.js';
import type { RunStatus } from '../../src/model/run-record.js';
import { fisherExactGreater } from '../../src/stats/fisher-exact.js';
import { ArmWatch, brokenArm, crashRateCertain, reasonHeadline, unreportedMetric } from '../../src/runner/fail-fast.js';

function record(seed: number, status: RunStatus, reason?: string, metrics: Record<string, number> = {}): RunRecord {
  return { seed, status, ...(reason ? { reason } : {}), metrics, runDir: `/p/.mlreg/runs/x/1/baseline/seed-${seed}`, startedAt: '', durationMs: 1, attempts: 1 };
}

const noTorch = (seed: number) =>
  record(
    seed,
    'failed',
    `trainer exited with code 1; stderr ends with:\nTraceback (most recent call last):\n  File "/runs/seed-${seed}/train.py", line 3\nModuleNotFoundError: No module named 'torch'`,
  );
const ok = (seed: number, metrics: Record<string, number> = { fid: 30 + seed }) => record(seed, 'ok', undefined, metrics);

describe('reasonHeadline', () => {
  it('is the last line that is not a stack frame', () => {
    expect(reasonHeadline(noTorch(0).reason)).toBe("ModuleNotFoundError: No module named 'torch'");
    expect(reasonHeadline('trainer threw: boom\n    at train (file:///t.mjs:3:9)\n    at main (w.js:1:1)')).toBe('trainer threw: boom');
    expect(reasonHeadline(undefined)).toBe('');
  });
});

describe('brokenArm', () => {
  it('stops on three failures in a row with the same reason, numbers aside', () => {
    const oom = (seed: number, gib: string) => record(seed, 'failed', `exited with code 1; stderr ends with:\nCUDA out of memory. Tried to allocate ${gib} GiB`);
    expect(brokenArm([oom(0, '2.00'), oom(1, '1.50')], 8)).toBeUndefined();
    expect(brokenArm([ok(5), oom(0, '2.00'), oom(1, '1.50'), oom(2, '3.25')], 8)).toMatchObject({
      kind: 'arm-broken',
      sharedReason: 'CUDA out of memory. Tried to allocate 3.25 GiB',
    });
  });

  it('does not stop on three failures with different reasons after a success', () => {
    expect(brokenArm([ok(0), noTorch(1), record(2, 'timeout', 'exceeded the 60 s timeout; stopped'), noTorch(3)], 4)).toBeUndefined();
  });

  it('stops when the first runs all failed, whatever the reasons', () => {
    const mixed = [noTorch(0), record(1, 'timeout', 'exceeded the 60 s timeout; stopped'), record(2, 'invalid', 'metric "fid" is NaN'), noTorch(3)];
    expect(brokenArm(mixed.slice(0, 3), 4)).toBeUndefined();
    const finding = brokenArm(mixed, 4);
    expect(finding).toMatchObject({ kind: 'arm-broken' });
    expect(finding && 'sharedReason' in finding && finding.sharedReason).toBeFalsy();
    expect(brokenArm([ok(0), ...mixed], 4)).toBeUndefined();
  });
});

describe('unreportedMetric', () => {
  const metric = (seed: number) => record(seed, 'invalid', 'metric "test_eror" is missing (reported: test_error, loss)', { test_error: 0.1, loss: 0.5 });

  it('names a declared metric no finished run reports, with the closest reported name', () => {
    expect(unreportedMetric([metric(0)], ['test_eror'], 2)).toBeUndefined();
    expect(unreportedMetric([metric(0), metric(1)], ['test_eror'], 2)).toEqual({
      kind: 'unreported-metric',
      metric: 'test_eror',
      reported: ['loss', 'test_error'],
      suggestion: 'test_error',
      runs: 2,
    });
  });

  it('ignores crashed runs, which may have streamed a training loss and died before evaluating', () => {
    const crashed = (seed: number) => record(seed, 'failed', 'exited with code 1', { loss: 0.4 });
    expect(unreportedMetric([crashed(0), crashed(1), crashed(2)], ['fid'], 1)).toBeUndefined();
  });

  it('says nothing when a run reports the metric, or no run reports anything', () => {
    expect(unreportedMetric([metric(0), ok(1, { test_eror: 0.2 })], ['test_eror'], 2)).toBeUndefined();
    expect(unreportedMetric([record(0, 'invalid', 'the trainer reported no metrics'), record(1, 'invalid', 'x')], ['fid'], 2)).toBeUndefined();
  });
});

describe('crashRateCertain', () => {
  const baseline = { baselineFailed: 0, baselineTotal: 10, alpha: 0.05 };
  const failed = (count: number) => Array.from({ length: count }, (_, seed) => record(seed, 'failed', 'exited with code 3'));

  it('is certain once the p-value with every remaining seed succeeding is below alpha', () => {
    // 6 of 20 failed: p = C(20,6)/C(30,6) = 0.0653; 7 of 20: C(20,7)/C(30,7) = 0.0381.
    expect(crashRateCertain(failed(6), 20, baseline)).toBeUndefined();
    const finding = crashRateCertain(failed(7), 20, baseline);
    expect(finding).toMatchObject({ kind: 'crash-rate-certain', failed: 7, planned: 20 });
    expect(finding && finding.kind === 'crash-rate-certain' && finding.pValue).toBeCloseTo(77520 / 2035800, 10);
  });

  it('is sound: stopping early never ends with a non-significant test (every table of up to 20 runs)', () => {
    // What the final test sees: f + later failures out of the runs that ended, at most the planned seeds.
    for (let planned = 1; planned <= 20; planned++) {
      for (let baselineTotal = 1; baselineTotal <= 12; baselineTotal++) {
        for (let baselineFailed = 0; baselineFailed <= baselineTotal; baselineFailed++) {
          const counts = { baselineFailed, baselineTotal, alpha: 0.05 };
          for (let f = 1; f <= planned; f++) {
            if (!crashRateCertain(failed(f), planned, counts)) continue;
            for (let ended = f; ended <= planned; ended++) {
              for (let more = 0; more <= ended - f; more++) {
                expect(fisherExactGreater(f + more, ended, baselineFailed, baselineTotal)).toBeLessThan(0.05);
              }
            }
          }
        }
      }
    }
  });
});

describe('ArmWatch', () => {
  it('decides once, on the record that settles it, and ignores cancelled runs', () => {
    const watch = new ArmWatch({ metrics: ['fid'], seeds: 10, concurrency: 2, brokenArm: true });
    expect(watch.add(noTorch(0))).toBeUndefined();
    expect(watch.add(record(1, 'cancelled', 'cancelled before it finished'))).toBeUndefined();
    expect(watch.add(noTorch(2))).toBeUndefined();
    const finding = watch.add(noTorch(3));
    expect(finding).toMatchObject({ kind: 'arm-broken', sharedReason: "ModuleNotFoundError: No module named 'torch'" });
    expect(watch.add(noTorch(4))).toBeUndefined();
    expect(watch.finding).toBe(finding);
  });

  it("applies the broken-arm rule only where asked (a candidate's failures are a verdict)", () => {
    const watch = new ArmWatch({ metrics: ['fid'], seeds: 10, concurrency: 1 });
    for (let seed = 0; seed < 5; seed++) expect(watch.add(noTorch(seed))).toBeUndefined();
  });
});
