/** `run --sequential` decides the softmax bug with fewer seeds than the fixed-N run, and says so. */
import { describe, expect, it } from 'vitest';
import { mlreg, testProject } from './harness.js';

describe('mlreg run --sequential', () => {
  it('reaches regression on the softmax bug with fewer seeds than the fixed-N design', async () => {
    const dir = await testProject({}, { withExampleConfigs: true });
    const recorded = await mlreg(dir, ['baseline', 'record', '--config', 'configs/head.yaml']);
    expect(recorded.exitCode).toBe(0);

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

  it('rejects --max-seeds without --sequential', async () => {
    const dir = await testProject({}, { withExampleConfigs: true });
    const result = await mlreg(dir, ['run', '--config', 'configs/head.yaml', '--max-seeds', '5']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/--sequential/);
    expect(result.stdout).toBe('');
  });
});
