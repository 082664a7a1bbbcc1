/** Reads the final metrics a trainer wrote to `MLREG_METRICS_FILE`. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseLenientJson } from '../metrics-json.js';
import { jsonSyntaxProblem } from '../../json-syntax.js';

export type MetricsFileResult = { metrics: Record<string, unknown> } | { problem: string };

/** The file's metrics: absent is fine (streamed values may suffice), malformed is a problem that names the file. */
export async function readMetricsFile(file: string): Promise<MetricsFileResult> {
  // Most trainers only stream their metrics: a missing file is the common case, and answering
  // it with one stat is cheaper than a failed read (an error object with a stack, per run).
  if (!existsSync(file)) return { metrics: {} };
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { metrics: {} };
  }
  let parsed: unknown;
  try {
    parsed = parseLenientJson(text);
  } catch (error) {
    return { problem: `metrics file ${file} is not valid JSON: ${jsonSyntaxProblem(text, error)}` };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    const received = Array.isArray(parsed) ? 'an array' : parsed === null ? 'null' : typeof parsed;
    return { problem: `metrics file ${file}: expected a JSON object of metrics, received ${received}` };
  }
  return { metrics: parsed as Record<string, unknown> };
}
