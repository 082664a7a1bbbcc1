/**
 * Trainer output without newlines (tqdm's `\r` progress bars) is read in linear time and memory,
 * its logs are capped with a marker of what was cut, and SIGTERM ends mlreg while it streams.
 * (`npm run bench:input` shows the linear time as ratios; these tests show the behaviour.)
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFiles, mlreg, repoRoot, testProject } from './harness.js';

const trainer = join(repoRoot, 'test/fixtures/trainers/progress-bar.mjs');

function config(params: string, runner = ''): string {
  return `
trainer:
  adapter: command
  command: [node, ${JSON.stringify(trainer)}]
params: ${params}
seeds: 2
metrics: { loss: lower }
${runner}
`;
}

describe('a trainer that prints 20 MiB without a newline', () => {
  it('is recorded ok with its streamed metric, and its logs keep head and tail within runner.log_limit_mb', async () => {
    const dir = await testProject({ 'configs/bar.yaml': config('{ megabytes: 20 }', 'runner: { log_limit_mb: 1 }') });
    const result = await mlreg(dir, ['run', '--config', 'configs/bar.yaml', '--json', '--concurrency', '2']);
    expect(result.stderr).not.toMatch(/error/i);
    const doc = JSON.parse(result.stdout);
    expect(doc.runs.map((run: { status: string }) => run.status)).toEqual(['ok', 'ok']);
    expect(doc.runs.map((run: { metrics: { loss: number } }) => run.metrics.loss)).toEqual([1, 1.1]);
    const logs = (await listFiles(dir)).filter((file) => /(stdout|stderr)\.log$/.test(file));
    expect(logs).toHaveLength(4);
    for (const log of logs) {
      const size = (await stat(join(dir, log))).size;
      expect(size).toBeGreaterThan(1024 * 1024);
      expect(size).toBeLessThan(1024 * 1024 + 300);
      const text = await readFile(join(dir, log), 'utf8');
      expect(text).toMatch(/\n\[mlreg: [\d,]+ bytes of output cut here \(runner\.log_limit_mb\); the log keeps the first 524,288 and the last 524,288 bytes\]\n/);
      expect(text.startsWith('\r  0%|')).toBe(true);
    }
    const stdoutLog = await readFile(join(dir, logs.find((file) => file.endsWith('stdout.log'))!), 'utf8');
    expect(stdoutLog).toMatch(/\rMLREG_METRIC \{"step": 1, "loss": 1(\.1)?\}\n$/);
  }, 120_000);

  it('ends with 143 on SIGTERM while the trainer streams', async () => {
    const dir = await testProject({ 'configs/bar.yaml': config('{ forever: true }') });
    const child = mlreg(dir, ['run', '--config', 'configs/bar.yaml', '--concurrency', '2']);
    // Wait until both runs stream (their logs exist), then interrupt.
    for (let attempt = 0; attempt < 200; attempt++) {
      const logs = (await listFiles(dir)).filter((file) => file.endsWith('stdout.log'));
      if (logs.length === 2) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    child.kill('SIGTERM');
    const result = await child;
    expect(result.exitCode).toBe(143);
  }, 120_000);
});
