/**
 * Bad numbers are bad input: `mlreg compare` and baseline files refuse, with exit 2 and a message
 * naming the file, what cannot be compared (overflowing literals, deep nesting, `__proto__`
 * metric names, more values than runs can give, a range wider than a double), and compare data
 * anywhere in the double range with SciPy's statistics. `--json` leaves the input samples out.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectPValue, expectStatistic } from '../support/reference-cases.js';
import { listFiles, mlreg, repoRoot, testProject } from './harness.js';

const goldens = JSON.parse(readFileSync(resolve(repoRoot, 'test/fixtures/goldens/scipy-goldens.json'), 'utf8'));
const small = JSON.stringify([1, 2, 3, 4, 5]);

function baselineFile(metrics: string): string {
  return `{"schema": "mlreg.baseline/1", "name": "b", "configFile": "b.yaml", "fingerprint": "", "recordedAt": "2026-01-01T00:00:00Z",
  "gitCommit": null, "mlregVersion": "0.1.0", "seeds": [0, 1, 2], "metrics": ${metrics}, "runs": []}`;
}

async function compare(files: Record<string, string>, extra: string[] = []) {
  const dir = await testProject(files);
  const before = await listFiles(dir);
  const result = await mlreg(dir, ['compare', '--baseline', 'b.json', '--candidate', 'c.json', '--direction', 'lower', ...extra]);
  expect(await listFiles(dir)).toEqual(before);
  return result;
}

describe('compare refuses numbers it cannot compare, with exit 2', () => {
  it('names a literal that overflows a double (1e999), not "null"', async () => {
    const result = await compare({ 'b.json': '[1, 2,\n 1e999, 4]', 'c.json': small });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('b.json: line 2: expected a finite number, received 1e999, which overflows a double');
  });

  it('names an overflowing sample in a baseline file', async () => {
    const result = await compare({ 'b.json': baselineFile('{"loss": {"direction": "lower", "samples": [1, 2, -2e400]}}'), 'c.json': '{"loss": [1, 2, 3]}' });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('received -2e400, which overflows a double');
  });

  it('refuses 500,000-deep nesting without a stack overflow', async () => {
    const result = await compare({ 'b.json': `${'['.repeat(500_000)}${']'.repeat(500_000)}`, 'c.json': small });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('b.json: line 1: expected arrays and objects nested at most 64 deep');
  });

  it('refuses a __proto__ metric name rather than dropping it, in sample and baseline files', async () => {
    const plain = await compare({ 'b.json': '{"__proto__": [1, 2, 3], "x": [1, 2, 3]}', 'c.json': '{"x": [1, 2, 4]}' });
    expect(plain.exitCode).toBe(2);
    expect(plain.stderr).toContain('b.json: expected metric names, received "__proto__"');
    const stored = await compare({ 'b.json': baselineFile('{"__proto__": {"direction": "lower", "samples": [1, 2, 3]}}'), 'c.json': '{"x": [1, 2, 4]}' });
    expect(stored.exitCode).toBe(2);
    expect(stored.stderr).toContain('"__proto__"');
  });

  it('compares metrics named like Object members (constructor) as any other name', async () => {
    const result = await compare({ 'b.json': '{"constructor": [1, 2, 3, 4]}', 'c.json': '{"constructor": [1, 2, 3, 5]}' }, ['--json']);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout).comparisons[0].metric).toBe('constructor');
  });

  it('refuses more values than runs can give (10,000 per arm)', async () => {
    const result = await compare({ 'b.json': JSON.stringify(Array.from({ length: 10_001 }, (_, i) => i % 7)), 'c.json': small });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('b.json: (top level): expected at most 10,000 values (one per run');
  });

  it('refuses values whose range overflows a double', async () => {
    const result = await compare({ 'b.json': '[-1.7e308, -1.6e308, -1.5e308]', 'c.json': '[1.7e308, 1.6e308, 1.5e308]' });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('expected values whose range fits a double');
  });
});

describe('compare over the whole double range', () => {
  for (const c of goldens.scaledData as Array<{
    name: string;
    baseline: number[];
    candidate: number[];
    expected: { welch: { statistic: number; df: number; pValue: number }; mannWhitneyPValue: number; baselineSd: number };
  }>) {
    it(`${c.name}: a verdict with SciPy's statistics, not an error`, async () => {
      const result = await compare({ 'b.json': JSON.stringify(c.baseline), 'c.json': JSON.stringify(c.candidate) }, ['--json']);
      expect(result.stderr).toBe('');
      expect([0, 1]).toContain(result.exitCode);
      const comparison = JSON.parse(result.stdout).comparisons[0];
      expectStatistic(comparison.tests.welch.statistic, c.expected.welch.statistic);
      expectStatistic(comparison.tests.welch.df, c.expected.welch.df);
      expectPValue(comparison.tests.welch.pValue, c.expected.welch.pValue);
      expectPValue(comparison.tests.mannWhitney.pValue, c.expected.mannWhitneyPValue);
      expectStatistic(comparison.baseline.sd, c.expected.baselineSd);
    });
  }
});

describe('compare --json', () => {
  it('prints the findings without echoing the input samples, unless --include-samples', async () => {
    const files = { 'b.json': JSON.stringify([30.1, 29.8, 30.4, 30.0, 29.9]), 'c.json': JSON.stringify([30.6, 30.9, 30.7, 31.0, 30.8]) };
    const plain = JSON.parse((await compare(files, ['--json'])).stdout);
    expect(plain.baseline).not.toHaveProperty('samples');
    expect(plain.candidate).not.toHaveProperty('samples');
    expect(plain.comparisons[0].baseline.n).toBe(5);
    const withSamples = JSON.parse((await compare(files, ['--json', '--include-samples'])).stdout);
    expect(withSamples.baseline.samples).toEqual({ value: [30.1, 29.8, 30.4, 30.0, 29.9] });
  });
});
