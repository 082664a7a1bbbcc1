/**
 * Start-up speed, kept in the command line: once the candidate arm has launched every seed, the
 * modules the command needs after the runs (the document, the history, the reports) load while
 * the last runs finish instead of after them. Not sooner: every module loaded before a trainer
 * starts is memory its fork copies. Nothing below the CLI knows about it; it watches the progress
 * events.
 */
import { CANDIDATE_ARM } from '../runner/arm-names.js';
import type { RunObserver } from '../runner/observer.js';

/** `observer`, which also calls `warmUp` once, when an arm named candidate has launched all its seeds. */
export function warmUpAfterLaunch<O extends RunObserver>(observer: O, warmUp: () => Promise<unknown>): O {
  const planned = new Map<string, number>();
  const launched = new Map<string, Set<number>>();
  let warmed = false;
  const noteLaunched = (arm: string, seed: number) => {
    if (warmed || !(arm === CANDIDATE_ARM || arm.endsWith(`/${CANDIDATE_ARM}`))) return;
    const seeds = launched.get(arm) ?? new Set<number>();
    launched.set(arm, seeds.add(seed));
    if (seeds.size < (planned.get(arm) ?? Number.POSITIVE_INFINITY)) return;
    warmed = true;
    // A module that fails to load fails again, with its error, where it is used.
    warmUp().catch(() => undefined);
  };
  return {
    ...observer,
    onArmStart(arm, configName, seeds) {
      planned.set(arm, seeds.length);
      observer.onArmStart?.(arm, configName, seeds);
    },
    onRunStart(arm, seed) {
      noteLaunched(arm, seed);
      observer.onRunStart?.(arm, seed);
    },
    onRunEnd(arm, record, resumed) {
      noteLaunched(arm, record.seed);
      observer.onRunEnd?.(arm, record, resumed);
    },
  };
}
