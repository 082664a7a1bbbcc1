/**
 * Template for a new trainer adapter. Copy this folder to src/trainers/<name>/, implement `run`,
 * register it in src/trainers/registry.ts, and add its settings to the trainer union in
 * src/config/schema.ts. The runner validates metrics, appends the stderr tail to failure reasons,
 * retries infrastructure failures and persists results; an adapter only trains one seed and
 * reports what happened.
 *
 * Rules every adapter follows (the command adapter, src/trainers/command/, is the reference):
 * - Failures are outcomes, not exceptions: return `{ status: 'failed', reason }` so the other
 *   runs go on. Throw only when the adapter itself could not work (that counts as an
 *   infrastructure failure, retried when `runner.retries` allows); set `retryable: true` on an
 *   outcome that a retry may fix (a lost node, a full queue), never on the trainer's own error.
 * - Stop promptly when `ctx.signal` aborts (status `cancelled`) or `ctx.timeoutMs` passes
 *   (status `timeout`), ending everything the run started (for processes: the process group).
 * - Report raw metrics; NaN, missing and non-numeric values are judged by the runner.
 * - Check settings and params up front in `validateParams`, so a typo is exit 2, not N failures.
 */
import type { ParamProblem, RunContext, TrainerAdapter, TrainerOutcome } from '../types.js';

export const templateAdapter: TrainerAdapter = {
  name: 'template',
  async run(_ctx: RunContext): Promise<TrainerOutcome> {
    // 1. Start training with ctx.seed and ctx.params in ctx.runDir.
    // 2. Stop when ctx.signal aborts ('cancelled') or ctx.timeoutMs passes ('timeout').
    // 3. Forward progress with ctx.onProgress?.({ step, values }); keep curves and links.
    return { status: 'failed', reason: 'the template adapter trains nothing', metrics: {} };
  },
  validateParams(_params: Record<string, unknown>, _trainer?: Record<string, unknown>): ParamProblem[] {
    return [];
  },
};
