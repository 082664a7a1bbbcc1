/**
 * Reading trainer output: the final metrics file and `MLREG_METRIC {json}` progress lines.
 * Python's `json.dump` writes NaN and Infinity as bare tokens, which JSON.parse rejects; a NaN
 * metric must be recorded as an invalid run with that reason, not as a malformed file, so those
 * tokens are accepted here and turned into numbers.
 */

const NON_FINITE_TOKEN = /([:[,]\s*)(-?Infinity|NaN)(?=\s*[,}\]])/g;
const NON_FINITE_MARK = '__mlreg_non_finite__:';

/** Parses JSON that may contain bare NaN / Infinity / -Infinity values. */
export function parseLenientJson(text: string): unknown {
  const marked = text.replace(NON_FINITE_TOKEN, (_, before: string, token: string) => `${before}"${NON_FINITE_MARK}${token}"`);
  return JSON.parse(marked, (_key, value: unknown) => {
    if (typeof value === 'string' && value.startsWith(NON_FINITE_MARK)) {
      return Number(value.slice(NON_FINITE_MARK.length));
    }
    return value;
  });
}

export const METRIC_LINE_PREFIX = 'MLREG_METRIC ';
export const LINK_LINE_PREFIX = 'MLREG_LINK ';
/** W&B prints this when a run starts; the URL is kept as the run's link. */
const WANDB_RUN_URL = /View run\b.*?(https?:\/\/\S*wandb\S*\/runs\/\S+)/;

export type TrainerLine =
  | { kind: 'metric'; step: number | undefined; values: Record<string, number> }
  | { kind: 'link'; url: string }
  | { kind: 'malformed'; line: string; problem: string }
  | { kind: 'other' };

/** Classifies one line of trainer stdout under the trainer protocol. */
export function parseTrainerLine(line: string): TrainerLine {
  if (line.startsWith(METRIC_LINE_PREFIX)) {
    let parsed: unknown;
    try {
      parsed = parseLenientJson(line.slice(METRIC_LINE_PREFIX.length));
    } catch (error) {
      return { kind: 'malformed', line, problem: `not JSON (${(error as Error).message})` };
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      return { kind: 'malformed', line, problem: 'expected a JSON object' };
    }
    const values: Record<string, number> = {};
    let step: number | undefined;
    for (const [key, value] of Object.entries(parsed)) {
      if (typeof value !== 'number') continue;
      if (key === 'step') step = value;
      else values[key] = value;
    }
    return { kind: 'metric', step, values };
  }
  if (line.startsWith(LINK_LINE_PREFIX)) {
    return { kind: 'link', url: line.slice(LINK_LINE_PREFIX.length).trim() };
  }
  const wandb = WANDB_RUN_URL.exec(line);
  if (wandb?.[1]) return { kind: 'link', url: wandb[1] };
  return { kind: 'other' };
}
