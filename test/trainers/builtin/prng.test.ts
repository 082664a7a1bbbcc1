import { describe, expect, it } from 'vitest';
import { deriveSeed, gaussian, mulberry32, shuffleInPlace } from '../../../src/trainers/builtin/prng.js';

describe('mulberry32', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, mulberry32(seed));
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
  });

  it('matches the reference implementation (Ettinger) for seed 0', () => {
    // Reference values from the published JavaScript one-liner, seeded with a = 0.
    const reference = (a: number) => () => {
      let t = (a += 0x6d2b79f5);
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const expected = Array.from({ length: 1000 }, reference(0));
    expect(Array.from({ length: 1000 }, mulberry32(0))).toEqual(expected);
  });

  it('draws uniformly in [0, 1)', () => {
    const u = mulberry32(123);
    const bins = new Array<number>(10).fill(0);
    for (let i = 0; i < 20_000; i++) {
      const x = u();
      expect(x >= 0 && x < 1).toBe(true);
      bins[Math.floor(x * 10)]!++;
    }
    for (const count of bins) expect(Math.abs(count - 2000)).toBeLessThan(200); // > 4.7 binomial sd
  });
});

describe('deriveSeed', () => {
  it('gives distinct seeds for neighbouring runs and streams', () => {
    const seeds = new Set<number>();
    for (let seed = 0; seed < 100; seed++) for (let stream = 0; stream < 4; stream++) seeds.add(deriveSeed(seed, stream));
    expect(seeds.size).toBe(400);
  });
});

describe('gaussian', () => {
  it('has mean 0 and variance 1', () => {
    const normal = gaussian(mulberry32(9));
    const n = 20_000;
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      const x = normal();
      sum += x;
      squares += x * x;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.03);
    expect(Math.abs(squares / n - 1)).toBeLessThan(0.05);
  });
});

describe('shuffleInPlace', () => {
  it('permutes, and the permutation depends on the seed', () => {
    const shuffled = (seed: number) => {
      const values = Uint32Array.from({ length: 20 }, (_, i) => i);
      shuffleInPlace(values, mulberry32(seed));
      return Array.from(values);
    };
    expect([...shuffled(1)].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(shuffled(1)).toEqual(shuffled(1));
    expect(shuffled(1)).not.toEqual(shuffled(2));
  });
});
