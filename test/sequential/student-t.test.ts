import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile, studentTCdf, studentTQuantile } from '../../src/sequential/student-t.js';

// Reference values from SciPy 1.x: stats.t.cdf, stats.t.ppf, stats.norm.cdf.
describe('student-t', () => {
  it('matches SciPy for the distribution function', () => {
    expect(studentTCdf(-2.5, 4)).toBeCloseTo(0.03338327240599407, 10);
    expect(studentTCdf(1.3, 17.5)).toBeCloseTo(0.8947681155114872, 10);
    expect(studentTCdf(0, 3)).toBe(0.5);
  });

  it('matches SciPy for the quantile', () => {
    expect(studentTQuantile(0.999, 19)).toBeCloseTo(3.5794001489547154, 8);
    expect(studentTQuantile(0.025, 19)).toBeCloseTo(-2.093024054408263, 8);
  });

  it('matches SciPy for the normal distribution within the erfc fit', () => {
    expect(normalCdf(1.2)).toBeCloseTo(0.8849303297782918, 6);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 5);
  });
});
