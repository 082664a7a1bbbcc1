/**
 * Every shared reference case through the real binary: `mlreg compare --json` must print the same
 * statistics as SciPy, within the tolerances of test/fixtures/reference/README.md. All cases go in one
 * invocation, each case a metric of a `{metric: number[]}` file; Holm across the metrics changes
 * verdicts only, never the statistics checked here.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { MetricComparison } from '../../src/model/comparison.js';
import { expectMatchesReference, referenceCases as cases } from '../support/reference-cases.js';
import { mlreg, testProject } from './harness.js';

describe('shared reference cases through mlreg compare --json', () => {
  const byMetric = new Map<string, MetricComparison>();
  let exitCode: number | undefined;

  beforeAll(async () => {
    const dir = await testProject({
      'b.json': JSON.stringify(Object.fromEntries(cases.map((c) => [c.id, c.baseline]))),
      'c.json': JSON.stringify(Object.fromEntries(cases.map((c) => [c.id, c.candidate]))),
    });
    const result = await mlreg(dir, ['compare', '--baseline', 'b.json', '--candidate', 'c.json', '--direction', 'lower', '--json']);
    exitCode = result.exitCode;
    if (result.stderr) console.error(result.stderr);
    const doc = JSON.parse(result.stdout) as { comparisons: MetricComparison[] };
    for (const comparison of doc.comparisons) byMetric.set(comparison.metric, comparison);
  }, 60_000);

  it('compares every case and exits with a verdict code, not an error', () => {
    expect(cases.length).toBeGreaterThan(0);
    expect([...byMetric.keys()].sort()).toEqual(cases.map((c) => c.id).sort());
    expect([0, 1]).toContain(exitCode);
  });

  for (const c of cases) {
    it(`${c.id} matches SciPy within tolerance`, () => {
      expectMatchesReference(byMetric.get(c.id)!, c);
    });
  }
});
