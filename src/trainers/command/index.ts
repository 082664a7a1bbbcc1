/**
 * The `command` adapter: runs any program as an argument list (never a shell string) under the
 * trainer protocol of PRODUCT.md — environment, placeholders, metrics file, MLREG_METRIC lines.
 * The program runs in its own process group, so a timeout or cancellation ends everything it
 * started (see process-tree.ts).
 */
import { join } from 'node:path';
import type { RunContext, TrainerOutcome } from '../types.js';
import type { CommandTrainerSettings } from './plugin.js';
import { commandEnvironment, environmentSnapshot } from './environment.js';
import { readMetricsFile } from './metrics-file.js';
import { lazyLog } from './log-file.js';
import { collectTrainerOutput, lineSplitter } from './output.js';
import { expandPlaceholders } from './placeholders.js';
import { killProcessTree, reapProcessGroup, trackProcessGroup } from './process-tree.js';
import { spawnTrainer } from './spawn.js';

/** Spawn errors that say the machine was short of something for a moment: a retry may succeed. */
const TRANSIENT_SPAWN_ERRORS = new Set(['EAGAIN', 'ENOMEM', 'EMFILE', 'ENFILE', 'ETXTBSY']);
const DEFAULT_KILL_GRACE_S = 5;
/** `runner.log_limit_mb`'s default: 10 MiB per log file. */
const DEFAULT_LOG_LIMIT_BYTES = 10 * 1024 * 1024;

/** Runs one seed of a command trainer and gathers what it reported. */
export async function runCommand(settings: CommandTrainerSettings, ctx: RunContext): Promise<TrainerOutcome> {
  let argv: string[];
  try {
    argv = settings.command.map((arg) => expandPlaceholders(arg, { seed: ctx.seed, runDir: ctx.runDir, metricsFile: ctx.metricsFile, params: ctx.params }));
  } catch (error) {
    return { status: 'failed', reason: (error as Error).message, metrics: {} };
  }
  const [file, ...args] = argv;
  if (!file) return { status: 'failed', reason: 'trainer.command: expected a non-empty argument list, received []', metrics: {} };
  if (ctx.signal.aborted) return { status: 'cancelled', reason: 'cancelled before it started', metrics: {} };

  const limitBytes = ctx.logLimitBytes ?? DEFAULT_LOG_LIMIT_BYTES;
  const stdoutLog = lazyLog(join(ctx.runDir, 'stdout.log'), { limitBytes });
  const stderrLog = lazyLog(join(ctx.runDir, 'stderr.log'), { limitBytes });
  const output = collectTrainerOutput(ctx.onProgress);
  const stdout = lineSplitter(stdoutLog, output.onStdoutLine);
  const stderr = lineSplitter(stderrLog, output.onStderrLine);

  let pid: number | undefined;
  let stopCause: 'timeout' | 'cancelled' | undefined;
  let exited = false;
  const graceMs = (settings.kill_grace ?? DEFAULT_KILL_GRACE_S) * 1000;
  // A stop before the process has a pid is carried out as soon as it has one; after it exited, the run has ended.
  const stop = (cause: 'timeout' | 'cancelled') => {
    if (stopCause || exited) return;
    stopCause = cause;
    if (pid !== undefined) killProcessTree(pid, graceMs);
  };
  const onAbort = () => stop('cancelled');
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  const timer = ctx.timeoutMs ? setTimeout(() => stop('timeout'), ctx.timeoutMs) : undefined;

  const result = await spawnTrainer(
    {
      file,
      args,
      cwd: settings.cwd ?? process.cwd(),
      env: commandEnvironment(ctx, settings.env),
      baseEnv: environmentSnapshot(settings),
      outputGraceMs: graceMs,
    },
    {
      onSpawned(spawned) {
        pid = spawned;
        if (pid === undefined) return;
        trackProcessGroup(pid);
        if (stopCause) killProcessTree(pid, graceMs);
      },
      onExit() {
        exited = true;
        clearTimeout(timer);
        // What it left behind belongs to this run: ended now (SIGTERM, SIGKILL after the grace), so the output closes.
        if (pid !== undefined && !stopCause) reapProcessGroup(pid, graceMs);
      },
      onStdout: stdout.push,
      onStderr: stderr.push,
    },
  );
  stdout.end();
  stderr.end();
  clearTimeout(timer);
  ctx.signal.removeEventListener('abort', onAbort);
  await Promise.all([stdoutLog.close(), stderrLog.close()]);

  const said = output.result();
  const base = { curves: said.curves, links: said.links, stderrTail: said.stderrTail, metrics: said.streamed };
  if (stopCause === 'timeout') return { ...base, status: 'timeout', reason: `exceeded the ${ctx.timeoutMs! / 1000} s timeout; its process group was killed` };
  if (stopCause === 'cancelled') return { ...base, status: 'cancelled', reason: 'cancelled before it finished' };
  if (result.failed) {
    if (result.exitCode === undefined && !result.signal) {
      const transient = result.code !== undefined && TRANSIENT_SPAWN_ERRORS.has(result.code);
      return { ...base, status: 'failed', reason: `trainer could not start: ${result.shortMessage}`, retryable: transient };
    }
    const how = result.signal ? `was killed by ${result.signal}` : `exited with code ${result.exitCode}`;
    return { ...base, status: 'failed', reason: `trainer ${how}` };
  }

  const fromFile = await readMetricsFile(ctx.metricsFile);
  if ('problem' in fromFile) return { ...base, status: 'invalid', reason: fromFile.problem };
  if (said.malformedCount > 0) {
    const more = said.malformedCount > said.malformed.length ? ` (and ${said.malformedCount - said.malformed.length} more)` : '';
    return { ...base, status: 'invalid', reason: `malformed MLREG_ output: ${said.malformed.join('; ')}${more}` };
  }
  return { ...base, metrics: { ...said.streamed, ...fromFile.metrics } };
}
