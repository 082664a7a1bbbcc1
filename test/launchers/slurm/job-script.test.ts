/** The generated job script, run by bash with a stand-in worker in place of Node.js. */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { quote, renderJobScript } from '../../../src/launchers/slurm/job-script.js';

let dir: string;
let script: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "mlreg-job script's-"));
  // The stand-in worker logs its arguments and exits with WORKER_EXIT after WORKER_MS.
  const worker = path.join(dir, 'worker');
  writeFileSync(worker, `#!/bin/bash\necho "$@" > ${quote(path.join(dir, 'worker-args'))}\nsleep "\${WORKER_MS:-0}"\nexit "\${WORKER_EXIT:-0}"\n`);
  chmodSync(worker, 0o755);
  script = path.join(dir, 'job.sh');
  writeFileSync(
    script,
    renderJobScript({ configName: 'cfg', arm: 'candidate', seeds: [4, 8, 15], planFile: path.join(dir, 'plan.json'), armDir: dir, node: worker, mlregBin: '/opt/mlreg.js' }),
  );
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const env = (extra: Record<string, string>) => ({ ...process.env, SLURM_ARRAY_JOB_ID: '42', ...extra });
const exitFile = (seed: number) => JSON.parse(readFileSync(path.join(dir, `seed-${seed}`, 'slurm-exit.json'), 'utf8'));

describe('the job script', () => {
  it('runs the seed of its array task and records the worker’s exit code', () => {
    const run = spawnSync('bash', [script], { env: env({ SLURM_ARRAY_TASK_ID: '1', WORKER_EXIT: '3' }) });
    expect(run.status).toBe(3);
    expect(readFileSync(path.join(dir, 'worker-args'), 'utf8').trim()).toBe(`/opt/mlreg.js internal run-seed --plan ${dir}/plan.json --seed 8`);
    expect(exitFile(8)).toMatchObject({ jobId: '42', task: 1, seed: 8, exitCode: 3, signal: '' });
  });

  it('refuses a task index without a seed, writing nothing', () => {
    const run = spawnSync('bash', [script], { env: env({ SLURM_ARRAY_TASK_ID: '3' }), encoding: 'utf8' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/no seed for array task 3/);
    expect(existsSync(path.join(dir, 'worker-args'))).toBe(false);
  });

  it('survives SIGTERM long enough to record that it was signalled and how the worker ended', async () => {
    const child = spawn('bash', [script], { env: env({ SLURM_ARRAY_TASK_ID: '0', WORKER_MS: '0.5', WORKER_EXIT: '0' }) });
    await new Promise((resolve) => setTimeout(resolve, 200));
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(exitFile(4)).toMatchObject({ task: 0, seed: 4, exitCode: 0, signal: 'TERM' });
  });

  it('runs the setup lines first, so what they export reaches the worker (with set -u off for activation scripts)', () => {
    const withSetup = path.join(dir, 'setup.sh');
    const worker = path.join(dir, 'env-worker');
    writeFileSync(worker, `#!/bin/bash\necho "$MLREG_FROM_SETUP" > ${quote(path.join(dir, 'worker-saw'))}\n`);
    chmodSync(worker, 0o755);
    const setup = ['export MLREG_FROM_SETUP="venv $UNSET_IN_ACTIVATE"active  # a comment', 'cd /'];
    writeFileSync(withSetup, renderJobScript({ configName: 'cfg', arm: 'candidate', seeds: [4], planFile: 'plan.json', armDir: dir, node: worker, mlregBin: 'x', setup }));
    const run = spawnSync('bash', [withSetup], { env: env({ SLURM_ARRAY_TASK_ID: '0' }), encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(readFileSync(path.join(dir, 'worker-saw'), 'utf8').trim()).toBe('venv active');
  });

  it('ends the task at the first setup line that fails, naming it, and records its status', () => {
    const failing = path.join(dir, 'failing-setup.sh');
    const setup = ['true', 'module load cuda/99  # no such module', 'echo never > /dev/null'];
    writeFileSync(
      failing,
      renderJobScript({ configName: 'cfg', arm: 'candidate', seeds: [4], planFile: 'plan.json', armDir: dir, node: path.join(dir, 'worker'), mlregBin: 'x', setup }),
    );
    const run = spawnSync('bash', [failing], { env: env({ SLURM_ARRAY_TASK_ID: '0', PATH: '/usr/bin:/bin' }), encoding: 'utf8' });
    expect(run.status).toBe(127);
    expect(run.stderr).toContain('mlreg: launcher.slurm.setup[1]: module load cuda/99 # no such module failed with exit status 127');
    expect(existsSync(path.join(dir, 'worker-args'))).toBe(false);
    expect(exitFile(4)).toMatchObject({ seed: 4, exitCode: 127 });
  });

  it('passes a time-limit warning (USR1) on to the worker and keeps waiting for it', async () => {
    const warned = path.join(dir, 'warned.sh');
    const worker = path.join(dir, 'usr1-worker');
    // The worker notes the warning, then finishes normally.
    writeFileSync(worker, '#!/bin/bash\ntrap \'echo checkpoint > "$GOT_FILE"\' USR1\nfor i in $(seq 1 40); do sleep 0.05; done\nexit 0\n');
    chmodSync(worker, 0o755);
    writeFileSync(
      warned,
      renderJobScript({ configName: 'cfg', arm: 'candidate', seeds: [4], planFile: 'plan.json', armDir: dir, node: worker, mlregBin: 'x', forwardSignal: 'USR1' }),
    );
    const child = spawn('bash', [warned], { env: env({ SLURM_ARRAY_TASK_ID: '0', GOT_FILE: path.join(dir, 'got-usr1') }) });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await new Promise((resolve) => setTimeout(resolve, 400));
    child.kill('SIGUSR1');
    const code = await exited;
    expect(code).toBe(0);
    expect(readFileSync(path.join(dir, 'got-usr1'), 'utf8').trim()).toBe('checkpoint');
    expect(exitFile(4)).toMatchObject({ seed: 4, exitCode: 0, signal: '' });
  });
});
