import { describe, expect, it } from 'vitest';
import { rankBoundaries } from '../../src/sequential/boundaries.js';
import { createRandom } from '../../src/stats/random.js';

/** Exact upper-tail probabilities of Mann–Whitney U for m vs n without ties, by the recursion of Mann & Whitney (1947). */
function exactUpperTail(m: number, n: number): number[] {
  // counts[m][n][u]: number of arrangements with U = u
  const memo = new Map<string, number[]>();
  const counts = (a: number, b: number): number[] => {
    const key = `${a}:${b}`;
    const cached = memo.get(key);
    if (cached) return cached;
    let result: number[];
    if (a === 0 || b === 0) result = [1];
    else {
      // The largest value comes from the first sample (U gains b) or from the second (U unchanged).
      const withA = counts(a - 1, b);
      const withB = counts(a, b - 1);
      result = new Array(a * b + 1).fill(0);
      withA.forEach((c, u) => (result[u + b] = (result[u + b] ?? 0) + c));
      withB.forEach((c, u) => (result[u] = (result[u] ?? 0) + c));
    }
    memo.set(key, result);
    return result;
  };
  const distribution = counts(m, n);
  const total = distribution.reduce((s, c) => s + c, 0);
  const tail: number[] = [];
  let running = 0;
  for (let u = distribution.length - 1; u >= 0; u--) {
    running += distribution[u] ?? 0;
    tail[u] = running / total;
  }
  return tail;
}

describe('rankBoundaries', () => {
  it('with a single look, matches the exact Mann–Whitney critical value', () => {
    const boundaries = rankBoundaries({ baselineSize: 8, minRuns: 6, maxRuns: 6, alpha: 0.025, spending: { hsd: -4 } });
    const tail = exactUpperTail(6, 8);
    const exact = tail.findIndex((p) => p <= 0.025);
    // The Monte Carlo boundary is never more liberal than the exact one, and at most one step stricter.
    expect(boundaries.upper[6]).toBeGreaterThanOrEqual(exact);
    expect(boundaries.upper[6]).toBeLessThanOrEqual(exact + 1);
  });

  it('makes no decision before minRuns and tightens as alpha shrinks', () => {
    const wide = rankBoundaries({ baselineSize: 12, minRuns: 3, maxRuns: 15, alpha: 0.025, spending: { hsd: -4 } });
    const narrow = rankBoundaries({ baselineSize: 12, minRuns: 3, maxRuns: 15, alpha: 0.005, spending: { hsd: -4 } });
    expect(wide.upper[1]).toBe(Infinity);
    expect(wide.upper[2]).toBe(Infinity);
    for (let k = 3; k <= 15; k++) expect(narrow.upper[k]).toBeGreaterThanOrEqual(wide.upper[k] ?? 0);
    expect(Number.isFinite(wide.upper[15])).toBe(true);
  });

  it('keeps the crossing probability of fresh null paths at the budget', () => {
    const baselineSize = 10;
    const maxRuns = 12;
    const { upper } = rankBoundaries({ baselineSize, minRuns: 3, maxRuns, alpha: 0.025, spending: { hsd: -4 } });
    const random = createRandom(404);
    const reps = 20_000;
    let crossings = 0;
    for (let rep = 0; rep < reps; rep++) {
      const baseline = Array.from({ length: baselineSize }, () => random.next());
      let u = 0;
      for (let k = 1; k <= maxRuns; k++) {
        const x = random.next();
        u += baseline.filter((b) => b < x).length;
        if (u >= (upper[k] ?? Infinity)) {
          crossings += 1;
          break;
        }
      }
    }
    const rate = crossings / reps;
    // Standard error at 0.025 is 0.0011: the rate is near, and not above, the budget.
    expect(rate).toBeLessThan(0.025 + 0.0033);
    expect(rate).toBeGreaterThan(0.015);
  });
});
