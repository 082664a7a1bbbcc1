/** Runs of the same seed compared as pairs: `mlreg compare` on baseline files and `mlreg run` of HEAD against itself. */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mlreg, storedBaseline, testProject } from './harness.js';

const base = [0.71, 0.74, 0.69, 0.77, 0.72, 0.75, 0.7, 0.73];

describe('mlreg compare with baseline files that know their seeds', () => {
  it('pairs the runs by seed and says so in the console and the JSON', { timeout: 60_000 }, async () => {
    // Each candidate run is its seed's baseline run plus 0.02 (± a little): paired, a clear regression.
    const candidate = base.map((value, i) => value + 0.02 + (i % 2 === 0 ? 0.001 : -0.001));
    const dir = await testProject({
      'a.json': storedBaseline('a', { loss: { direction: 'lower', samples: base } }),
      'b.json': storedBaseline('b', { loss: { direction: 'lower', samples: candidate } }),
    });
    const result = await mlreg(dir, ['compare', '--baseline', 'a.json', '--candidate', 'b.json']);
    expect(result.stdout).toContain('seeds: paired by seed (8 pairs)');
    expect(result.exitCode).toBe(1);
    const json = await mlreg(dir, ['compare', '--baseline', 'a.json', '--candidate', 'b.json', '--json']);
    const doc = JSON.parse(json.stdout);
    expect(doc.comparisons[0]).toMatchObject({ verdict: 'regression', paired: true, pairing: { pairs: 8, identical: false } });
    expect(doc.comparisons[0].decision.primary.test).toBe('paired-permutation');
    const unpaired = JSON.parse((await mlreg(dir, ['compare', '--baseline', 'a.json', '--candidate', 'b.json', '--json', '--unpaired'])).stdout);
    expect(unpaired.comparisons[0].paired).toBeUndefined();
    expect(unpaired.comparisons[0].decision.primary.test).not.toBe('paired-permutation');
  });

  it('identical runs on every seed pass as no change, and say the change does not alter training', { timeout: 60_000 }, async () => {
    const dir = await testProject({
      'a.json': storedBaseline('a', { loss: { direction: 'lower', samples: base } }),
      'b.json': storedBaseline('b', { loss: { direction: 'lower', samples: base } }, { fingerprint: 'e'.repeat(64) }),
    });
    const result = await mlreg(dir, ['compare', '--baseline', 'a.json', '--candidate', 'b.json']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('identical on all 8 seeds: the change does not alter training');
    expect(result.stdout).toMatch(/loss.*equivalent/);
  });

  it('plain arrays carry no seeds: compared as independent samples, with no pairing line', { timeout: 60_000 }, async () => {
    const dir = await testProject({ 'a.json': JSON.stringify(base), 'b.json': JSON.stringify(base.map((v) => v + 0.001)) });
    const result = await mlreg(dir, ['compare', '--baseline', 'a.json', '--candidate', 'b.json', '--direction', 'lower', '--json']);
    const doc = JSON.parse(result.stdout);
    expect(doc.comparisons[0].paired).toBeUndefined();
    expect(doc.comparisons[0].decision.primary.test).not.toBe('paired-permutation');
  });
});

describe('mlreg run of HEAD against its own baseline, on a trainer that is deterministic per seed', () => {
  it('says that the run cannot measure nondeterminism, and passes', { timeout: 240_000 }, async () => {
    const dir = await testProject({}, { withExampleConfigs: true });
    const head = join(dir, 'configs', 'head.yaml');
    await writeFile(head, (await readFile(head, 'utf8')).replace(/^seeds: .*$/m, 'seeds: 8'));
    expect((await mlreg(dir, ['run', '--config', 'configs/head.yaml'])).exitCode).toBe(0);
    const result = await mlreg(dir, ['run', '--config', 'configs/head.yaml', '--json']);
    expect(result.exitCode).toBe(0);
    const doc = JSON.parse(result.stdout);
    for (const comparison of doc.comparisons) {
      expect(comparison).toMatchObject({ verdict: 'equivalent', paired: true, pairing: { pairs: 8, identical: true } });
    }
    const text = await mlreg(dir, ['run', '--config', 'configs/head.yaml', '--report-dir', 'out']);
    const said = 'identical on all 8 seeds: training is deterministic per seed, so this run cannot measure nondeterminism';
    expect(text.stdout).toContain(`seeds: ${said}`);
    expect(await readFile(join(dir, 'out', 'report.md'), 'utf8')).toContain(`- seeds: ${said}`);
    expect(await readFile(join(dir, 'out', 'report.html'), 'utf8')).toContain(`Seeds: ${said}`);
    expect(await readFile(join(dir, 'out', 'junit.xml'), 'utf8')).toContain(said);

    // pair_by_seed: false compares the same runs as independent samples.
    await writeFile(head, `${await readFile(head, 'utf8')}\npair_by_seed: false\n`);
    const independent = JSON.parse((await mlreg(dir, ['run', '--config', 'configs/head.yaml', '--json'])).stdout);
    for (const comparison of independent.comparisons) {
      expect(comparison.paired).toBeUndefined();
      expect(comparison.decision.primary.test).not.toBe('paired-permutation');
    }
  });
});
