import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunContext, TrainerPlugin } from '../../../src/trainers/types.js';
import { builtinRunContext } from './run-context.js';

// The CLI runs the compiled adapter, whose worker is dist/…/worker.js rather than the tsx-loaded
// worker.ts the other tests use. `npm test` builds dist/ first; a bare `vitest run` may not have it.
const distAdapter = new URL('../../../dist/trainers/builtin/plugin.js', import.meta.url);
const built = existsSync(distAdapter);

const root = mkdtempSync(join(tmpdir(), 'mlreg-builtin-dist-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function context(seed: number, overrides: Partial<RunContext> = {}): RunContext {
  return builtinRunContext(root, { seed, ...overrides });
}

describe.skipIf(!built)('builtinAdapter compiled to dist/', () => {
  it('trains in its worker, deterministically per seed, and honours timeouts', async () => {
    const { builtinTrainer } = (await import(distAdapter.href)) as { builtinTrainer: TrainerPlugin };
    const builtinAdapter = await builtinTrainer.create({});
    const [first, again, other] = await Promise.all([builtinAdapter.run(context(4)), builtinAdapter.run(context(4)), builtinAdapter.run(context(5))]);
    expect(first!.status).toBeUndefined();
    for (const value of Object.values(first!.metrics)) expect(Number.isFinite(value)).toBe(true);
    expect(again!.metrics).toStrictEqual(first!.metrics);
    expect(other!.metrics).not.toStrictEqual(first!.metrics);

    const timedOut = await builtinAdapter.run(context(6, { params: { steps: 100_000 }, timeoutMs: 300 }));
    expect(timedOut.status).toBe('timeout');
  });
});
