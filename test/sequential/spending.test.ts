import { describe, expect, it } from 'vitest';
import { informationFraction, spentAlpha } from '../../src/sequential/spending.js';

describe('spentAlpha', () => {
  it('spends nothing at the start and everything at the end', () => {
    for (const spending of ['pocock', 'obrien-fleming', { hsd: -4 }, { hsd: 0 }] as const) {
      expect(spentAlpha(spending, 0.025, 0)).toBe(0);
      expect(spentAlpha(spending, 0.025, 1)).toBe(0.025);
    }
  });

  it('follows the Lan–DeMets O’Brien–Fleming form 2 − 2Φ(z/√t)', () => {
    // SciPy: 2*(1 - norm.cdf(norm.ppf(1 - 0.025/2) / sqrt(0.5)))
    expect(spentAlpha('obrien-fleming', 0.025, 0.5)).toBeCloseTo(0.0015253227579890005, 6);
  });

  it('is increasing in t, and a linear HSD(0) is α·t', () => {
    let previous = 0;
    for (let t = 0.05; t <= 1; t += 0.05) {
      const spent = spentAlpha({ hsd: -4 }, 0.05, t);
      expect(spent).toBeGreaterThan(previous);
      previous = spent;
    }
    expect(spentAlpha({ hsd: 0 }, 0.05, 0.3)).toBeCloseTo(0.015, 12);
  });
});

describe('informationFraction', () => {
  it('saturates with a fixed baseline: 1/(1/k + 1/n0) over its value at maxRuns', () => {
    expect(informationFraction(20, 20, 20)).toBe(1);
    expect(informationFraction(10, 20, 20)).toBeCloseTo(20 / 3 / 10, 12);
  });
});
