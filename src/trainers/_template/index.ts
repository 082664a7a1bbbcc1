/**
 * Template for a new trainer adapter. Copy this folder to src/trainers/<name>/, rename
 * `templateTrainer`, declare its settings in `settingsSchema` (they become keys of the config's
 * `trainer` block, documented from the descriptions), implement `run`, and add it to
 * `trainerPlugins` in src/trainers/registry.ts: test/trainers/conformance.test.ts then checks
 * it with every other adapter. The runner validates metrics, appends the stderr tail to failure
 * reasons, retries infrastructure failures and persists results; an adapter only trains one seed
 * and reports what happened.
 *
 * Rules every adapter follows (the command adapter, src/trainers/command/, is the reference):
 * - Failures are outcomes, not exceptions: return `{ status: 'failed', reason }` so the other
 *   runs go on. Throw only when the adapter itself could not work (that counts as an
 *   infrastructure failure, retried when `runner.retries` allows); set `retryable: true` on an
 *   outcome that a retry may fix (a lost node, a full queue), never on the trainer's own error.
 * - Stop promptly when `ctx.signal` aborts (status `cancelled`) or `ctx.timeoutMs` passes
 *   (status `timeout`), ending everything the run started (for processes: the process group).
 * - Report raw metrics; NaN, missing and non-numeric values are judged by the runner.
 * - Check params up front in `validateParams`, so a typo is exit 2, not N failures.
 * - Keep heavy code out of the plugin file: `create` may import it (see command/plugin.ts).
 */
import * as z from 'zod';
import { defineTrainer, type ParamProblem, type RunContext, type TrainerOutcome } from '../types.js';

const templateSettingsSchema = z.strictObject({
  endpoint: z.string().min(1, { error: 'expected a non-empty endpoint' }).optional().describe('Where the template would send its jobs. Default: none.'),
});

export const templateTrainer = defineTrainer({
  name: 'template',
  description: 'A template that trains nothing.',
  settingsSchema: templateSettingsSchema,
  async create(settings) {
    return {
      name: 'template',
      async run(ctx: RunContext): Promise<TrainerOutcome> {
        // 1. Start training with ctx.seed and ctx.params in ctx.runDir (settings.endpoint is typed).
        // 2. Stop when ctx.signal aborts ('cancelled') or ctx.timeoutMs passes ('timeout').
        // 3. Forward progress with ctx.onProgress?.({ step, values }); keep curves and links.
        if (ctx.signal.aborted) return { status: 'cancelled', reason: 'cancelled before it started', metrics: {} };
        return { status: 'failed', reason: `the template adapter trains nothing${settings.endpoint ? ` at ${settings.endpoint}` : ''}`, metrics: {} };
      },
      validateParams(_params: Record<string, unknown>): ParamProblem[] {
        return [];
      },
    };
  },
});
