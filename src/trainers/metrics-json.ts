/**
 * Reading trainer output: the final metrics file and `MLREG_METRIC {json}` progress lines.
 * Python's `json.dump` writes NaN and Infinity as bare tokens, and an f-string writes `nan` and
 * `inf`; JSON.parse rejects all of them. A NaN metric must be recorded as an invalid run with that
 * reason, not as a malformed file, so those tokens are accepted here and turned into numbers.
 */

const NON_FINITE: Record<string, number> = {
  NaN: Number.NaN,
  nan: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  inf: Number.POSITIVE_INFINITY,
  '-Infinity': Number.NEGATIVE_INFINITY,
  '-inf': Number.NEGATIVE_INFINITY,
};
const NON_FINITE_TOKEN = /^(-?Infinity|NaN|nan|-?inf)(?![A-Za-z0-9_])/;
const NON_FINITE_MARK = '__mlreg_non_finite__:';

/** Parses JSON that may contain bare NaN / Infinity / -Infinity (or nan / inf / -inf) values. */
export function parseLenientJson(text: string): unknown {
  return JSON.parse(markNonFiniteTokens(text), (_key, value: unknown) => {
    if (typeof value === 'string' && value.startsWith(NON_FINITE_MARK)) {
      return NON_FINITE[value.slice(NON_FINITE_MARK.length)];
    }
    return value;
  });
}

/**
 * Quotes every bare non-finite token outside strings with a marker, so JSON.parse accepts it
 * and the reviver can turn it back into a number. Text inside strings is left alone.
 */
function markNonFiniteTokens(text: string): string {
  let out = '';
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    if (char === '"') {
      const end = endOfString(text, index);
      out += text.slice(index, end);
      index = end;
      continue;
    }
    const previous = out.trimEnd().at(-1);
    const token = previous === ':' || previous === '[' || previous === ',' || previous === undefined ? NON_FINITE_TOKEN.exec(text.slice(index, index + 10)) : null;
    if (token) {
      out += `"${NON_FINITE_MARK}${token[1]}"`;
      index += token[1]!.length;
      continue;
    }
    out += char;
    index++;
  }
  return out;
}

/** The index just past the string literal that starts at `start` (or the end of the text). */
function endOfString(text: string, start: number): number {
  for (let index = start + 1; index < text.length; index++) {
    if (text[index] === '\\') index++;
    else if (text[index] === '"') return index + 1;
  }
  return text.length;
}

export const METRIC_LINE_PREFIX = 'MLREG_METRIC ';
export const LINK_LINE_PREFIX = 'MLREG_LINK ';
/** W&B prints `wandb: 🚀 View run <name> at: <url>` when a run starts; the URL is kept as the run's link. */
const WANDB_RUN_URL = /View run\b.*?(https?:\/\/\S*wandb\S*\/runs\/[^\s'"]+)/;

export type TrainerLine =
  | { kind: 'metric'; step: number | undefined; values: Record<string, number> }
  | { kind: 'link'; url: string }
  | { kind: 'malformed'; line: string; problem: string }
  | { kind: 'other' };

/** Classifies one line of trainer stdout under the trainer protocol. */
export function parseTrainerLine(line: string): TrainerLine {
  if (line.startsWith(METRIC_LINE_PREFIX) || line === METRIC_LINE_PREFIX.trimEnd()) {
    return parseMetricLine(line);
  }
  if (line.startsWith(LINK_LINE_PREFIX)) {
    const url = line.slice(LINK_LINE_PREFIX.length).trim();
    if (!/^https?:\/\/\S+$/.test(url)) return { kind: 'malformed', line, problem: `expected a URL after MLREG_LINK, received "${url}"` };
    return { kind: 'link', url };
  }
  const wandb = WANDB_RUN_URL.exec(line);
  if (wandb?.[1]) return { kind: 'link', url: wandb[1] };
  return { kind: 'other' };
}

function parseMetricLine(line: string): TrainerLine {
  let parsed: unknown;
  try {
    parsed = parseLenientJson(line.slice(METRIC_LINE_PREFIX.length));
  } catch (error) {
    return { kind: 'malformed', line, problem: `not JSON (${(error as Error).message})` };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { kind: 'malformed', line, problem: `expected a JSON object, received ${Array.isArray(parsed) ? 'an array' : JSON.stringify(parsed)}` };
  }
  const values: Record<string, number> = {};
  let step: number | undefined;
  for (const [key, value] of Object.entries(parsed)) {
    if (key === 'step') {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        return { kind: 'malformed', line, problem: `expected "step" to be a finite number, received ${JSON.stringify(value)}` };
      }
      step = value;
    } else if (typeof value === 'number') {
      values[key] = value;
    }
  }
  return { kind: 'metric', step, values };
}
