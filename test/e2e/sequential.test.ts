/** `run --sequential` decides the softmax bug with fewer seeds than the fixed-N run, and says so. */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mlreg, testProject } from './harness.js';

interface CurvesDoc {
  verdict: string;
  comparisons: Array<{ metric: string; verdict: string; checkpoint?: { step: number; finalStep: number; runs: number } }>;
  runs: Array<{ arm: string; status: string; curves?: Record<string, Array<{ step: number }>> }>;
  baseline: { curves?: Record<string, unknown[]> };
  failureRate: { verdict: string };
  sequential: {
    seedsUsed: number;
    stepsTrained: number;
    stoppedBecause: string;
    curves: { alpha: number; stoppedAt?: { metric: string; step: number; finalStep: number; runs: number; seeds: number[] } };
  };
}

describe('mlreg run --sequential', () => {
  it('reaches regression on the softmax bug with fewer seeds than the fixed-N design', async () => {
    const dir = await testProject({}, { withExampleConfigs: true });
    const recorded = await mlreg(dir, ['baseline', 'record', '--config', 'configs/head.yaml']);
    expect(recorded.exitCode).toBe(0);

    // Final values only: the learning curves are the next test's.
    const config = join(dir, 'configs/ablations/softmax-bug.yaml');
    await writeFile(config, (await readFile(config, 'utf8')).replace('sequential: { curves: true }', 'sequential: { curves: false }'));
    const result = await mlreg(dir, ['run', '--config', 'configs/ablations/softmax-bug.yaml', '--sequential', '--concurrency', '2', '--json']);
    expect(result.exitCode).toBe(1);
    const doc = JSON.parse(result.stdout);
    expect(doc.comparisons.map((c: { verdict: string }) => c.verdict)).toContain('regression');
    expect(doc.sequential.maxSeeds).toBe(10);
    expect(doc.sequential.seedsUsed).toBeLessThan(10);
    expect(doc.sequential.stoppedBecause).toMatch(/decided \(fail/);
    // Runs still in flight when the verdict was decided are cancelled, not counted as failures.
    expect(doc.failureRate.verdict).toBe('unchanged');
    expect(result.stderr).toMatch(/P\(worse\)/);

    const console = await mlreg(dir, ['run', '--config', 'configs/ablations/softmax-bug.yaml', '--sequential']);
    expect(console.stdout).toMatch(/sequential: \d of at most 10 seeds/);
  });

  it("stops the softmax bug's runs early on its learning curves, against the curves the baseline file stores", async () => {
    const dir = await testProject({}, { withExampleConfigs: true });
    expect((await mlreg(dir, ['baseline', 'record', '--config', 'configs/head.yaml'])).exitCode).toBe(0);
    const stored = JSON.parse(await readFile(join(dir, 'baselines/head.json'), 'utf8')) as { runs: Array<{ curves?: Record<string, { steps: number[] }> }> };
    expect(stored.runs.every((run) => run.curves?.loss?.steps.length === 20)).toBe(true);

    const result = await mlreg(dir, ['run', '--config', 'configs/ablations/softmax-bug.yaml', '--sequential', '--concurrency', '2', '--json', '--report-dir', 'reports']);
    expect(result.exitCode).toBe(1);
    const doc = JSON.parse(result.stdout) as CurvesDoc;
    expect(doc.verdict).toBe('fail');
    const stop = doc.sequential.curves.stoppedAt!;
    expect(stop.finalStep).toBe(400);
    expect(stop.step).toBeLessThan(400);
    expect(doc.sequential.stoppedBecause).toMatch(new RegExp(`learning curves decided a regression: ${stop.metric} at step ${stop.step} of 400`));
    const decided = doc.comparisons.find((c) => c.metric === stop.metric)!;
    expect(decided.verdict).toBe('regression');
    expect(decided.checkpoint).toEqual({ step: stop.step, finalStep: 400, runs: stop.runs });
    // The fixed-N run trains 10 × 400 steps; the runs in flight were stopped, not counted as crashes.
    expect(doc.sequential.stepsTrained).toBeLessThan(0.5 * 4000);
    const candidate = doc.runs.filter((run) => run.arm === 'candidate');
    expect(candidate.some((run) => run.status === 'cancelled' && (run.curves?.loss?.at(-1)?.step ?? 0) < 400)).toBe(true);
    expect(doc.failureRate.verdict).toBe('unchanged');
    expect(Object.keys(doc.baseline.curves ?? {})).toContain('loss');
    expect(await readFile(join(dir, 'reports/report.md'), 'utf8')).toMatch(/learning curves decided a regression/);
  });

  it('rejects --max-seeds without --sequential', async () => {
    const dir = await testProject({}, { withExampleConfigs: true });
    const result = await mlreg(dir, ['run', '--config', 'configs/head.yaml', '--max-seeds', '5']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/--sequential/);
    expect(result.stdout).toBe('');
  });
});
