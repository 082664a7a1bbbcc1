/** `mlreg history`: suite runs over time, failed points marked, and a shift located by change-point detection. */
import { cp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { mlreg, repoRoot, testProject } from './harness.js';

interface HistoryJson {
  series: Array<{
    suite: string | null;
    config: string;
    metric: string;
    points: Array<{ createdAt: string; value: number; verdict: string; failed: boolean; n: number }>;
    changePoints: Array<{ index: number; createdAt: string; meanBefore: number; meanAfter: number; pValue: number }>;
  }>;
}

const RUNS = 3;

/** Appends suite results for `wider` whose loss shifts up by 0.1 from the `shiftAt`-th point on. */
function injectShift(historyFile: string, count: number, shiftAt: number): string {
  const db = new Database(historyFile);
  // The same config and fingerprint as the recorded runs: one series.
  const { fingerprint } = db.prepare("SELECT fingerprint FROM invocations WHERE config = 'wider' LIMIT 1").get() as { fingerprint: string };
  const addInvocation = db.prepare(
    `INSERT INTO invocations (created_at, kind, suite, suite_run, config, config_file, fingerprint, git_commit, verdict, exit_code, document)
     VALUES (?, 'suite', 'hourly', ?, 'wider', 'configs/ablations/wider.yaml', '${fingerprint}', NULL, ?, ?, '{}')`,
  );
  const addComparison = db.prepare(
    `INSERT INTO comparisons (invocation_id, config, metric, direction, verdict, baseline_mean, candidate_mean, candidate_sd, candidate_n, p_value, prob_better)
     VALUES (?, 'wider', 'loss', 'lower', ?, 0.72, ?, 0.01, 6, 0.5, 0.5)`,
  );
  let shiftTime = '';
  // Deterministic noise (a fixed, irregular pattern) around the level, so the segments are not constant.
  const noise = [0.004, -0.006, 0.001, 0.007, -0.003, -0.005, 0.006, -0.001, 0.002, -0.007, 0.005, -0.002];
  for (let i = 0; i < count; i++) {
    const createdAt = new Date(Date.UTC(2030, 0, 1, i)).toISOString();
    const shifted = i >= shiftAt;
    const { lastInsertRowid } = addInvocation.run(createdAt, `injected-${i}`, shifted ? 'fail' : 'pass', shifted ? 1 : 0);
    addComparison.run(Number(lastInsertRowid), shifted ? 'regression' : 'inconclusive', 0.72 + (shifted ? 0.1 : 0) + noise[i % noise.length]!);
    if (i === shiftAt) shiftTime = createdAt;
  }
  db.close();
  return shiftTime;
}

describe('history of the hourly suite', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await testProject({}, { withExampleConfigs: true });
    await cp(join(repoRoot, 'suites'), join(dir, 'suites'), { recursive: true });
    for (let run = 0; run < RUNS; run++) {
      const result = await mlreg(dir, ['suite', 'run', 'hourly', '-q']);
      expect(result.exitCode).toBe(0);
    }
  }, 120_000);

  it('shows each suite run as a point of its series', async () => {
    const result = await mlreg(dir, ['history', '--suite', 'hourly', '--json']);
    expect(result.exitCode).toBe(0);
    const { series } = JSON.parse(result.stdout) as HistoryJson;
    const names = series.map((s) => `${s.config}/${s.metric}`).sort();
    expect(names).toEqual(['head/accuracy', 'head/fid', 'head/loss', 'wider/accuracy', 'wider/fid', 'wider/loss']);
    // HEAD's first run recorded its baseline (nothing compared); wider was compared every time.
    expect(series.find((s) => s.config === 'head' && s.metric === 'fid')!.points).toHaveLength(RUNS - 1);
    const loss = series.find((s) => s.config === 'wider' && s.metric === 'loss')!;
    expect(loss.points).toHaveLength(RUNS);
    expect(loss.points.every((point) => point.n === 6 && point.failed === false)).toBe(true);
    expect(loss.changePoints).toEqual([]);

    const text = await mlreg(dir, ['history', '--suite', 'hourly', '--config', 'wider', '--metric', 'loss']);
    expect(text.stdout).toMatch(/suite hourly · wider \[[0-9a-f]{12}\] · loss \(3 points\)/);
    expect(text.stdout).toMatch(/too few points to look for one \(3; needs 4 at alpha 0.05\)/);
    expect(text.stdout).not.toMatch(/FAILED/);
  });

  it('filters by suite: mlreg run results are a series of their own', async () => {
    const none = await mlreg(dir, ['history', '--runs', '--json']);
    expect((JSON.parse(none.stdout) as HistoryJson).series).toEqual([]);
    const other = await mlreg(dir, ['history', '--suite', 'weekly']);
    expect(other.stdout).toMatch(/no results in .*history\.db match/);
  });

  it('locates a shift injected into the series, and marks the failed points', async () => {
    const shiftTime = injectShift(join(dir, '.mlreg/history.db'), 12, 6);
    const result = await mlreg(dir, ['history', '--suite', 'hourly', '--config', 'wider', '--metric', 'loss', '--json']);
    const [loss] = (JSON.parse(result.stdout) as HistoryJson).series;
    expect(loss!.points).toHaveLength(RUNS + 12);
    expect(loss!.changePoints).toHaveLength(1);
    const change = loss!.changePoints[0]!;
    expect(change.index).toBe(RUNS + 6);
    expect(change.createdAt).toBe(shiftTime);
    expect(change.meanAfter - change.meanBefore).toBeGreaterThan(0.08);
    expect(change.pValue).toBeLessThanOrEqual(0.05);
    expect(loss!.points.filter((point) => point.failed)).toHaveLength(6);

    const text = await mlreg(dir, ['history', '--suite', 'hourly', '--config', 'wider', '--metric', 'loss']);
    expect(text.stdout).toContain(`change point at ${shiftTime} (point ${RUNS + 7} of ${RUNS + 12})`);
    expect(text.stdout.match(/regression {2}FAILED/g)).toHaveLength(6);
    expect(text.stdout).toMatch(/FAILED {2}<- shift/);

    // The shift is 14% of the mean: a 20% minimum magnitude drops it, 10% keeps it.
    const filter = async (minMagnitude: string) => {
      const filtered = await mlreg(dir, ['history', '--suite', 'hourly', '--config', 'wider', '--metric', 'loss', '--json', '--min-magnitude', minMagnitude, '--alpha', '0.01']);
      return (JSON.parse(filtered.stdout) as HistoryJson).series[0]!.changePoints.map((c) => c.index);
    };
    expect(await filter('0.2')).toEqual([]);
    expect(await filter('0.1')).toEqual([RUNS + 6]);

    // Each searched series leaves its change-point cache in the store; the next search with it answers the same.
    const db = new Database(join(dir, '.mlreg/history.db'), { readonly: true });
    const caches = db.prepare('SELECT series FROM change_point_caches').all() as Array<{ series: string }>;
    db.close();
    expect(caches.map((row) => JSON.parse(row.series))).toContainEqual(['hourly', 'wider', expect.stringMatching(/^[0-9a-f]{64}$/), 'loss', false]);
    const again = await mlreg(dir, ['history', '--suite', 'hourly', '--config', 'wider', '--metric', 'loss', '--json']);
    expect(again.stdout).toBe(result.stdout);
  });

  it('exports the history as JSON lines, and refuses an import line that is not one, naming file and line, writing nothing', async () => {
    const exported = await mlreg(dir, ['history', 'export']);
    expect(exported.exitCode).toBe(0);
    const lines = exported.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(RUNS * 2);
    expect(JSON.parse(lines[0]!)).toMatchObject({ kind: 'suite', suite: 'hourly', runs: expect.any(Array), comparisons: expect.any(Array) });

    await writeFile(join(dir, 'bad.jsonl'), `${lines[0]}\n{"createdAt": 5}\n`);
    const before = await mlreg(dir, ['history', 'export']);
    const bad = await mlreg(dir, ['history', 'import', 'bad.jsonl']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/bad\.jsonl:2: createdAt: .*expected a line written by mlreg history export/);
    expect((await mlreg(dir, ['history', 'export'])).stdout).toBe(before.stdout);
  });

  it('rejects a bad detection setting as a usage error, naming the flag', async () => {
    const result = await mlreg(dir, ['history', '--alpha', '1.5']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/--alpha <p>.*expected a number between 0 and 1 \(exclusive\), received "1.5"/);
    const window = await mlreg(dir, ['history', '--window', '4']);
    expect(window.exitCode).toBe(2);
    expect(window.stderr).toMatch(/--window: window must be an integer of at least 2 × minSegment \(6\), received 4/);
  });

  it("draws the series into the next suite run's report with the change point marked", async () => {
    const result = await mlreg(dir, ['suite', 'run', 'hourly', '--json']);
    const doc = JSON.parse(result.stdout) as { configs: Array<{ config: { name: string }; history?: Record<string, Array<{ changePoint?: boolean; failed: boolean }>> }> };
    const wider = doc.configs.find((config) => config.config.name === 'wider')!;
    expect(wider.history?.loss).toHaveLength(RUNS + 13);
    // This run is dated now, before the injected points (2030): the shift moves one place later.
    expect(wider.history!.loss!.findIndex((point) => point.changePoint === true)).toBe(RUNS + 1 + 6);
  }, 60_000);
});
