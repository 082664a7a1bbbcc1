/**
 * Launcher-level faults on the Slurm dev cluster: nothing lost, nothing run twice, and a fault of
 * the cluster is exit 3, never runs that "failed". sbatch refusing an array (a partition the
 * cluster lacks; a controller that timed out, through a PATH shim) ends with sbatch's message and
 * records no run, and `--resume` submits again. Skipped where `sinfo` does not answer, unless
 * MLREG_SLURM_TESTS=required.
 */
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockCluster } from '../launchers/slurm/cluster-lock.js';
import { listFiles, mlreg, testProject } from './harness.js';
import { clusterAnswers, clusterRequired, commandProject, journalOf, POLL_ENV, type Doc } from './slurm-project.js';

/** The project's only invocation of `config`: its directory and state. */
function onlyInvocation(dir: string, config: string): { dir: string; state: string } {
  const runs = join(dir, '.mlreg', 'runs', config);
  const ids = existsSync(runs) ? readdirSync(runs).sort() : [];
  expect(ids).toHaveLength(1);
  const info = JSON.parse(readFileSync(join(runs, ids[0]!, 'invocation.json'), 'utf8')) as { state: string };
  return { dir: join(runs, ids[0]!), state: info.state };
}

/** Files that would be run records: the arm journal, a worker's result.json. */
async function runRecordFiles(dir: string): Promise<string[]> {
  return (await listFiles(join(dir, '.mlreg'))).filter((file) => file.endsWith('runs.jsonl') || file.endsWith('result.json'));
}

describe.runIf(clusterRequired && !clusterAnswers)('Slurm cluster required', () => {
  it('answers sinfo', () => {
    expect.fail('MLREG_SLURM_TESTS=required but `sinfo` does not answer: run scripts/slurm-dev-cluster.sh start');
  });
});

describe.skipIf(!clusterAnswers)('launcher faults on the Slurm dev cluster', () => {
  let release: (() => void) | undefined;

  beforeAll(async () => {
    release = await lockCluster();
  }, 250_000);

  afterAll(() => release?.());

  it('exits 3 with sbatch’s own message when the cluster lacks the partition, records no run, and --resume submits again', { timeout: 120_000 }, async () => {
    const slurm = { cpus_per_task: 1, time: '00:05:00' };
    const dir = await testProject(commandProject('slurm-refused', [0, 1, 2], { run_ms: 200 }, { ...slurm, partition: 'no-such-partition' }));
    const refused = await mlreg(dir, ['run', '--config', 'configs/slurm-refused.yaml', '--json'], { env: POLL_ENV });

    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toMatch(/Slurm did not accept the job array of slurm-refused \(candidate arm, seeds 0-2\)/);
    expect(refused.stderr).toMatch(/sbatch --parsable --array=0-2%3 .*--partition=no-such-partition .*exited with code 1: sbatch: error: invalid partition specified: no-such-partition/);
    expect(refused.stderr).toMatch(/--resume/);
    expect(refused.stderr).not.toMatch(/regression/);
    expect(await runRecordFiles(dir)).toEqual([]);
    expect(journalOf(dir, 'slurm-refused', 'candidate')).toBeUndefined();
    expect(onlyInvocation(dir, 'slurm-refused').state).toBe('running');

    // The partition fixed (the launcher is not part of the fingerprint): --resume submits the same invocation.
    writeFileSync(join(dir, 'configs/slurm-refused.yaml'), commandProject('slurm-refused', [0, 1, 2], { run_ms: 200 }, slurm)['configs/slurm-refused.yaml']!);
    const resumed = await mlreg(dir, ['run', '--config', 'configs/slurm-refused.yaml', '--resume', '--json'], { env: POLL_ENV });
    expect(resumed.stderr).toMatch(/resuming/);
    const doc = JSON.parse(resumed.stdout) as Doc;
    expect(doc.runs.map((run) => [run.seed, run.status])).toEqual([[0, 'ok'], [1, 'ok'], [2, 'ok']]);
    expect(journalOf(dir, 'slurm-refused', 'candidate')!.submissions).toHaveLength(1);
    expect(onlyInvocation(dir, 'slurm-refused').state).toBe('complete');
  });

  it('exits 3 with sbatch’s message when the controller times out (a PATH shim), records no run, and --resume submits again', { timeout: 120_000 }, async () => {
    const dir = await testProject(commandProject('slurm-timeout', [0, 1], { run_ms: 200 }, { cpus_per_task: 1, time: '00:05:00' }));
    const shim = join(dir, 'shim');
    await mkdir(shim);
    writeFileSync(join(shim, 'sbatch'), '#!/bin/sh\necho "sbatch: error: Batch job submission failed: Socket timed out on send/recv operation" >&2\nexit 1\n');
    chmodSync(join(shim, 'sbatch'), 0o755);
    const refused = await mlreg(dir, ['run', '--config', 'configs/slurm-timeout.yaml', '--json'], {
      env: { ...POLL_ENV, PATH: `${shim}:${process.env.PATH}` },
    });

    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toMatch(/sbatch --parsable --array=0-1%2 .* exited with code 1: sbatch: error: Batch job submission failed: Socket timed out on send\/recv operation/);
    expect(await runRecordFiles(dir)).toEqual([]);
    expect(onlyInvocation(dir, 'slurm-timeout').state).toBe('running');

    const resumed = await mlreg(dir, ['run', '--config', 'configs/slurm-timeout.yaml', '--resume', '--json'], { env: POLL_ENV });
    expect(resumed.stderr).toMatch(/resuming/);
    expect((JSON.parse(resumed.stdout) as Doc).runs.map((run) => [run.seed, run.status])).toEqual([[0, 'ok'], [1, 'ok']]);
    expect(journalOf(dir, 'slurm-timeout', 'candidate')!.submissions).toHaveLength(1);
  });
});
