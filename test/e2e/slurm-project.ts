/** Fixture projects and cluster probes for the end-to-end tests on the Slurm dev cluster. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SlurmJobJournal } from '../../src/launchers/slurm/journal.js';
import { repoRoot, storedBaseline } from './harness.js';

export const clusterAnswers = spawnSync('sinfo', ['--noheader'], { timeout: 10_000 }).status === 0;
export const clusterRequired = process.env.MLREG_SLURM_TESTS === 'required';
const slurmTrainer = join(repoRoot, 'test/fixtures/slurm/trainer.mjs');
export const POLL_ENV = { MLREG_SLURM_POLL_MS: '500' };

export interface Doc {
  verdict: string;
  exitCode: number;
  comparisons: Array<{ metric: string; verdict: string }>;
  baseline: { source: string };
  runs: Array<{ arm: string; seed: number; status: string; reason?: string; metrics: Record<string, number>; runDir: string }>;
}

/** A command-trainer config on Slurm, with a stored baseline so that only the candidate arm runs. */
export function commandProject(name: string, seeds: number[], params: object, slurm: object): Record<string, string> {
  return {
    [`configs/${name}.yaml`]: JSON.stringify({
      name,
      trainer: { adapter: 'command', command: ['node', slurmTrainer] },
      params,
      seeds,
      metrics: { score: 'higher' },
      launcher: { type: 'slurm', slurm },
    }),
    [`baselines/${name}.json`]: storedBaseline(name, { score: { direction: 'higher', samples: [10.1, 10.9, 10.4, 11.0, 10.2, 10.6] } }),
  };
}

/** The journal of an arm of the project's only invocation of `config`, once it exists. */
/** The arm's journal once it names a submitted array (before sbatch answers it only notes the array pending); else undefined. */
export function submittedJournalOf(dir: string, config: string, arm: string): SlurmJobJournal | undefined {
  const journal = journalOf(dir, config, arm);
  return journal && journal.submissions.length > 0 ? journal : undefined;
}

export function journalOf(dir: string, config: string, arm: string): SlurmJobJournal | undefined {
  const runs = join(dir, '.mlreg', 'runs', config);
  if (!existsSync(runs)) return undefined;
  for (const id of readdirSync(runs)) {
    const file = join(runs, id, arm, 'slurm-job.json');
    if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as SlurmJobJournal;
  }
  return undefined;
}

/** Task → state of a job, from squeue (which keeps finished tasks for MinJobAge, 10 minutes here). */
export function squeueStates(jobId: string): Map<string, string> {
  const out = spawnSync('squeue', ['--array', '--noheader', '--states=all', `--jobs=${jobId}`, '--format=%i|%T'], { encoding: 'utf8' }).stdout;
  return new Map(
    out
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split('|') as [string, string]),
  );
}

/** The array job ids of every job with this name that squeue still lists. */
export function arraysNamed(jobName: string): string[] {
  const out = spawnSync('squeue', ['--noheader', '--states=all', `--name=${jobName}`, '--format=%F'], { encoding: 'utf8' }).stdout;
  return [...new Set(out.trim().split('\n').filter(Boolean))];
}

export async function waitFor<T>(what: string, timeoutMs: number, probe: () => T | undefined): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
