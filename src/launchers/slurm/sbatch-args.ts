/** The `sbatch` arguments of one job array: the array, its name, its logs and the config's job options. */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { formatTaskRange } from './array-range.js';

/** `launcher.slurm` of a config (src/config/schema.ts), as the runner passes it on. */
export interface SlurmJobOptions {
  partition?: string | undefined;
  time?: string | undefined;
  gres?: string | undefined;
  cpus_per_task?: number | undefined;
  mem?: string | number | undefined;
  account?: string | undefined;
  qos?: string | undefined;
  extra_args?: string[] | undefined;
  setup?: string[] | undefined;
  job_name?: string | undefined;
  /** Absolute (the config loader resolves it). */
  log_dir?: string | undefined;
  max_parallel?: number | undefined;
  node?: string | undefined;
  mlreg_bin?: string | undefined;
  poll_interval?: number | undefined;
  signal_before_timeout?: number | undefined;
  requeue_on_timeout?: number | undefined;
}

/** The signal a trainer gets `signal_before_timeout` seconds before its time limit. */
export const CHECKPOINT_SIGNAL = 'USR1';

export interface ArraySubmission {
  configName: string;
  arm: string;
  armDir: string;
  /** Array task indices to submit. */
  tasks: readonly number[];
  /** At most this many tasks run at once (`%K`). */
  concurrency: number;
  options: SlurmJobOptions;
  /** The array's `--comment`, unique to this submission (submissionToken), by which mlreg finds it when sbatch's answer is lost. */
  token: string;
}

const DEFAULT_JOB_NAME = 'mlreg-{config}-{arm}';

/**
 * The array's name: `launcher.slurm.job_name` (default `mlreg-{config}-{arm}`) with the config and
 * arm filled in, reduced to characters every Slurm tool prints unchanged.
 */
export function jobNameOf(configName: string, arm: string, template = DEFAULT_JOB_NAME): string {
  return template
    .replaceAll('{config}', configName)
    .replaceAll('{arm}', arm)
    .replace(/[^A-Za-z0-9._-]+/g, '_');
}

/** The directory of an arm's task logs: `launcher.slurm.log_dir`, else the arm's directory. */
export function logDirOf(armDir: string, options: Pick<SlurmJobOptions, 'log_dir'>): string {
  return options.log_dir ?? armDir;
}

/** Where Slurm writes a task's standard output and error (`%A` job id, `%a` task index). */
export function taskLogPaths(logDir: string, jobId: string, task: number): { out: string; err: string } {
  return { out: join(logDir, `slurm-${jobId}_${task}.out`), err: join(logDir, `slurm-${jobId}_${task}.err`) };
}

/**
 * The comment that marks an arm's n-th array: the same for the same arm directory and n in every
 * invocation, so a `--resume` after an sbatch whose answer was lost (it timed out, or the
 * controller failed after queueing the array) finds that array instead of submitting it again.
 */
export function submissionToken(armDir: string, index: number): string {
  return `mlreg:${createHash('sha256').update(armDir).digest('hex').slice(0, 16)}:${index}`;
}

/** The arguments after `sbatch --parsable`, without the script. */
export function sbatchArguments(submission: ArraySubmission): string[] {
  if (!Number.isInteger(submission.concurrency) || submission.concurrency < 1) {
    throw new Error(`Expected a positive integer concurrency for the array's %K throttle; received ${submission.concurrency}`);
  }
  const { options } = submission;
  const logDir = logDirOf(submission.armDir, options);
  const args = [
    `--array=${formatTaskRange(submission.tasks)}%${submission.concurrency}`,
    `--job-name=${jobNameOf(submission.configName, submission.arm, options.job_name)}`,
    `--output=${join(logDir, 'slurm-%A_%a.out')}`,
    `--error=${join(logDir, 'slurm-%A_%a.err')}`,
    `--comment=${submission.token}`,
  ];
  if (options.partition !== undefined) args.push(`--partition=${options.partition}`);
  if (options.time !== undefined) args.push(`--time=${options.time}`);
  if (options.gres !== undefined) args.push(`--gres=${options.gres}`);
  if (options.cpus_per_task !== undefined) args.push(`--cpus-per-task=${options.cpus_per_task}`);
  if (options.mem !== undefined) args.push(`--mem=${options.mem}`);
  if (options.account !== undefined) args.push(`--account=${options.account}`);
  if (options.qos !== undefined) args.push(`--qos=${options.qos}`);
  // B: signals the batch shell only; the job script passes it on to the worker, which passes it to the trainer.
  if (options.signal_before_timeout !== undefined) args.push(`--signal=B:${CHECKPOINT_SIGNAL}@${options.signal_before_timeout}`);
  return [...args, ...(options.extra_args ?? [])];
}
