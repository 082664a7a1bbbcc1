import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { differencePosterior, massBelow } from '../../src/stats/difference-posterior.js';
import { logGamma } from '../../src/stats/distributions/gamma.js';
import { studentTDensity, studentTPdf } from '../../src/stats/distributions/student-t.js';
import type { Describe } from '../../src/model/summary.js';

interface ReferenceCase {
  id: string;
  distribution: string;
  baseline: number[];
  candidate: number[];
  expected: { bayes: { probCandidateMeanLower: number } };
}

const reference = JSON.parse(readFileSync(new URL('../fixtures/reference/stats-cases.json', import.meta.url), 'utf8')) as { cases: ReferenceCase[] };

function describeSample(values: number[]): Describe {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  return { n, mean, sd, median: NaN, min: Math.min(...values), max: Math.max(...values) };
}

describe('logGamma and studentTDensity', () => {
  it('match known values', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 10);
    // t(1) is the Cauchy density; t(∞) tends to the normal.
    expect(studentTDensity(1)(0)).toBeCloseTo(1 / Math.PI, 12);
    expect(studentTDensity(1)(2)).toBeCloseTo(1 / (Math.PI * 5), 12);
    expect(studentTDensity(1e7)(1)).toBeCloseTo(Math.exp(-0.5) / Math.sqrt(2 * Math.PI), 6);
  });

  it('studentTDensity is studentTPdf with its constant computed once', () => {
    for (const df of [1, 2.5, 9, 40]) for (const t of [-7, -1, 0, 0.3, 4]) expect(studentTDensity(df)(t)).toBe(studentTPdf(t, df));
  });
});

describe('differencePosterior', () => {
  const cases = reference.cases.filter((c) => c.baseline.length >= 4 && c.candidate.length >= 4);

  it.each(cases.map((c) => [c.id, c] as const))('%s: P(difference < 0) matches the reference probability', (_, c) => {
    const curve = differencePosterior(describeSample(c.baseline), describeSample(c.candidate), { halfWidth: 40, points: 2001, nodes: 800 })!;
    expect(massBelow(curve)).toBeCloseTo(1, 3);
    expect(Math.abs(massBelow(curve, 0) - c.expected.bayes.probCandidateMeanLower)).toBeLessThan(2e-4);
  });

  it('with default settings covers nearly all the mass and includes requested points', () => {
    const curve = differencePosterior(describeSample([1, 2, 3, 4, 5]), describeSample([2, 3, 4, 5, 7]), { include: [-20] })!;
    expect(curve.x[0]).toBeLessThan(-20);
    expect(massBelow(curve)).toBeGreaterThan(0.99);
  });

  it('is undefined without two runs per arm or without any spread', () => {
    expect(differencePosterior(describeSample([1]), describeSample([1, 2]))).toBeUndefined();
    const flat = { ...describeSample([1, 1, 1]), sd: 0 };
    expect(differencePosterior(flat, flat)).toBeUndefined();
  });

  it('with one arm constant is the other arm shifted', () => {
    const flat = { ...describeSample([3, 3, 3]), sd: 0 };
    const varying = describeSample([1, 2, 3, 4]);
    const curve = differencePosterior(flat, varying, { halfWidth: 60, points: 4001 })!;
    expect(massBelow(curve, varying.mean - 3)).toBeCloseTo(0.5, 3);
  });
});
