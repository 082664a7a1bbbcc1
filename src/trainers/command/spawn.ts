/**
 * Starting a trainer process: an argument list (never a shell string), in its own process group
 * (`detached`) so that it and everything it starts can be ended together, with its output
 * relayed chunk by chunk as it arrives.
 *
 * This is Node's `child_process.spawn`, not execa, because it is the runner's hot path: execa
 * adds per-process work that mlreg does not use here (option normalisation, its own stream
 * plumbing, promise-wrapped stdio, signal and cleanup bookkeeping) and loads ~60 ms of modules
 * before the first run. Starting 200 short python trainers 8 at a time took execa 1.30 s against
 * 1.16 s here (`npm run bench:runner -- --spawn-comparison`). execa stays where a process is
 * started once and its convenience matters (the Slurm client).
 *
 * (Spawning from worker threads, so that Node's synchronous fork/exec wait does not hold up the
 * main thread, was measured with `npm run bench:runner` and was slower on a busy two-core
 * machine: the threads cost more CPU than the wait they hide. So was a small helper Node process
 * doing the spawning, so that the trainers fork a small process instead of mlreg: its messages
 * cost more than the smaller fork saves.)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { statSync } from 'node:fs';

export interface SpawnRequest {
  file: string;
  args: string[];
  cwd: string;
  /** Added to mlreg's own environment. */
  env: Record<string, string>;
  /** mlreg's own environment, as read once for a whole arm (see `environmentSnapshot`); `process.env` when absent. */
  baseEnv?: Readonly<Record<string, string | undefined>>;
  /**
   * How long, once the process has exited, its output may stay open (held by a process it left
   * behind: a wandb service, tensorboard) before mlreg stops reading it and settles. Without it,
   * mlreg waits for the output to end however long that takes.
   */
  outputGraceMs?: number;
}

/** How a process ended. */
export interface SpawnResult {
  failed: boolean;
  exitCode?: number | undefined;
  signal?: string | undefined;
  /** Node's error code when the process could not start (ENOENT, EAGAIN …). */
  code?: string | undefined;
  /** Why the process could not start, naming the program (and the directory when that is the cause). */
  shortMessage?: string | undefined;
}

export interface SpawnHandlers {
  onSpawned(pid: number | undefined): void;
  /** The process itself has exited; processes it started may still hold its output open. */
  onExit?(): void;
  onStdout(chunk: string): void;
  onStderr(chunk: string): void;
}

/** Least time given to a process's last output, already in the pipe when it exited, to be read. */
const MIN_OUTPUT_GRACE_MS = 500;

/**
 * Runs the process; settles once it has exited and all its output has been relayed, or, with
 * `outputGraceMs`, at most that long after it exited.
 */
export function spawnTrainer(request: SpawnRequest, handlers: SpawnHandlers): Promise<SpawnResult> {
  let child: ChildProcess;
  try {
    child = spawn(request.file, request.args, {
      cwd: request.cwd,
      env: { ...(request.baseEnv ?? process.env), ...request.env },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    // Node throws (rather than emits) for some start failures, e.g. ENOMEM or an argument with a NUL byte.
    handlers.onSpawned(undefined);
    return Promise.resolve(startFailure(request, error as NodeJS.ErrnoException));
  }
  handlers.onSpawned(child.pid);
  return new Promise((resolve) => {
    let outputTimer: NodeJS.Timeout | undefined;
    const settle = (exitCode: number | null, signal: NodeJS.Signals | null) => {
      clearTimeout(outputTimer);
      if (signal) resolve({ failed: true, signal });
      else resolve({ failed: exitCode !== 0, exitCode: exitCode ?? undefined });
    };
    child.stdout!.setEncoding('utf8').on('data', handlers.onStdout);
    child.stderr!.setEncoding('utf8').on('data', handlers.onStderr);
    child.once('exit', (exitCode: number | null, signal: NodeJS.Signals | null) => {
      handlers.onExit?.();
      if (request.outputGraceMs === undefined) return;
      // A process it left behind may hold the pipes open for hours: the run has ended all the same.
      outputTimer = setTimeout(
        () => {
          child.stdout!.destroy();
          child.stderr!.destroy();
          settle(exitCode, signal);
        },
        Math.max(request.outputGraceMs, MIN_OUTPUT_GRACE_MS),
      );
    });
    // 'close' comes after the exit and after both pipes have ended: all output has been relayed.
    child.once('close', settle);
    child.once('error', (error: NodeJS.ErrnoException) => {
      // An error after a successful start (a failed kill) changes nothing about how the run ends.
      if (child.pid !== undefined) return;
      child.stdout!.destroy();
      child.stderr!.destroy();
      resolve(startFailure(request, error));
    });
  });
}

/** The result of a process that never started, with a message that says which program and why. */
function startFailure(request: SpawnRequest, error: NodeJS.ErrnoException): SpawnResult {
  const code = typeof error.code === 'string' ? error.code : undefined;
  // Node reports a missing working directory as ENOENT of the program: say which one is missing.
  const missingCwd = code === 'ENOENT' && !isDirectory(request.cwd);
  const shortMessage = missingCwd ? `${error.message}: the working directory ${request.cwd} does not exist` : error.message;
  return { failed: true, code, shortMessage };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
