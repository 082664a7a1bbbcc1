/**
 * What a Slurm job state means for an mlreg run. State names are those of squeue `%T` and
 * sacct `State` (Slurm's "JOB STATE CODES" in squeue(1) and sacct(1)).
 */
import { constants } from 'node:os';
import type { RunStatus } from '../../model/run-record.js';

export type SlurmTaskOutcome =
  /** Queued, running or in transition: poll again. */
  | { kind: 'active'; state: string }
  /** Stopped by preemption: submit the task again. */
  | { kind: 'requeue'; state: string; reason: string }
  /** Ended. `retryable` marks infrastructure failures (the node, not the trainer). */
  | {
      kind: 'finished';
      state: string;
      status: Exclude<RunStatus, 'invalid'>;
      reason?: string;
      retryable: boolean;
    };

export interface ExitDetail {
  exitCode?: number;
  signal?: number;
}

const ACTIVE_STATES = new Set([
  'PENDING',
  'CONFIGURING',
  'RUNNING',
  'COMPLETING',
  'REQUEUED',
  'REQUEUE_FED',
  'REQUEUE_HOLD',
  'RESIZING',
  'RESV_DEL_HOLD',
  'SIGNALING',
  'STAGE_OUT',
  'STOPPED',
  'SUSPENDED',
]);

/** Reduces sacct's `CANCELLED by 1000` (and a width-truncated `CANCELLED+`) to the bare state name. */
export function normaliseSlurmState(raw: string): string {
  return raw.trim().split(/\s+/)[0]!.replace(/\+$/, '').toUpperCase();
}

/** Maps a Slurm job state (with the exit code and signal when known) to an mlreg run outcome. */
export function classifySlurmState(rawState: string, exit: ExitDetail = {}): SlurmTaskOutcome {
  const state = normaliseSlurmState(rawState);
  if (ACTIVE_STATES.has(state)) return { kind: 'active', state };
  const finished = (status: Exclude<RunStatus, 'invalid'>, reason?: string, retryable = false) =>
    ({ kind: 'finished', state, status, retryable, ...(reason === undefined ? {} : { reason }) }) as const;
  switch (state) {
    case 'COMPLETED':
      return finished('ok');
    case 'FAILED':
      return finished('failed', describeExit(exit) ?? 'Slurm reported FAILED');
    case 'SPECIAL_EXIT':
      return finished('failed', `${describeExit(exit) ?? 'ended'} (Slurm SPECIAL_EXIT)`);
    case 'OUT_OF_MEMORY':
      return finished('failed', 'ran out of memory (Slurm OUT_OF_MEMORY)');
    case 'TIMEOUT':
      return finished('timeout', 'killed by Slurm at its time limit (TIMEOUT)');
    case 'DEADLINE':
      return finished('timeout', 'killed by Slurm at its deadline (DEADLINE)');
    case 'CANCELLED':
      return finished('cancelled', 'cancelled in Slurm (scancel)');
    case 'REVOKED':
      return finished('cancelled', 'revoked by the Slurm federation (REVOKED)');
    case 'NODE_FAIL':
      return finished('failed', 'its node failed (Slurm NODE_FAIL)', true);
    case 'BOOT_FAIL':
      return finished('failed', 'its node failed to boot (Slurm BOOT_FAIL)', true);
    case 'PREEMPTED':
      return { kind: 'requeue', state, reason: 'preempted by Slurm (PREEMPTED)' };
    default:
      return finished('failed', `Slurm reported an unrecognised job state '${rawState.trim()}'`);
  }
}

/** "exited with code 3" or "killed by signal 9 (SIGKILL)"; undefined when nothing is known. */
function describeExit({ exitCode, signal }: ExitDetail): string | undefined {
  if (signal !== undefined && signal !== 0) return `killed by signal ${signal}${signalName(signal)}`;
  if (exitCode !== undefined) return `exited with code ${exitCode}`;
  return undefined;
}

function signalName(signal: number): string {
  const entry = Object.entries(constants.signals).find(([, number]) => number === signal);
  return entry ? ` (${entry[0]})` : '';
}
