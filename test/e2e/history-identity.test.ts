/** Series identity: a config's history is per fingerprint, `--set` runs stay apart, and a changed fingerprint is said. */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { mlreg, testProject } from './harness.js';

interface HistoryJson {
  series: Array<{ config: string; fingerprint: string; metric: string; points: Array<{ adhoc: boolean; fingerprint: string }> }>;
}

const run = (dir: string, ...extra: string[]) => mlreg(dir, ['run', '-c', 'configs/head.yaml', '--seeds', '3', '-q', ...extra]);

describe('history series identity', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await testProject({}, { withExampleConfigs: true });
    for (let i = 0; i < 3; i++) expect((await run(dir)).exitCode).toBeLessThanOrEqual(1);
    expect((await run(dir, '--set', 'params.width=16')).exitCode).toBeLessThanOrEqual(1);
    expect((await run(dir, '--set', 'seeds=3')).exitCode).toBeLessThanOrEqual(1);
  }, 180_000);

  it("keeps --set runs out of the config's series unless asked for, each fingerprint a series of its own", async () => {
    const plain = JSON.parse((await mlreg(dir, ['history', '--runs', '--metric', 'loss', '--json'])).stdout) as HistoryJson;
    expect(plain.series).toHaveLength(1);
    // The first run recorded the baseline (nothing compared): two compared runs.
    expect(plain.series[0]!.points).toHaveLength(2);
    expect(plain.series[0]!.points.every((p) => !p.adhoc)).toBe(true);

    const all = JSON.parse((await mlreg(dir, ['history', '--runs', '--metric', 'loss', '--json', '--with-set-runs'])).stdout) as HistoryJson;
    expect(all.series).toHaveLength(2);
    const main = all.series.find((s) => s.fingerprint === plain.series[0]!.fingerprint)!;
    // --set seeds=3 leaves the fingerprint as it was: it joins, marked as a --set run.
    expect(main.points.map((p) => p.adhoc)).toEqual([false, false, true]);
    const wider = all.series.find((s) => s !== main)!;
    expect(wider.points).toHaveLength(1);
    expect(wider.points[0]!.adhoc).toBe(true);
  });

  it("says in the report when the config's fingerprint changed, and starts a new series", async () => {
    const before = JSON.parse((await mlreg(dir, ['history', '--runs', '--metric', 'loss', '--json'])).stdout) as HistoryJson;
    const file = join(dir, 'configs/head.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('width: 32', 'width: 40'));
    const result = await run(dir, '--json');
    const doc = JSON.parse(result.stdout) as { config: { fingerprint: string }; fingerprintChange?: { previous: string; current: string; at: string; runsSince: number } };
    expect(doc.fingerprintChange).toEqual({ previous: before.series[0]!.fingerprint, current: doc.config.fingerprint, at: expect.any(String), runsSince: 1 });

    const text = await mlreg(dir, ['history', '--runs', '--metric', 'loss']);
    expect(text.stdout).toMatch(new RegExp(`fingerprint of head changed: ${before.series[0]!.fingerprint.slice(0, 12)} -> ${doc.config.fingerprint.slice(0, 12)} at `));
  }, 60_000);
});
