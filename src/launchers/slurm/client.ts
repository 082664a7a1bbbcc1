/**
 * Typed wrappers around Slurm's commands (sbatch, squeue, sacct, scancel), run as argument
 * lists on the submitting host. Parsing lives in the parse-*.ts modules.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { execa } from 'execa';
import { withoutWithheld } from '../../secrets/index.js';
import { formatTaskRange } from './array-range.js';
import { parseSacct, SACCT_FORMAT, type SacctTask } from './parse-sacct.js';
import { parseSbatchOutput, type SubmittedJob } from './parse-sbatch.js';
import { parseSqueue, SQUEUE_FORMAT, type SqueueTask } from './parse-squeue.js';

export interface SlurmCommandOptions {
  /** Directory holding sbatch, squeue, sacct and scancel; looked up on PATH when omitted. */
  binDir?: string;
  /** Cluster to address (`--clusters`), as returned by sbatch on multi-cluster setups. */
  cluster?: string;
  /** Time limit for one command, so that an unresponsive controller cannot hang mlreg. Default 60 s. */
  timeoutMs?: number;
  /** Working directory for sbatch (where relative output paths resolve). */
  cwd?: string;
}

/** The batch script: a file on the shared filesystem, or its text (sent on standard input). */
export type SbatchScript = { path: string } | { text: string };

const DEFAULT_TIMEOUT_MS = 60_000;

/** Submits a batch script with `sbatch --parsable <args>` and returns the new job's id. */
export async function sbatch(args: readonly string[], script: SbatchScript, options: SlurmCommandOptions = {}): Promise<SubmittedJob> {
  const argv = ['--parsable', ...clusterArgs(options), ...args];
  const stdout = 'path' in script ? await runSlurm('sbatch', [...argv, script.path], options) : await runSlurm('sbatch', argv, options, script.text);
  return parseSbatchOutput(stdout);
}

/**
 * Live state of every task of a job that slurmctld still holds (pending, running, and
 * finished within the cluster's MinJobAge). An id the controller no longer knows gives an empty map.
 */
export async function squeue(jobId: string, options: SlurmCommandOptions = {}): Promise<Map<number, SqueueTask>> {
  const argv = [...clusterArgs(options), '--array', '--noheader', '--states=all', `--jobs=${checkJobId(jobId)}`, `--format=${SQUEUE_FORMAT}`];
  const result = await execSlurm('squeue', argv, options);
  if (result.exitCode !== 0 && /Invalid job id/i.test(result.stderr)) return new Map();
  return parseSqueue(checkResult('squeue', argv, result), jobId);
}

/**
 * The job whose comment is `token` (sbatch `--comment`) among the jobs named `jobName` that
 * slurmctld still holds; undefined when there is none.
 */
export async function findJobByComment(jobName: string, token: string, options: SlurmCommandOptions = {}): Promise<string | undefined> {
  const argv = [...clusterArgs(options), '--noheader', '--states=all', `--name=${jobName}`, '--format=%F|%k'];
  for (const line of (await runSlurm('squeue', argv, options)).split('\n')) {
    const separator = line.indexOf('|');
    if (separator > 0 && line.slice(separator + 1).trim() === token) return checkJobId(line.slice(0, separator).trim());
  }
  return undefined;
}

/**
 * Live state of the tasks of several jobs with one squeue call (`--jobs=a,b,c`): job id → task
 * index → state. Ids the controller no longer knows get empty maps (squeue answers 0 for a list).
 */
export async function squeueJobs(jobIds: readonly string[], options: SlurmCommandOptions = {}): Promise<Map<string, Map<number, SqueueTask>>> {
  if (jobIds.length === 1) return new Map([[jobIds[0]!, await squeue(jobIds[0]!, options)]]);
  const argv = [...clusterArgs(options), '--array', '--noheader', '--states=all', `--jobs=${jobIds.map(checkJobId).join(',')}`, `--format=${SQUEUE_FORMAT}`];
  const result = await execSlurm('squeue', argv, options);
  const text = result.exitCode !== 0 && /Invalid job id/i.test(result.stderr) ? '' : checkResult('squeue', argv, result);
  return new Map(jobIds.map((jobId) => [jobId, parseSqueue(text, jobId)]));
}

