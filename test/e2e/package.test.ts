/** The published package: `import { compareSamples } from 'mlreg'` resolves through the exports map to dist/. */
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './harness.js';

describe('the mlreg package', () => {
  it('exports compareSamples through its exports map', async () => {
    const script = `
      import { compareSamples } from 'mlreg';
      const result = compareSamples([30.1, 29.8, 30.4, 30.0, 29.9, 30.2], [31.9, 32.4, 32.1, 31.8, 32.2, 32.0], { direction: 'lower' });
      console.log(JSON.stringify({ verdict: result.verdict, keys: Object.keys(result).sort(), tests: Object.keys(result.tests).sort() }));
    `;
    const { stdout } = await execa('node', ['--input-type=module', '-e', script], { cwd: repoRoot });
    const out = JSON.parse(stdout);
    expect(out.verdict).toBe('regression');
    expect(out.keys).toEqual(expect.arrayContaining(['metric', 'direction', 'verdict', 'baseline', 'candidate', 'tests', 'effect', 'variance']));
    expect(out.tests).toEqual(expect.arrayContaining(['welch', 'mannWhitney', 'brownForsythe', 'ks', 'bayes']));
  });

  it('exports detectChangePoints with the ChangePointCache that carries a detection over to the next point', async () => {
    const script = `
      import { ChangePointCache, detectChangePoints } from 'mlreg';
      const values = Array.from({ length: 400 }, (_, i) => (i >= 250 ? 5 : 0) + Math.sin(i * 12.9898) * 0.5);
      const cache = new ChangePointCache();
      detectChangePoints(values.slice(0, 399), { cache });
      const restored = ChangePointCache.deserialize(cache.serialize());
      const found = detectChangePoints(values, { cache: restored });
      console.log(JSON.stringify({ found: found.map((c) => c.index), same: JSON.stringify(found) === JSON.stringify(detectChangePoints(values)), reused: restored.work.reused > 0 }));
    `;
    const { stdout } = await execa('node', ['--input-type=module', '-e', script], { cwd: repoRoot });
    expect(JSON.parse(stdout)).toEqual({ found: [250], same: true, reused: true });
  });

  it('runs as `npx mlreg`', async () => {
    const { stdout, exitCode } = await execa('npx', ['--no-install', 'mlreg', '--version'], { cwd: repoRoot, reject: false });
    expect(exitCode).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
