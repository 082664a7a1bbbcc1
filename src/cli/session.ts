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

/**
 * Runs `work` with a progress observer and an abort signal tied to SIGINT/SIGTERM. `warmUp` loads
 * what the command needs after the runs, once the candidate arm has launched every seed (warm-up.ts).
 */
export async function withSession<T>(flags: ProgressFlags, work: (session: Session) => Promise<T>, warmUp?: () => Promise<unknown>): Promise<T> {
  const [{ abortOnSignals }, { createProgress }, { warmUpAfterLaunch }] = await Promise.all([import('./signals.js'), import('./progress.js'), import('./warm-up.js')]);
  const progress = createProgress({ quiet: flags.quiet, verbose: flags.verbose });
  const observer = warmUp ? warmUpAfterLaunch(progress, warmUp) : progress;
  const interrupt = abortOnSignals((signal) => observer.onNotice?.(`${signal}: stopping; finished runs are kept (use --resume)`));
  try {
    return await work({ observer, signal: interrupt.signal });
  } finally {
    observer.close();
    interrupt.dispose();
  }
}

/** What `run` and `suite run` load after the runs, as their `warmUp`: the document, the history, the publishing and the printing. */
export function loadAfterRuns(): Promise<unknown> {
  return Promise.all([import('../workflows/steps/run-document.js'), import('../store/history-series.js'), import('../workflows/steps/publish.js'), import('./output.js')]);
}
