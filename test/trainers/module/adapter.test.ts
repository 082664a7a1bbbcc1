import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtures, runContext, train } from '../command/context.js';

const trainerModule = join(fixtures, 'module-trainer.mjs');

function settings(exportName?: string) {
  return { adapter: 'module', module: trainerModule, ...(exportName ? { export: exportName } : {}) };
}

describe('the module adapter', () => {
  it('calls the exported train function with seed, params and run dir, and returns its metrics, curve and links', async () => {
    const ctx = await runContext(settings(), { params: { width: 64 } });
    const outcome = await train(ctx);
    expect(outcome.status).toBeUndefined();
    expect(outcome.metrics).toEqual({ loss: 0.3 + 3 / 100, acc: 0.64 });
    expect(outcome.curves).toEqual({
      loss: [
        { step: 10, value: 1 },
        { step: 20, value: 0.5 },
        { step: 30, value: 1 / 3 },
      ],
    });
    expect(outcome.links).toEqual(['https://example.org/runs/3']);
    expect(ctx.progress).toHaveLength(3);
    const seen = JSON.parse(await readFile(join(ctx.runDir, 'seen.json'), 'utf8'));
    expect(seen).toEqual({ seed: 3, params: { width: 64 }, metricsFile: ctx.metricsFile });
  });

  it('records a training function that throws as failed, with the message and where it was thrown', async () => {
    const outcome = await train(await runContext(settings('throws')));
    expect(outcome.status).toBe('failed');
    expect(outcome.reason).toMatch(/^trainer threw: learning rate must be positive\n\s+at throws .*module-trainer\.mjs/);
  });

  it('names a missing or non-function export and lists what the module exports', async () => {
    for (const name of ['trian', 'notAFunction']) {
      const outcome = await train(await runContext(settings(name)));
      expect(outcome.status).toBe('failed');
      expect(outcome.reason).toMatch(new RegExp(`has no function export "${name}" \\(it exports: .*notAFunction.*train`));
    }
  });

  it('fails a run whose report() call has the wrong shape, naming the signature', async () => {
    const outcome = await train(await runContext(settings('reportsWrongShape')));
    expect(outcome.status).toBe('failed');
    expect(outcome.reason).toMatch(
      /^trainer threw: report\(\) takes 2 arguments: report\(step: number, values: \{ \[metric: string\]: number \}\), e\.g\. report\(100, \{ loss: 0\.42 \}\); received report\(\{"loss":0\.5\}\)/,
    );
  });

  it('names a module that does not exist', async () => {
    const outcome = await train(await runContext({ adapter: 'module', module: join(fixtures, 'no-such-trainer.mjs') }));
    expect(outcome.status).toBe('failed');
    expect(outcome.reason).toMatch(/no-such-trainer\.mjs/);
  });

  it('calls a function that returns no object of metrics invalid', async () => {
    const outcome = await train(await runContext(settings('returnsNumber')));
    expect(outcome).toMatchObject({ status: 'invalid', reason: 'returnsNumber() must return an object of final metrics, returned 0.5' });
  });

  it('stops a function that never yields at the timeout', async () => {
    const started = Date.now();
    const outcome = await train(await runContext(settings('spins'), { timeoutMs: 1000 }));
    expect(outcome.status).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('stops a function that never yields when cancelled', async () => {
    const controller = new AbortController();
    const running = train(await runContext(settings('spins'), { signal: controller.signal }));
    setTimeout(() => controller.abort(), 300);
    expect((await running).status).toBe('cancelled');
  });
});
