/** The `sbatch` arguments of one job array: the array, its name, its logs and the config's job options. */
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
}

export interface ArraySubmission {
  configName: string;
  arm: string;
  armDir: string;
  /** Array task indices to submit. */
  tasks: readonly number[];
  /** At most this many tasks run at once (`%K`). */
  concurrency: number;
  options: SlurmJobOptions;
}

/** `mlreg-<config>-<arm>`, reduced to characters every Slurm tool prints unchanged. */
export function jobNameOf(configName: string, arm: string): string {
  return `mlreg-${configName}-${arm}`.replace(/[^A-Za-z0-9._-]+/g, '_');
}

/** Where Slurm writes a task's standard output and error (`%A` job id, `%a` task index). */
export function taskLogPaths(armDir: string, jobId: string, task: number): { out: string; err: string } {
  return { out: join(armDir, `slurm-${jobId}_${task}.out`), err: join(armDir, `slurm-${jobId}_${task}.err`) };
}

/** The arguments after `sbatch --parsable`, without the script. */
export function sbatchArguments(submission: ArraySubmission): string[] {
  if (!Number.isInteger(submission.concurrency) || submission.concurrency < 1) {
    throw new Error(`Expected a positive integer concurrency for the array's %K throttle; received ${submission.concurrency}`);
  }
  const { options } = submission;
  const args = [
    `--array=${formatTaskRange(submission.tasks)}%${submission.concurrency}`,
    `--job-name=${jobNameOf(submission.configName, submission.arm)}`,
    `--output=${join(submission.armDir, 'slurm-%A_%a.out')}`,
    `--error=${join(submission.armDir, 'slurm-%A_%a.err')}`,
  ];
  if (options.partition !== undefined) args.push(`--partition=${options.partition}`);
  if (options.time !== undefined) args.push(`--time=${options.time}`);
  if (options.gres !== undefined) args.push(`--gres=${options.gres}`);
  if (options.cpus_per_task !== undefined) args.push(`--cpus-per-task=${options.cpus_per_task}`);
  if (options.mem !== undefined) args.push(`--mem=${options.mem}`);
  if (options.account !== undefined) args.push(`--account=${options.account}`);
  if (options.qos !== undefined) args.push(`--qos=${options.qos}`);
  return [...args, ...(options.extra_args ?? [])];
}
