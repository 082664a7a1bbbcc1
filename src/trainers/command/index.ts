/**
 * The `command` adapter: runs any program as an argument list (never a shell string) under the
 * trainer protocol of PRODUCT.md — environment, placeholders, metrics file, MLREG_METRIC lines.
 */
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { execa } from 'execa';
import type { RunContext, TrainerAdapter, TrainerOutcome } from '../types.js';
import { parseLenientJson, parseTrainerLine } from '../metrics-json.js';
import { expandPlaceholders } from './placeholders.js';
import { killProcessTree } from './process-tree.js';

export interface CommandTrainerSettings {
  command: string[];
  cwd?: string;
  env?: Record<string, string>;
  /** Seconds between SIGTERM and SIGKILL when a run is stopped. */
  kill_grace?: number;
}

const STDERR_TAIL_LINES = 20;

export const commandAdapter: TrainerAdapter = {
  name: 'command',
  run: runCommand,
};

/** Runs one seed of a command trainer and gathers what it reported. */
async function runCommand(ctx: RunContext): Promise<TrainerOutcome> {
  const settings = ctx.trainer as unknown as CommandTrainerSettings;
  const [file, ...args] = settings.command.map((arg) =>
    expandPlaceholders(arg, { seed: ctx.seed, runDir: ctx.runDir, metricsFile: ctx.metricsFile, params: ctx.params }),
  );
  if (!file) throw new Error('trainer.command: expected a non-empty argument list, received []');

  const stdoutLog = createWriteStream(join(ctx.runDir, 'stdout.log'));
  const stderrLog = createWriteStream(join(ctx.runDir, 'stderr.log'));
  const curves: NonNullable<TrainerOutcome['curves']> = {};
  const streamed: Record<string, number> = {};
  const links: string[] = [];
  const stderrTail: string[] = [];
  let stopCause: 'timeout' | 'cancelled' | undefined;

  const child = execa(file, args, {
    cwd: settings.cwd ?? process.cwd(),
    env: { ...trainerEnvironment(ctx), ...settings.env },
    extendEnv: true,
    detached: true,
    reject: false,
    stdin: 'ignore',
    stdout: 'pipe',
    stderr: 'pipe',
    buffer: false,
    lines: false,
  });

  const graceMs = (settings.kill_grace ?? 5) * 1000;
  const stop = (cause: 'timeout' | 'cancelled') => {
    if (stopCause || child.pid === undefined) return;
    stopCause = cause;
    killProcessTree(child.pid, graceMs);
  };
  const onAbort = () => stop('cancelled');
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  if (ctx.signal.aborted) onAbort();
  const timer = ctx.timeoutMs ? setTimeout(() => stop('timeout'), ctx.timeoutMs) : undefined;

  const readStdout = consumeLines(child.stdout!, stdoutLog, (line) => {
    const parsed = parseTrainerLine(line);
    if (parsed.kind === 'metric') {
      Object.assign(streamed, parsed.values);
      const step = parsed.step ?? Object.values(curves)[0]?.length ?? 0;
      for (const [metric, value] of Object.entries(parsed.values)) {
        (curves[metric] ??= []).push({ step, value });
      }
      ctx.onProgress?.({ step, values: parsed.values });
    } else if (parsed.kind === 'link') {
      if (!links.includes(parsed.url)) links.push(parsed.url);
    }
  });
  const readStderr = consumeLines(child.stderr!, stderrLog, (line) => {
    stderrTail.push(line);
    if (stderrTail.length > STDERR_TAIL_LINES) stderrTail.shift();
  });

  const result = await child;
  await Promise.all([readStdout, readStderr]);
  clearTimeout(timer);
  ctx.signal.removeEventListener('abort', onAbort);
  // A trainer that exited leaves its own children behind; they belong to this run.
  if (child.pid !== undefined && !stopCause) killProcessTree(child.pid, graceMs);
  stdoutLog.end();
  stderrLog.end();
  await Promise.all([once(stdoutLog, 'close'), once(stderrLog, 'close')]);

  const tail = stderrTail.join('\n');
  const base = { curves, links, stderrTail: tail };
  if (stopCause === 'timeout') {
    return { ...base, status: 'timeout', reason: `exceeded the ${ctx.timeoutMs! / 1000} s timeout; killed`, metrics: streamed };
  }
  if (stopCause === 'cancelled') {
    return { ...base, status: 'cancelled', reason: 'cancelled before it finished', metrics: streamed };
  }
  if (result.failed) {
    const how = result.signal ? `was killed by ${result.signal}` : `exited with code ${result.exitCode}`;
    const spawnProblem = result.exitCode === undefined && !result.signal ? `could not start: ${result.shortMessage}` : how;
    return { ...base, status: 'failed', reason: withTail(`trainer ${spawnProblem}`, tail), metrics: streamed };
  }

  const fromFile = await readMetricsFile(ctx.metricsFile);
  if ('problem' in fromFile) {
    return { ...base, status: 'invalid', reason: fromFile.problem, metrics: streamed };
  }
  return { ...base, metrics: { ...streamed, ...fromFile.metrics } };
}

/** The trainer protocol's environment for one run. */
export function trainerEnvironment(ctx: RunContext): Record<string, string> {
  return {
    MLREG_SEED: String(ctx.seed),
    MLREG_RUN_DIR: ctx.runDir,
    MLREG_METRICS_FILE: ctx.metricsFile,
    MLREG_PARAMS: JSON.stringify(ctx.params),
    MLREG_CONFIG_NAME: ctx.config.name,
    WANDB_TAGS: [...new Set([...ctx.config.tags, ctx.config.name])].join(','),
    WANDB_RUN_GROUP: ctx.config.group,
    WANDB_NAME: `${ctx.config.name}-seed${ctx.seed}`,
    WANDB_JOB_TYPE: ctx.config.jobType,
  };
}

/** Reads the metrics file: absent is fine (streamed values may suffice), malformed is not. */
async function readMetricsFile(file: string): Promise<{ metrics: Record<string, unknown> } | { problem: string }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { metrics: {} };
  }
  try {
    const parsed = parseLenientJson(text);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      return { problem: `metrics file ${file}: expected a JSON object, received ${Array.isArray(parsed) ? 'an array' : typeof parsed}` };
    }
    return { metrics: parsed as Record<string, unknown> };
  } catch (error) {
    return { problem: `metrics file ${file} is not valid JSON: ${(error as Error).message}` };
  }
}

/** Splits a stream into lines, copying it to a log file on the way. */
async function consumeLines(
  stream: NodeJS.ReadableStream,
  log: NodeJS.WritableStream,
  onLine: (line: string) => void,
): Promise<void> {
  let pending = '';
  for await (const chunk of stream) {
    const text = chunk.toString();
    log.write(text);
    pending += text;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) onLine(line.replace(/\r$/, ''));
  }
  if (pending) onLine(pending);
}

function withTail(reason: string, tail: string): string {
  return tail ? `${reason}; stderr ends with:\n${tail}` : reason;
}
