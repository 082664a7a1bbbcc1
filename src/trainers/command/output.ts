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

export interface TrainerOutput {
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
      const visible = line.split('\r').filter((part) => part.length > 0).at(-1) ?? '';
      tail.push(clip(visible));
      if (tail.length > STDERR_TAIL_LINES) tail.shift();
    },
    result: () => ({ streamed, curves, links, malformed, malformedCount, stderrTail: tail.join('\n') }),
  };
}

function clip(line: string): string {
  return line.length > TAIL_LINE_CHARS ? `${line.slice(0, TAIL_LINE_CHARS)}…` : line;
}

/** The longest line held back while its newline has not arrived (a progress bar redrawn with `\r` only). */
const MAX_PENDING_CHARS = 1024 * 1024;

/**
 * Splits text that arrives in chunks into lines, copying it to a log on the way. When this
 * process knows secrets, each line is scrubbed of them before it reaches the log or `onLine`
 * (a secret may be split across chunks, never across lines), so the log is written line by line.
 */
export function lineSplitter(log: { write(text: string): unknown }, onLine: (line: string) => void, secrets: SecretSet = processSecrets()) {
  const scrubbing = secrets.size > 0;
  let pending = '';
  const deliver = (raw: string, newline: string) => {
    const line = scrubbing ? secrets.scrub(raw) : raw;
    if (scrubbing) log.write(`${line}${newline}`);
    onLine(line.replace(/\r$/, ''));
  };
  return {
    push(text: string): void {
      if (!scrubbing) log.write(text);
      pending += text;
      let newline = pending.indexOf('\n');
      while (newline !== -1) {
        deliver(pending.slice(0, newline), '\n');
        pending = pending.slice(newline + 1);
        newline = pending.indexOf('\n');
      }
      if (pending.length > MAX_PENDING_CHARS) {
        deliver(pending, '');
        pending = '';
      }
    },
    /** Delivers a last line that had no newline. */
    end(): void {
      if (pending) deliver(pending, '');
      pending = '';
    },
  };
}
