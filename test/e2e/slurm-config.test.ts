/**
 * What cluster users configure, on the Slurm dev cluster (scripts/slurm-dev-cluster.sh start):
 * setup lines whose exports reach the trainer, a `bash -lc` wrapper that uses `${{HOME}}`, a job
 * name and a log directory of one's own, and `--dry-run`, which submits nothing. Skipped where
 * `sinfo` does not answer, unless MLREG_SLURM_TESTS=required.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlurmJobJournal } from '../../src/launchers/slurm/journal.js';
import { lockCluster } from '../launchers/slurm/cluster-lock.js';
import { listFiles, mlreg, repoRoot, storedBaseline, testProject } from './harness.js';

const clusterAnswers = spawnSync('sinfo', ['--noheader'], { timeout: 10_000 }).status === 0;
const clusterRequired = process.env.MLREG_SLURM_TESTS === 'required';
const trainer = join(repoRoot, 'test/fixtures/slurm/trainer.mjs');
const POLL_ENV = { MLREG_SLURM_POLL_MS: '500' };

interface Doc {
  exitCode: number;
  runs: Array<{ arm: string; seed: number; status: string; reason?: string; runDir: string }>;
}

/** A command-trainer config on Slurm with a stored baseline, so that only the candidate arm runs. */
function slurmProject(name: string, command: string[], slurm: object): Record<string, string> {
  return {
    [`configs/${name}.yaml`]: JSON.stringify({
      name,
      trainer: { adapter: 'command', command },
      params: { run_ms: 200 },
      seeds: [0, 1],
      metrics: { score: 'higher' },
      launcher: { type: 'slurm', slurm: { time: '00:05:00', cpus_per_task: 1, ...slurm } },
    }),
    [`baselines/${name}.json`]: storedBaseline(name, { score: { direction: 'higher', samples: [10.1, 10.9, 10.4, 11.0] } }),
  };
}

/** The array job ids of every job with this name that squeue still lists. */
function arraysNamed(jobName: string): string[] {
  const out = spawnSync('squeue', ['--noheader', '--states=all', `--name=${jobName}`, '--format=%F'], { encoding: 'utf8' }).stdout;
  return [...new Set(out.trim().split('\n').filter(Boolean))];
}

describe.runIf(clusterRequired && !clusterAnswers)('Slurm cluster required', () => {
  it('answers sinfo', () => {
    expect.fail('MLREG_SLURM_TESTS=required but `sinfo` does not answer: run scripts/slurm-dev-cluster.sh start');
  });
});

describe.skipIf(!clusterAnswers)('launcher.slurm settings on the dev cluster', () => {
  let release: (() => void) | undefined;

  beforeAll(async () => {
    release = await lockCluster();
  }, 250_000);

  afterAll(() => release?.());

  it('runs the setup lines before the trainer, a ${{HOME}} wrapper, its own job name and log directory', { timeout: 120_000 }, async () => {
    const logDir = join(await testProject(), 'scratch', 'slurm-logs');
    const wrapper = ['bash', '-lc', `cd "\${{HOME}}" && exec node ${trainer} --seed {seed}`];
    const project = await testProject(
      slurmProject('slurm-setup', wrapper, {
        setup: ['export MLREG_FROM_SETUP="set up on $(hostname -s)"  # what a module load or venv activation does'],
        job_name: 'e2e-{config}-{arm}',
        log_dir: logDir,
      }),
    );
    const result = await mlreg(project, ['run', '--config', 'configs/slurm-setup.yaml', '--json'], { env: POLL_ENV });
    expect(result.stderr).not.toMatch(/mlreg: .*error/i);
    const doc = JSON.parse(result.stdout) as Doc;
    expect(doc.runs.map((run) => [run.seed, run.status])).toEqual([
      [0, 'ok'],
      [1, 'ok'],
    ]);
    const host = spawnSync('hostname', ['-s'], { encoding: 'utf8' }).stdout.trim();
    for (const run of doc.runs) {
      const seen = JSON.parse(readFileSync(join(run.runDir, 'seen.json'), 'utf8')) as { fromSetup: string; cwd: string };
      expect(seen).toEqual({ fromSetup: `set up on ${host}`, cwd: homedir() });
    }
    const journal = JSON.parse(readFileSync(join(dirname(doc.runs[0]!.runDir), 'slurm-job.json'), 'utf8')) as SlurmJobJournal;
    const jobId = journal.submissions[0]!.jobId;
    expect(arraysNamed('e2e-slurm-setup-candidate')).toContain(jobId);
    expect(existsSync(join(logDir, `slurm-${jobId}_0.out`))).toBe(true);
    expect(existsSync(join(logDir, `slurm-${jobId}_1.err`))).toBe(true);
  });

  it('stops with exit 3, naming the setup line, when a task ends before mlreg starts on the node; --resume runs it once fixed', { timeout: 120_000 }, async () => {
    // Six seeds against a four-run baseline: were the failed setups counted as crashed runs, that would be a crash-rate regression (exit 1).
    const files = slurmProject('slurm-broken-setup', ['node', trainer], { setup: ['module load cuda/99 2>/dev/null || false  # no such module'] });
    files['configs/slurm-broken-setup.yaml'] = files['configs/slurm-broken-setup.yaml']!.replace('"seeds":[0,1]', '"seeds":[0,1,2,3,4,5]');
    const project = await testProject(files);
    const result = await mlreg(project, ['run', '--config', 'configs/slurm-broken-setup.yaml'], { env: POLL_ENV });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toMatch(/the mlreg worker did not start for seed \d of slurm-broken-setup \(candidate arm\)/);
    expect(result.stderr).toContain('mlreg: launcher.slurm.setup[0]: module load cuda/99 2>/dev/null || false # no such module failed with exit status 1');
    expect(result.stderr).toMatch(/Fix the cause, then run the same command with --resume\./);
    expect(result.stdout).not.toMatch(/regression|FAILED/);

    // Fixed: the same command with --resume runs the seeds again and decides.
    const config = join(project, 'configs/slurm-broken-setup.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace('module load cuda/99 2>/dev/null || false  # no such module', 'true'));
    const resumed = await mlreg(project, ['run', '--config', 'configs/slurm-broken-setup.yaml', '--resume', '--json'], { env: POLL_ENV });
    expect(resumed.stderr).not.toMatch(/did not start/);
    const doc = JSON.parse(resumed.stdout) as Doc;
    expect(doc.runs.map((run) => run.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
    expect(doc.exitCode).toBe(0);
  });

  it('--dry-run prints the sbatch command and the job script, and submits and writes nothing', { timeout: 60_000 }, async () => {
    const project = await testProject(slurmProject('slurm-dry', ['node', trainer], { setup: ['export MLREG_FROM_SETUP=dry'], max_parallel: 1 }));
    const before = await listFiles(project);
    const result = await mlreg(project, ['run', '--config', 'configs/slurm-dry.yaml', '--dry-run']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^\$ sbatch --parsable --array=0-1%1 --job-name=mlreg-slurm-dry-candidate .*--time=00:05:00 --cpus-per-task=1 .*slurm-job\.sh'?$/m);
    expect(result.stdout).toContain('export MLREG_FROM_SETUP=dry\nsetup_status=$?');
    expect(result.stdout).toContain('internal run-seed --plan');
    expect(arraysNamed('mlreg-slurm-dry-candidate')).toEqual([]);
    expect(await listFiles(project)).toEqual(before);
  });
});
