/**
 * The scikit-learn example, a real Python trainer, through the `command` adapter: HEAD is run
 * for its baseline, then the ablation that forgets to standardise the pixels is a regression.
 */
import { cp } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { execaSync } from 'execa';
import { describe, expect, it } from 'vitest';
import { mlreg, repoRoot, testProject } from './harness.js';

/** The first python3 that can import scikit-learn (pyenv's may not; Debian's python3-sklearn is in /usr/bin). */
function pythonWithSklearn(): string | undefined {
  for (const candidate of ['python3', '/usr/bin/python3']) {
    const probe = execaSync(candidate, ['-c', 'import sklearn, sys; print(sys.executable)'], { reject: false });
    if (probe.exitCode === 0) return probe.stdout.trim();
  }
  return undefined;
}

const python = pythonWithSklearn();
if (!python) console.warn('skipping the scikit-learn example: no python3 can import sklearn (Debian: apt-get install python3-sklearn)');

interface Doc {
  verdict: string;
  exitCode: number;
  baseline: { source: string };
  comparisons: Array<{ metric: string; verdict: string }>;
  runs: Array<{ arm: string; status: string; reason?: string; curves?: Record<string, Array<{ step: number; value: number }>> }>;
}

describe.skipIf(!python)('the scikit-learn digits example', () => {
  it('runs HEAD and the unscaled ablation through the command adapter and finds the regression', async () => {
    const dir = await testProject();
    // dereference: mlreg_report.py is a link to the package's python/mlreg_report.py.
    await cp(join(repoRoot, 'examples/sklearn-digits'), dir, { recursive: true, dereference: true });
    const result = await mlreg(dir, ['run', '--config', 'configs/ablations/unscaled.yaml', '--seeds', '5', '--concurrency', '2', '--json'], {
      // `python3` in the config is the one that has scikit-learn.
      env: { PATH: `${dirname(python!)}:${process.env.PATH}` },
    });
    const doc = JSON.parse(result.stdout) as Doc;
    const notOk = doc.runs.filter((run) => run.status !== 'ok');
    expect(notOk, JSON.stringify(notOk, null, 2)).toEqual([]);
    expect(doc.baseline.source).toBe('runs');
    expect(doc.runs.filter((run) => run.arm === 'baseline')).toHaveLength(5);
    expect(doc.runs.filter((run) => run.arm === 'candidate')).toHaveLength(5);
    // One streamed point per epoch.
    expect(doc.runs[0]!.curves!.accuracy).toHaveLength(20);
    expect(doc.runs[0]!.curves!.accuracy!.at(-1)!.step).toBe(20);
    expect(Object.fromEntries(doc.comparisons.map((c) => [c.metric, c.verdict]))).toEqual({ accuracy: 'regression', log_loss: 'regression' });
    expect(doc.verdict).toBe('fail');
    expect(result.exitCode).toBe(1);
  }, 60_000);

  it('calls an eval-on-train metric bug suspicious in a 6-seed Holm suite (the hourly pattern), exit 1', async () => {
    const dir = await testProject({
      'suites/hourly.yaml': [
        'description: The hourly pattern on the scikit-learn example, 6 seeds per arm, Holm across the suite',
        'configs:',
        '  - config: ../configs/head.yaml',
        '  - config: ../configs/ablations/eval-on-train.yaml',
        'overrides:',
        '  seeds: 6',
        'correction: holm',
        '',
      ].join('\n'),
    });
    await cp(join(repoRoot, 'examples/sklearn-digits'), dir, { recursive: true, dereference: true });
    const result = await mlreg(dir, ['suite', 'run', 'hourly', '--concurrency', '2', '--json'], { env: { PATH: `${dirname(python!)}:${process.env.PATH}` } });
    const doc = JSON.parse(result.stdout) as SuiteDoc;
    const bug = doc.configs.find((c) => c.config.name === 'digits-eval-on-train')!;
    expect(bug.runs.filter((run) => run.status === 'ok')).toHaveLength(6);
    expect(Object.fromEntries(bug.comparisons.map((c) => [c.metric, c.verdict]))).toEqual({ accuracy: 'suspicious', log_loss: 'suspicious' });
    expect(doc.adjustment.method).toBe('holm');
    expect(doc.reasons.map((r) => r.code)).toContain('suspicious');
    expect(doc.verdict).toBe('fail');
    expect(result.exitCode).toBe(1);
  }, 120_000);
});

interface SuiteDoc {
  verdict: string;
  exitCode: number;
  adjustment: { method: string };
  reasons: Array<{ code: string }>;
  configs: Array<{ config: { name: string }; runs: Array<{ status: string }>; comparisons: Array<{ metric: string; verdict: string }> }>;
}
