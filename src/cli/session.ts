/**
 * A long-running command's session: progress on stderr (live in a terminal, plain lines
 * otherwise) and Ctrl-C/SIGTERM handling, both closed however the work ends. The progress
 * display is closed before the work's result is returned, so reports print on a clean screen.
 */
import type { RunObserver } from '../runner/observer.js';
import type { ProgressFlags } from './shared-flags.js';

export interface Session {
  observer: RunObserver;
  signal: AbortSignal;
}

/** Runs `work` with a progress observer and an abort signal tied to SIGINT/SIGTERM. */
export async function withSession<T>(flags: ProgressFlags, work: (session: Session) => Promise<T>): Promise<T> {
  const [{ abortOnSignals }, { createProgress }] = await Promise.all([import('./signals.js'), import('./progress.js')]);
  const observer = createProgress({ quiet: flags.quiet, verbose: flags.verbose });
  const interrupt = abortOnSignals((signal) => observer.onNotice?.(`${signal}: stopping; finished runs are kept (use --resume)`));
  try {
    return await work({ observer, signal: interrupt.signal });
  } finally {
    observer.close();
    interrupt.dispose();
  }
}
