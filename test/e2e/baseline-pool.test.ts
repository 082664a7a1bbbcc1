/** `baseline_pool.from: history`: nightly runs of HEAD grow its stored baseline, until the history shows a change. */
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunDocument } from '../../src/model/run-document.js';
import { mlreg, testProject } from './harness.js';

const run = (dir: string, ...extra: string[]) => mlreg(dir, ['run', '-c', 'configs/head.yaml', '--seeds', '3', ...extra]);

async function runJson(dir: string, ...extra: string[]): Promise<RunDocument> {
  const result = await run(dir, '--json', '-q', ...extra);
  expect(result.exitCode, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as RunDocument;
}

describe('a pooled HEAD baseline (SQLite history)', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await testProject({}, { withExampleConfigs: true });
    await appendFile(join(dir, 'configs/head.yaml'), 'baseline_pool:\n  from: history\n');
    // The first run records baselines/head.json from three runs; nothing is compared yet.
    expect((await run(dir, '-q')).exitCode).toBe(0);
  }, 60_000);

  it("grows with every nightly run, never with the run's own samples or a --set variant", async () => {
    const pooled: number[] = [];
    for (let night = 0; night < 3; night++) {
      const doc = await runJson(dir);
      expect(doc.baseline.pool).toMatchObject({ from: 'history', fileSamples: { loss: 3, fid: 3, accuracy: 3 } });
      pooled.push(doc.baseline.pool!.historySamples.loss!);
      expect(doc.baseline.samples.loss).toHaveLength(3 + doc.baseline.pool!.historySamples.loss!);
      expect(doc.comparisons.find((c) => c.metric === 'loss')!.baseline.n).toBe(3 + pooled.at(-1)!);
    }
    expect(pooled).toEqual([0, 3, 6]);

    // A --set run is recorded but never pooled.
    expect((await run(dir, '-q', '--set', 'seeds=3')).exitCode).toBe(0);
    const text = await run(dir);
    expect(text.exitCode, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/pooled: +3 samples from baselines\/head\.json \+ 9 from the history \(9 runs of 3 invocations, \S+ – \S+\)/);
  }, 120_000);

  it('stops pooling once the series changed after the baseline was recorded', async () => {
    // Eight later results of HEAD at another level, imported as another checkout would have recorded them.
    const exported = (await mlreg(dir, ['history', 'export'])).stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const template = exported.filter((line) => line.kind === 'run' && line.sets === null && line.verdict === 'pass').at(-1)!;
    const shifted = Array.from({ length: 8 }, (_, i) => {
      const bump = (metrics: Record<string, number>) => Object.fromEntries(Object.entries(metrics).map(([name, value]) => [name, value + 10]));
      return JSON.stringify({
        ...template,
        createdAt: new Date(Date.now() + i).toISOString(),
        runs: (template.runs as Array<{ metrics: Record<string, number> }>).map((r) => ({ ...r, metrics: bump(r.metrics) })),
        comparisons: (template.comparisons as Array<{ candidateMean: number }>).map((c) => ({ ...c, candidateMean: c.candidateMean + 10 })),
      });
    });
    const imported = await mlreg(dir, ['history', 'import', '-'], { input: `${shifted.join('\n')}\n` });
    expect(imported.exitCode, imported.stderr).toBe(0);

    const doc = await runJson(dir);
    expect(doc.baseline.pool).toMatchObject({ skipped: 'changed-after-baseline', runs: 0, historySamples: { loss: 0 } });
    expect(doc.baseline.samples.loss).toHaveLength(3);
    const text = await run(dir);
    expect(text.stdout).toMatch(/pooled: +nothing pooled from the history: HEAD's series changed at \S+, after baselines\/head\.json was recorded/);
  }, 120_000);
});
