/**
 * `mlreg internal run-seed`, the worker a Slurm task runs, on this machine: it passes the
 * time-limit warning (SIGUSR1, launcher.slurm.signal_before_timeout) on to the trainer, and an
 * attempt marked as resumed (resume.json) keeps the run directory and tells the trainer.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ArmPlan } from '../../src/runner/types.js';
import type { RunRecord } from '../../src/model/run-record.js';
import { mlreg, testProject } from './harness.js';

// Started, it notes so; on SIGUSR1 it "checkpoints" and finishes, reporting what it saw.
const TRAINER = `
const fs = require('fs');
const dir = process.env.MLREG_RUN_DIR;
const kept = fs.existsSync(dir + '/checkpoint.pt');
process.on('SIGUSR1', () => {
  fs.writeFileSync(process.env.MLREG_METRICS_FILE, JSON.stringify({ score: 1, warned: 1, kept: kept ? 1 : 0 }));
  fs.writeFileSync(dir + '/resumed-after.txt', process.env.MLREG_RESUMED_AFTER ?? '');
  process.exit(0);
});
fs.writeFileSync(dir + '/started', '');
setTimeout(() => process.exit(9), 30000);
`;

async function waitFor(file: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${file}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('mlreg internal run-seed', () => {
  it('passes SIGUSR1 on to the trainer, and resumes a marked attempt in its kept run directory', { timeout: 30_000 }, async () => {
    const dir = await testProject();
    const armDir = join(dir, 'arm');
    const plan: ArmPlan = {
      arm: 'candidate',
      armDir,
      seeds: [0],
      config: {
        name: 'cfg',
        file: join(dir, 'cfg.yaml'),
        group: 'cfg',
        fingerprint: 'f'.repeat(64),
        tags: [],
        trainer: { adapter: 'command', command: [process.execPath, '-e', TRAINER] },
        params: {},
        metrics: { score: { direction: 'higher' } },
      },
    };
    await mkdir(join(armDir, 'seed-0'), { recursive: true });
    await writeFile(join(armDir, 'plan.json'), JSON.stringify(plan));
    await writeFile(join(armDir, 'seed-0', 'checkpoint.pt'), 'weights');
    await writeFile(join(armDir, 'seed-0', 'resume.json'), JSON.stringify({ after: 'TIMEOUT' }));

    const worker = mlreg(dir, ['internal', 'run-seed', '--plan', join(armDir, 'plan.json'), '--seed', '0']);
    await waitFor(join(armDir, 'seed-0', 'started'), 20_000);
    worker.kill('SIGUSR1');
    const result = await worker;

    expect(result.exitCode).toBe(0);
    const record = JSON.parse(await readFile(join(armDir, 'seed-0', 'result.json'), 'utf8')) as RunRecord;
    expect(record).toMatchObject({ status: 'ok', metrics: { score: 1, warned: 1, kept: 1 } });
    expect(await readFile(join(armDir, 'seed-0', 'resumed-after.txt'), 'utf8')).toBe('TIMEOUT');
  });
});
