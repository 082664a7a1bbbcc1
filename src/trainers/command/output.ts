/**
 * What a command trainer says on its standard streams under the trainer protocol: streamed
 * metrics (learning curves; the last value of a metric is final), links, malformed protocol
 * lines, and the tail of stderr for failure reasons.
 */
import type { MetricPoint, TrainerOutcome } from '../types.js';
import { parseTrainerLine } from '../metrics-json.js';
import { processSecrets, type SecretSet } from '../../secrets/index.js';

const STDERR_TAIL_LINES = 20;
const TAIL_LINE_CHARS = 500;
const MALFORMED_KEPT = 3;

interface TrainerOutput {
  /** Last streamed value of each metric. */
  streamed: Record<string, number>;
  curves: NonNullable<TrainerOutcome['curves']>;
  links: string[];
  /** The first few malformed protocol lines, each described. */
  malformed: string[];
  malformedCount: number;
  stderrTail: string;
}

export interface OutputCollector {
  onStdoutLine(line: string): void;
  onStderrLine(line: string): void;
  result(): TrainerOutput;
}

/** Collects protocol output line by line; `onProgress` sees each streamed point as it arrives. */
export function collectTrainerOutput(onProgress?: (point: MetricPoint) => void): OutputCollector {
  const streamed: Record<string, number> = {};
  const curves: TrainerOutput['curves'] = {};
  const links: string[] = [];
  const malformed: string[] = [];
  let malformedCount = 0;
  let metricLines = 0;
  let stdoutLines = 0;
  const tail: string[] = [];
  return {
    onStdoutLine(line) {
      stdoutLines++;
      const parsed = parseTrainerLine(line);
      if (parsed.kind === 'metric') {
        // Without an explicit step, a point's step is its position among the metric lines.
        const step = parsed.step ?? metricLines;
        metricLines++;
        Object.assign(streamed, parsed.values);
        for (const [metric, value] of Object.entries(parsed.values)) (curves[metric] ??= []).push({ step, value });
        onProgress?.({ step, values: parsed.values });
      } else if (parsed.kind === 'link') {
        if (!links.includes(parsed.url)) links.push(parsed.url);
      } else if (parsed.kind === 'malformed') {
        malformedCount++;
        if (malformed.length < MALFORMED_KEPT) malformed.push(`stdout line ${stdoutLines}: ${parsed.problem}: ${clip(parsed.line)}`);
      }
    },
    onStderrLine(line) {
      // A progress bar redraws with carriage returns: what a terminal would show is the last part.
      const visible =
        line
          .split('\r')
          .filter((part) => part.length > 0)
          .at(-1) ?? '';
      tail.push(clip(visible));
      if (tail.length > STDERR_TAIL_LINES) tail.shift();
    },
    result: () => ({ streamed, curves, links, malformed, malformedCount, stderrTail: tail.join('\n') }),
  };
}

function clip(line: string): string {
  return line.length > TAIL_LINE_CHARS ? `${line.slice(0, TAIL_LINE_CHARS)}…` : line;
}

/** Longest line delivered (UTF-16 code units); the rest of a longer line is dropped. */
const MAX_LINE_CHARS = 1024 * 1024;

/**
 * Splits text that arrives in chunks into lines, copying it to a log on the way, in time linear
 * in the text: each chunk is scanned once, never the line gathered so far. A carriage return
 * redraws the line as a terminal would (a progress bar such as tqdm's redraws itself with `\r`
 * and no newline, megabytes of it), so a line is what follows its last `\r` that has text after
 * it: `50%\r100%\r\n` is `100%`. A line is cut at `maxLineChars`, so memory stays bounded too.
 * When this process knows secrets, each line is scrubbed of them before it reaches the log or
 * `onLine` (a secret may be split across chunks, never across lines), so the log is then written
 * line by line, and a line that has not ended after `maxLineChars` is written as it stands.
 */
export function lineSplitter(log: { write(text: string): unknown }, onLine: (line: string) => void, secrets: SecretSet = processSecrets(), maxLineChars = MAX_LINE_CHARS) {
  const scrubbing = secrets.size > 0;
  let line = '';
  // A `\r` was the last thing seen: the next text (not a newline) starts the line afresh.
  let redraw = false;
  // With secrets: the raw text of the current line not yet in the log.
  let unlogged = '';
  const append = (text: string, start: number, end: number): void => {
    if (scrubbing) {
      unlogged += text.slice(start, end);
      if (unlogged.length > maxLineChars) {
        log.write(secrets.scrub(unlogged));
        unlogged = '';
      }
    }
    // Carriage returns at the end of the piece redraw only once more text arrives.
    let last = end;
    while (last > start && text.charCodeAt(last - 1) === 0x0d) last--;
    if (last > start) {
      const carriage = lastCarriageReturn(text, start, last);
      if (carriage >= start) line = clipLine(text.slice(carriage + 1, last), maxLineChars);
      else if (redraw) line = clipLine(text.slice(start, last), maxLineChars);
      else if (line.length < maxLineChars) line += clipLine(text.slice(start, last), maxLineChars - line.length);
      redraw = false;
    }
    if (last < end) redraw = true;
  };
  const deliver = (newline: string): void => {
    if (scrubbing) {
      log.write(`${secrets.scrub(unlogged)}${newline}`);
      unlogged = '';
    }
    onLine(scrubbing ? secrets.scrub(line) : line);
    line = '';
    redraw = false;
  };
  return {
    push(text: string): void {
      if (!scrubbing) log.write(text);
      let start = 0;
      for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
        append(text, start, newline);
        deliver('\n');
        start = newline + 1;
      }
      append(text, start, text.length);
    },
    /** Delivers a last line that had no newline. */
    end(): void {
      if (line || unlogged) deliver('');
    },
  };
}

/** The index of the last `\r` in text[start, end), or −1 (a bounded scan: `lastIndexOf` would run on to the chunk's start). */
function lastCarriageReturn(text: string, start: number, end: number): number {
  for (let index = end - 1; index >= start; index--) if (text.charCodeAt(index) === 0x0d) return index;
  return -1;
}

function clipLine(text: string, room: number): string {
  return text.length > room ? text.slice(0, room) : text;
}
