/**
 * Progress of a run on stderr: a live display in a terminal, plain log lines otherwise (not a
 * TTY, or under CI, where control characters would litter the log).
 */
import type { RunObserver } from '../runner/observer.js';
import { lineProgress } from './progress/lines.js';
import { terminalProgress, type ClosableObserver, type TerminalStream } from './progress/terminal.js';
export type { ClosableObserver } from './progress/terminal.js';

export interface ProgressOptions {
  quiet?: boolean | undefined;
  verbose?: boolean | undefined;
  stream?: (TerminalStream & { isTTY?: boolean }) | undefined;
  env?: NodeJS.ProcessEnv | undefined;
}

/** The progress observer that suits where stderr goes; `close()` it before printing the report. */
export function createProgress(options: ProgressOptions = {}): ClosableObserver {
  const stream = options.stream ?? process.stderr;
  const env = options.env ?? process.env;
  if (!options.quiet && wantsLiveDisplay(stream, env)) return terminalProgress({ stream, verbose: options.verbose });
  const observer: RunObserver = lineProgress({
    quiet: options.quiet,
    verbose: options.verbose,
    write: (line) => stream.write(`${line}\n`),
  });
  return { ...observer, close: () => undefined };
}

/** A live display needs an interactive terminal: a TTY, not CI, not TERM=dumb. */
export function wantsLiveDisplay(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  return stream.isTTY === true && !env.CI && env.TERM !== 'dumb';
}
