import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASELINE_SCHEMA, baselineCurves, formatBaselineFile, readBaselineFile, storedCurvesOf, writeBaselineFile, type BaselineFile } from '../../src/store/baseline-file.js';

function baseline(runs: BaselineFile['runs']): BaselineFile {
  return {
    schema: BASELINE_SCHEMA,
    name: 'head',
    configFile: 'configs/head.yaml',
    fingerprint: 'f',
    recordedAt: '2026-01-01T00:00:00.000Z',
    gitCommit: null,
    mlregVersion: '0.1.0',
    seeds: runs.map((run) => run.seed),
    metrics: { loss: { direction: 'lower', samples: runs.filter((run) => run.status === 'ok').map((run) => run.metrics.loss!) } },
    runs,
  };
}

const longCurve = Array.from({ length: 500 }, (_, i) => ({ step: (i + 1) * 10, value: 1 / (i + 1) }));

describe('baseline file curves', () => {
  it("stores each run's curve thinned to 64 points, first and last kept, and reads it back", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mlreg-baseline-'));
    const file = join(dir, 'head.json');
    const curves = storedCurvesOf({ loss: longCurve, empty: [] })!;
    expect(Object.keys(curves)).toEqual(['loss']);
    expect(curves.loss!.steps).toHaveLength(64);
    expect(curves.loss!.steps[0]).toBe(10);
    expect(curves.loss!.steps.at(-1)).toBe(5000);
    await writeBaselineFile(
      file,
      baseline([
        { seed: 0, status: 'ok', metrics: { loss: 0.002 }, curves },
        { seed: 1, status: 'failed', reason: 'crash [1, 2]', metrics: {}, curves },
        { seed: 2, status: 'ok', metrics: { loss: 0.003 } },
      ]),
    );
    const read = await readBaselineFile(file);
    expect(read.runs[0]!.curves).toEqual(curves);
    expect(read.runs[1]!.reason).toBe('crash [1, 2]');
    // Only successful runs with a curve make the band.
    expect(baselineCurves(read, 'loss')).toHaveLength(1);
    expect(baselineCurves(read, 'loss')[0]![63]).toEqual({ step: 5000, value: 1 / 500 });
  });

  it('writes lists of numbers on one line and is the same JSON as before', () => {
    const value = baseline([
      { seed: 0, status: 'ok', metrics: { loss: 1 }, curves: { loss: { steps: [1, 2], values: [0.5, 0.25] } } },
      { seed: 1, status: 'ok', metrics: { loss: 2 } },
    ]);
    const text = formatBaselineFile(value);
    expect(text).toContain('"steps": [1, 2]');
    expect(text).toContain('"samples": [1, 2]');
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('loads files written before curves were stored', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mlreg-baseline-'));
    const file = join(dir, 'old.json');
    await writeFile(
      file,
      JSON.stringify(
        baseline([
          { seed: 0, status: 'ok', metrics: { loss: 1 } },
          { seed: 1, status: 'ok', metrics: { loss: 2 } },
        ]),
      ),
    );
    const read = await readBaselineFile(file);
    expect(baselineCurves(read, 'loss')).toEqual([]);
  });

  it('refuses a curve whose steps and values differ in length or go backwards, naming the key', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mlreg-baseline-'));
    const file = join(dir, 'bad.json');
    await writeFile(
      file,
      JSON.stringify(
        baseline([
          { seed: 0, status: 'ok', metrics: { loss: 1 }, curves: { loss: { steps: [1, 2], values: [1] } } },
          { seed: 1, status: 'ok', metrics: { loss: 2 }, curves: { loss: { steps: [2, 1], values: [1, 1] } } },
        ]),
      ),
    );
    const error = await readBaselineFile(file).catch((caught: Error) => caught);
    expect(String(error)).toMatch(/runs\.0\.curves\.loss: expected as many values as steps/);
    expect(String(error)).toMatch(/runs\.1\.curves\.loss: expected steps in increasing order/);
    expect(await readFile(file, 'utf8')).toContain('"steps"');
  });
});
