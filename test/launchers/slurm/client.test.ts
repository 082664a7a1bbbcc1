/**
 * The client against stand-in Slurm commands: shell scripts that log their arguments and
 * replay recorded output, so argument lists and error handling are checked without a cluster.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountingAvailable, sacct, sbatch, scancel, squeue } from '../../../src/launchers/slurm/client.js';

let binDir: string;

/** Writes a stand-in command that appends its arguments (and stdin) to calls.log, then runs `body`. */
function stub(command: string, body: string): void {
  const file = path.join(binDir, command);
  writeFileSync(file, `#!/bin/bash\nprintf '%s\\n' "${command} $*" >> "${binDir}/calls.log"\n` + `if [[ ! -t 0 ]]; then cat >> "${binDir}/calls.log"; fi\n${body}\n`);
  chmodSync(file, 0o755);
}

const calls = () => readFileSync(path.join(binDir, 'calls.log'), 'utf8').trim().split('\n');
const fixturePath = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname;

beforeEach(() => {
  binDir = mkdtempSync(path.join(tmpdir(), 'mlreg-slurm-stub-'));
  writeFileSync(path.join(binDir, 'calls.log'), '');
});
afterEach(() => rmSync(binDir, { recursive: true, force: true }));

describe('sbatch', () => {
  it('passes --parsable and the options before the script, and sends script text on stdin', async () => {
    stub('sbatch', 'echo "42;mlreg-dev"');
    const job = await sbatch(['--array=0-3%2', '--time=0:01'], { text: 'echo hi' }, { binDir });
    expect(job).toEqual({ jobId: '42', cluster: 'mlreg-dev' });
    expect(calls()).toEqual(['sbatch --parsable --array=0-3%2 --time=0:01', 'echo hi']);
  });

  it('puts a script file last and reports a refusal with sbatch’s own message', async () => {
    stub('sbatch', 'echo "sbatch: error: invalid partition specified: gpu" >&2; exit 1');
    await expect(sbatch(['--partition=gpu'], { path: '/shared/run/job.sh' }, { binDir })).rejects.toThrow(
      'sbatch --parsable --partition=gpu /shared/run/job.sh exited with code 1: sbatch: error: invalid partition specified: gpu',
    );
  });
});

describe('squeue', () => {
  it('asks for one row per task in every state, and parses the reply', async () => {
    stub('squeue', `cat ${fixturePath('squeue-array-running.txt')}`);
    const tasks = await squeue('11', { binDir, cluster: 'mlreg-dev' });
    expect(tasks.get(5)).toEqual({ state: 'PENDING', reason: 'JobArrayTaskLimit' });
    expect(calls()).toEqual(['squeue --clusters=mlreg-dev --array --noheader --states=all --jobs=11 --format=%i|%T|%r']);
  });

  it('treats an id the controller forgot as no tasks, and other failures as errors', async () => {
    stub('squeue', `cat ${fixturePath('squeue-unknown-job.txt')} | head -n 1 >&2; exit 1`);
    expect((await squeue('999999', { binDir })).size).toBe(0);
    stub('squeue', 'echo "squeue: error: Unable to contact slurm controller (connect failure)" >&2; exit 1');
    await expect(squeue('11', { binDir })).rejects.toThrow(/exited with code 1: squeue: error: Unable to contact slurm controller/);
  });

  it('rejects a job id that is not a number before running anything', async () => {
    stub('squeue', 'exit 0');
    await expect(squeue('11; rm -rf /', { binDir })).rejects.toThrow("Expected a numeric Slurm job id; received '11; rm -rf /'");
    expect(calls()).toEqual(['']);
  });
});

describe('sacct', () => {
  it('asks for allocations only, in the parsable format', async () => {
    stub('sacct', `cat ${fixturePath('sacct-final.txt')}`);
    const tasks = await sacct('11', { binDir });
    expect(tasks.get(1)).toEqual({ state: 'FAILED', exitCode: 3, signal: 0, elapsedSeconds: 0 });
    expect(calls()).toEqual(['sacct --jobs=11 --allocations --noheader --parsable2 --format=JobID,State,ExitCode,Elapsed']);
  });
});

describe('scancel', () => {
  it('cancels the whole job, or the given tasks as one compact range', async () => {
    stub('scancel', 'exit 0');
    await scancel('11', undefined, { binDir });
    await scancel('11', [5, 3, 4, 0], { binDir });
    await scancel('11', [], { binDir });
    expect(calls()).toEqual(['scancel 11', 'scancel 11_[0,3-5]']);
  });

  it('accepts a job that has already ended', async () => {
    stub('scancel', 'echo "scancel: error: Kill job error on job id 11_3: Job/step already completing or completed" >&2; exit 1');
    await expect(scancel('11', [3], { binDir })).resolves.toBeUndefined();
  });
});

describe('accountingAvailable', () => {
  it('is true when sacct answers and false when accounting is disabled or sacct is missing', async () => {
    stub('sacct', 'exit 0');
    expect(await accountingAvailable({ binDir })).toBe(true);
    stub('sacct', `cat ${fixturePath('sacct-accounting-disabled.txt')} | head -n 1 >&2; exit 1`);
    expect(await accountingAvailable({ binDir })).toBe(false);
    expect(await accountingAvailable({ binDir: path.join(binDir, 'nowhere') })).toBe(false);
  });
});

describe('a command that hangs or is missing', () => {
  it('fails after the time limit, naming the command', async () => {
    stub('squeue', 'exec sleep 5');
    await expect(squeue('11', { binDir, timeoutMs: 300 })).rejects.toThrow(/squeue did not answer within 300 ms/);
  });

  it('says when the command cannot be started', async () => {
    await expect(sacct('11', { binDir: path.join(binDir, 'nowhere') })).rejects.toThrow(/could not be started .*on PATH/);
  });
});
