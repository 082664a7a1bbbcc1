import { describe, expect, it } from 'vitest';
import { createRandom, describe as describeSample, seedsForPower, welchTest } from '../../src/stats/index.js';

describe('seedsForPower', () => {
  it('gives the textbook answer without a pilot: d = 1, alpha 0.05, power 0.8 → 17 per arm', () => {
    // G*Power / R power.t.test(delta = 1, sd = 1, power = 0.8) gives n = 16.71 → 17.
    expect(seedsForPower({ mean: 0, sd: 1 }, 1).seedsPerArm).toBe(17);
  });

  it('inflates the sd of a small pilot (Browne 1995), more for smaller pilots', () => {
    const small = seedsForPower({ mean: 0, sd: 1, n: 5 }, 1);
    const large = seedsForPower({ mean: 0, sd: 1, n: 50 }, 1);
    expect(small.sdUsed).toBeGreaterThan(large.sdUsed);
    expect(large.sdUsed).toBeGreaterThan(1);
    expect(small.seedsPerArm).toBeGreaterThan(large.seedsPerArm);
  });

  it('accepts a relative effect and baseline samples', () => {
    const result = seedsForPower([10, 11, 9, 10.5, 9.5], { relative: 0.1 }, { pilotConfidence: 0 });
    expect(result.effect).toBeCloseTo(1, 12);
    expect(result.sdObserved).toBeCloseTo(describeSample([10, 11, 9, 10.5, 9.5]).sd, 12);
  });

  it('reaches its stated power in simulation', () => {
    const random = createRandom(11);
    const n = seedsForPower({ mean: 0, sd: 1 }, 1).seedsPerArm;
    let hits = 0;
    for (let rep = 0; rep < 2000; rep++) {
      const b = Array.from({ length: n }, () => random.normal());
      const c = Array.from({ length: n }, () => 1 + random.normal());
      if (welchTest(b, c).pValue <= 0.05) hits++;
    }
    expect(hits / 2000).toBeGreaterThan(0.77);
  });

  it('rejects a zero effect', () => {
    expect(() => seedsForPower({ mean: 0, sd: 1 }, 0)).toThrow(/non-zero finite effect/);
  });
});

describe('createRandom', () => {
  it('repeats for a seed and differs across seeds', () => {
    const a = createRandom(1);
    const b = createRandom(1);
    const c = createRandom(2);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
  });

  it('draws standard normals', () => {
    const r = createRandom(3);
    const d = describeSample(Array.from({ length: 20000 }, () => r.normal()));
    expect(Math.abs(d.mean)).toBeLessThan(0.03);
    expect(Math.abs(d.sd - 1)).toBeLessThan(0.03);
  });
});