/** Accounting records of every task of a job (final states, exit codes, elapsed times). */
export async function sacct(jobId: string, options: SlurmCommandOptions = {}): Promise<Map<number, SacctTask>> {
  const argv = [...clusterArgs(options), `--jobs=${checkJobId(jobId)}`, '--allocations', '--noheader', '--parsable2', `--format=${SACCT_FORMAT}`];
  return parseSacct(await runSlurm('sacct', argv, options), jobId);
}

export interface ScancelOptions extends SlurmCommandOptions {
  /** Cancel only tasks in this state (`--state`), e.g. PENDING to withdraw what has not started. */
  state?: 'PENDING' | 'RUNNING';
}

/**
 * Cancels a whole job, or only the given array tasks (optionally only those in one state).
 * Cancelling a job that already ended is not an error.
 */
export async function scancel(jobId: string, taskIndices?: readonly number[], options: ScancelOptions = {}): Promise<void> {
  checkJobId(jobId);
  if (taskIndices !== undefined && taskIndices.length === 0) return;
  const target = taskIndices === undefined ? jobId : `${jobId}_[${formatTaskRange(taskIndices)}]`;
  const argv = [...clusterArgs(options), ...(options.state === undefined ? [] : [`--state=${options.state}`]), target];
  const result = await execSlurm('scancel', argv, options);
  if (result.exitCode !== 0 && /already completing or completed|Invalid job id/i.test(result.stderr)) return;
  checkResult('scancel', argv, result);
}

/**
 * Cancels whole jobs synchronously, for the moment mlreg exits at once (a second Ctrl-C), when
 * there is no time for anything asynchronous. Best effort: failures are ignored.
 */
export function scancelNow(jobIds: readonly string[], options: SlurmCommandOptions = {}): void {
  if (jobIds.length === 0) return;
  const file = options.binDir === undefined ? 'scancel' : path.join(options.binDir, 'scancel');
  spawnSync(file, [...clusterArgs(options), ...jobIds.map(checkJobId)], { stdio: 'ignore', timeout: options.timeoutMs ?? 10_000 });
}

/**
 * Whether sacct answers on this host: false when the cluster has no accounting storage
 * ("Slurm accounting storage is disabled") or slurmdbd cannot be reached.
 */
export async function accountingAvailable(options: SlurmCommandOptions = {}): Promise<boolean> {
  const argv = [...clusterArgs(options), '--allocations', '--noheader', '--parsable2', '--starttime=now', '--endtime=now', '--format=JobID'];
  try {
    const result = await execSlurm('sacct', argv, options);
    return result.exitCode === 0;
  } catch {
    return false;
  }
}

interface CommandResult {
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
}

function clusterArgs(options: SlurmCommandOptions): string[] {
  return options.cluster === undefined ? [] : [`--clusters=${options.cluster}`];
}

function checkJobId(jobId: string): string {
  if (!/^\d+$/.test(jobId)) throw new Error(`Expected a numeric Slurm job id; received '${jobId}'`);
  return jobId;
}

/** Runs a Slurm command and returns its stdout, or throws with its stderr when it fails. */
async function runSlurm(command: string, argv: readonly string[], options: SlurmCommandOptions, input?: string): Promise<string> {
  return checkResult(command, argv, await execSlurm(command, argv, options, input));
}

async function execSlurm(command: string, argv: readonly string[], options: SlurmCommandOptions, input?: string): Promise<CommandResult> {
  const file = options.binDir === undefined ? command : path.join(options.binDir, command);
  const result = await execa(file, argv, {
    reject: false,
    // sbatch exports this environment to the job, whose trainers must not see mlreg's notification secrets.
    env: withoutWithheld(process.env),
    extendEnv: false,
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    ...(input === undefined ? { stdin: 'ignore' as const } : { input }),
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
  });
  if (result.failed && result.exitCode === undefined) {
    const why = result.timedOut ? `did not answer within ${options.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms` : `could not be started (${result.originalMessage ?? result.message})`;
    throw new Error(`${file} ${why}; is Slurm installed on this host and on PATH?`, { cause: result });
  }
  return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr };
}

function checkResult(command: string, argv: readonly string[], result: CommandResult): string {
  if (result.exitCode === 0) return result.stdout;
  const stderr = result.stderr.trim() || '(no output on stderr)';
  throw new Error(`${command} ${argv.join(' ')} exited with code ${result.exitCode}: ${stderr}`);
}
