/**
 * Starting a trainer process with execa: an argument list (never a shell string), in its own
 * process group (`detached`) so that it and everything it starts can be ended together, with
 * its output relayed chunk by chunk as it arrives.
 *
 * (Spawning from worker threads, so that Node's synchronous fork/exec wait does not hold up the
 * main thread, was measured with `npm run bench:runner` and was slower on a busy two-core
 * machine: the threads cost more CPU than the wait they hide.)
 */
import { execa } from 'execa';

export interface SpawnRequest {
  file: string;
  args: string[];
  cwd: string;
  /** Added to mlreg's own environment. */
  env: Record<string, string>;
}

/** How a process ended, as execa reports it. */
export interface SpawnResult {
  failed: boolean;
  exitCode?: number;
  signal?: string;
  /** Node's error code when the process could not start (ENOENT, EAGAIN …). */
  code?: string;
  shortMessage?: string;
}

export interface SpawnHandlers {
  onSpawned(pid: number | undefined): void;
  onStdout(chunk: string): void;
  onStderr(chunk: string): void;
}

/** Runs the process; settles once it has exited and all its output has been relayed. */
export async function spawnTrainer({ file, args, cwd, env }: SpawnRequest, handlers: SpawnHandlers): Promise<SpawnResult> {
  const child = execa(file, args, {
    cwd,
    env,
    extendEnv: true,
    detached: true,
    cleanup: false,
    reject: false,
    stdin: 'ignore',
    stdout: 'pipe',
    stderr: 'pipe',
    buffer: false,
  });
  handlers.onSpawned(child.pid);
  const [result] = await Promise.all([child, relay(child.stdout, handlers.onStdout), relay(child.stderr, handlers.onStderr)]);
  return { failed: result.failed, exitCode: result.exitCode, signal: result.signal, code: result.code, shortMessage: result.shortMessage };
}

/** Delivers a stream's text (UTF-8 safe across chunks) to `onChunk`. */
async function relay(stream: NodeJS.ReadableStream | null, onChunk: (chunk: string) => void): Promise<void> {
  if (!stream) return;
  stream.setEncoding('utf8');
  for await (const chunk of stream) onChunk(chunk as string);
}
