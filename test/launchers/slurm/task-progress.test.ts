import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { followTaskProgress, progressLine } from '../../../src/launchers/slurm/task-progress.js';
import type { MetricPoint } from '../../../src/trainers/types.js';

const dir = mkdtempSync(join(tmpdir(), 'mlreg-task-progress-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('following a task log for progress', () => {
  it('reports each point once, across looks that split a line, and waits for a log not written yet', () => {
    const file = join(dir, 'a.out');
    const points: MetricPoint[] = [];
    const progress = followTaskProgress(file, (point) => points.push(point));
    progress.look();
    writeFileSync(file, `${progressLine({ step: 1, values: { fid: 30.5 } })}MLREG_METRIC {"step": 2, "fi`);
    progress.look();
    expect(points).toEqual([{ step: 1, values: { fid: 30.5 } }]);
    appendFileSync(file, 'd": 29.75}\nseed 3: ok\n');
    progress.look();
    progress.look();
    expect(points).toEqual([
      { step: 1, values: { fid: 30.5 } },
      { step: 2, values: { fid: 29.75 } },
    ]);
  });

  it('starts over when a new attempt rewrites the log', () => {
    const file = join(dir, 'b.out');
    const points: MetricPoint[] = [];
    const progress = followTaskProgress(file, (point) => points.push(point));
    writeFileSync(file, `${progressLine({ step: 5, values: { loss: 1 } })}${progressLine({ step: 6, values: { loss: 0.9 } })}`);
    progress.look();
    writeFileSync(file, progressLine({ step: 1, values: { loss: 2 } }));
    progress.look();
    expect(points.map((point) => point.step)).toEqual([5, 6, 1]);
  });
});
