/**
 * `mlreg compare --rope` and the one meaning of P(better): the posterior probability of a
 * difference beyond the ROPE, labelled with that ROPE in the table and carried beside it in the JSON.
 */
import { describe, expect, it } from 'vitest';
import { mlreg, testProject } from './harness.js';

const files = {
  'b.json': JSON.stringify([0.3, 0.31, 0.29, 0.32, 0.3, 0.31]),
  'c.json': JSON.stringify([0.28, 0.29, 0.27, 0.3, 0.28, 0.29]),
};
const args = ['compare', '--baseline', 'b.json', '--candidate', 'c.json', '--direction', 'lower'];

interface Bayes {
  probBetter: number;
  probEquivalent: number;
  rope: { halfWidth: number; source: string };
}

describe('mlreg compare --rope', () => {
  it('defaults to half the baseline sd, says so, and uses a given ROPE for P(better) and equivalence', async () => {
    const dir = await testProject(files);
    const byDefault = await mlreg(dir, [...args, '--json']);
    const defaultBayes = (JSON.parse(byDefault.stdout) as { comparisons: Array<{ tests: { bayes: Bayes } }> }).comparisons[0]!.tests.bayes;
    expect(defaultBayes.rope.source).toBe('default');
    expect(defaultBayes.rope.halfWidth).toBeCloseTo(0.5 * 0.0104881, 6);

    const wide = await mlreg(dir, [...args, '--rope', '0.05', '--json']);
    const doc = JSON.parse(wide.stdout) as { comparisons: Array<{ verdict: string; tests: { bayes: Bayes } }>; exitCode: number };
    expect(doc.comparisons[0]!.tests.bayes.rope).toEqual({ halfWidth: 0.05, source: 'absolute' });
    expect(doc.comparisons[0]!.tests.bayes.probBetter).toBeLessThan(0.01);
    // A significant shift inside a configured ROPE is not an improvement.
    expect(doc.comparisons[0]!.verdict).toBe('equivalent');
    expect(wide.exitCode).toBe(0);

    const table = await mlreg(dir, [...args, '--rope', '2%']);
    expect(table.stdout).toMatch(
      /P\(better\): posterior probability that the candidate's mean is better than the baseline's by more than the ROPE \(value ±0\.0061 \(share of the baseline mean\)\)/,
    );
    expect(table.stdout).toMatch(/no significant change for any metric/);
  }, 60_000);

  it('refuses a ROPE that is neither a number nor a percentage (exit 2)', async () => {
    const dir = await testProject(files);
    const result = await mlreg(dir, [...args, '--rope', '-1']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/--rope <r>.*expected a non-negative number \(absolute\) or a percentage such as "2%" \(relative\), received "-1"/);
  });
});
