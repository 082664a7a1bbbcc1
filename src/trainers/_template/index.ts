/**
 * Template for a new trainer adapter. Copy this folder to src/trainers/<name>/, implement `run`,
 * register it in src/trainers/registry.ts, and add its settings to the trainer union in
 * src/config/schema.ts. The runner validates metrics and persists results; an adapter only
 * trains one seed and reports what happened. Failures are outcomes, not exceptions: return
 * `{ status: 'failed', reason }` so the other runs go on.
 */
import type { RunContext, TrainerAdapter, TrainerOutcome } from '../types.js';

export const templateAdapter: TrainerAdapter = {
  name: 'template',
  async run(ctx: RunContext): Promise<TrainerOutcome> {
    // 1. Start training with ctx.seed and ctx.params in ctx.runDir.
    // 2. Stop when ctx.signal aborts ('cancelled') or ctx.timeoutMs passes ('timeout').
    // 3. Forward progress with ctx.onProgress?.({ step, values }).
    return { status: 'failed', reason: 'the template adapter trains nothing', metrics: {} };
  },
};
