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
 * and the reviver can turn it back into a number. Text inside strings is left alone. One pass:
 * ordinary text is copied in slices, and the last significant character is tracked rather than
 * looked up again in the output (that lookup made a 300 KB metrics file take 100 s).
 */
function markNonFiniteTokens(text: string): string {
  const pieces: string[] = [];
  let copiedTo = 0;
  // The last character before `index` that is not whitespace (undefined at the start).
  let previous: string | undefined;
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    if (char === '"') {
      index = endOfString(text, index);
      previous = text[index - 1];
      continue;
    }
    if (previous === ':' || previous === '[' || previous === ',' || previous === undefined) {
      const token = NON_FINITE_TOKEN.exec(text.slice(index, index + 10));
      if (token) {
        pieces.push(text.slice(copiedTo, index), `"${NON_FINITE_MARK}${token[1]}"`);
        index += token[1]!.length;
        copiedTo = index;
        previous = '"';
        continue;
      }
    }
    if (!isWhitespace(char)) previous = char;
    index++;
  }
  pieces.push(text.slice(copiedTo));
  return pieces.join('');
}

/** What `String.prototype.trimEnd` removes. */
function isWhitespace(char: string): boolean {
  const code = char.charCodeAt(0);
  if (code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09) return true;
  return code > 0x7f || code === 0x0b || code === 0x0c ? char.trimEnd() === '' : false;
}

/** The index just past the string literal that starts at `start` (or the end of the text). */
function endOfString(text: string, start: number): number {
  for (let index = start + 1; index < text.length; index++) {
    if (text[index] === '\\') index++;
    else if (text[index] === '"') return index + 1;
  }
  return text.length;
}

const METRIC_LINE_PREFIX = 'MLREG_METRIC ';
const LINK_LINE_PREFIX = 'MLREG_LINK ';
/** W&B prints `wandb: 🚀 View run <name> at: <url>` when a run starts; the URL is kept as the run's link. */
const WANDB_RUN_URL = /View run\b.*?(https?:\/\/\S*wandb\S*\/runs\/[^\s'"]+)/;
const MAX_WANDB_LINE_CHARS = 4096;

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
  // W&B's line is short; the lazy pattern on a long line of repeated "View run" would take quadratic time.
  const wandb = line.length <= MAX_WANDB_LINE_CHARS ? WANDB_RUN_URL.exec(line) : null;
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
