/**
 * `mlreg history export/import`: the history as JSON lines, one invocation per line with its runs
 * and comparisons, to move a history between stores (an SQLite file into a shared PostgreSQL).
 * An import is read and checked whole before anything is written.
 */
import * as z from 'zod';
import { InputError } from '../errors.js';
import type { ExportedInvocation } from './history-store.js';

const nullableNumber = z.number().nullable();

const invocationLine = z.object({
  createdAt: z.string().min(1),
  kind: z.string().min(1),
  suite: z.string().nullable(),
  suiteRun: z.string().nullable(),
  sets: z.array(z.string()).nullable(),
  config: z.string().min(1),
  configFile: z.string(),
  fingerprint: z.string().min(1),
  gitCommit: z.string().nullable(),
  verdict: z.string(),
  exitCode: z.number().int(),
  document: z.unknown(),
  runs: z.array(
    z.object({
      arm: z.string(),
      seed: z.number().int(),
      status: z.string(),
      reason: z.string().nullable(),
      metrics: z.unknown(),
      durationMs: z.number(),
    }),
  ),
  comparisons: z.array(
    z.object({
      config: z.string(),
      metric: z.string(),
      direction: z.string(),
      verdict: z.string(),
      baselineMean: nullableNumber,
      candidateMean: nullableNumber,
      candidateSd: nullableNumber,
      candidateN: nullableNumber,
      pValue: nullableNumber,
      probBetter: nullableNumber,
    }),
  ),
});

/** One export line (no trailing newline). */
export function formatInvocationLine(invocation: ExportedInvocation): string {
  return JSON.stringify(invocation);
}

/** Parses export lines; an InputError names the file, the line and what is wrong with it. Blank lines are skipped. */
export function parseInvocationLines(text: string, file: string): ExportedInvocation[] {
  const invocations: ExportedInvocation[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new InputError(`${file}:${index + 1}: expected one JSON object per line (mlreg history export), received text that is not JSON (${(error as Error).message})`);
    }
    const parsed = invocationLine.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new InputError(`${file}:${index + 1}: ${issue.path.join('.') || 'the line'}: ${issue.message} (expected a line written by mlreg history export)`);
    }
    invocations.push(parsed.data as ExportedInvocation);
  });
  return invocations;
}
