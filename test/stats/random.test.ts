import { describe, expect, it } from 'vitest';
import { createRandom, deriveSeed, mulberry32, randomFrom } from '../../src/stats/random.js';
import { drawSubset, shuffleRange } from '../../src/stats/shuffle.js';

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

describe('randomFrom(…).normal', () => {
  it('has mean 0 and variance 1', () => {
    const normal = randomFrom(mulberry32(9)).normal;
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

describe('shuffleRange', () => {
  it('permutes, and the permutation depends on the seed', () => {
    const shuffled = (seed: number) => {
      const values = Uint32Array.from({ length: 20 }, (_, i) => i);
      shuffleRange(values, 0, values.length, randomFrom(mulberry32(seed)));
      return Array.from(values);
    };
    expect([...shuffled(1)].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(shuffled(1)).toEqual(shuffled(1));
    expect(shuffled(1)).not.toEqual(shuffled(2));
  });

  it("keeps the built-in trainer's batch order: one floor(u·(i+1)) per position from the end, none for the first", () => {
    // The Fisher–Yates loop the built-in trainer has always used; its sequence defines the trainer's numbers.
    const reference = (values: Uint32Array, uniform: () => number) => {
      for (let i = values.length - 1; i > 0; i--) {
        const j = Math.floor(uniform() * (i + 1));
        [values[i], values[j]] = [values[j]!, values[i]!];
      }
    };
    for (let seed = 0; seed < 50; seed++) {
      const expected = Uint32Array.from({ length: 33 }, (_, i) => i);
      const actual = expected.slice();
      const uniform = mulberry32(seed);
      const random = randomFrom(mulberry32(seed));
      for (let epoch = 0; epoch < 3; epoch++) {
        reference(expected, uniform);
        shuffleRange(actual, 0, actual.length, random);
      }
      expect(Array.from(actual)).toEqual(Array.from(expected));
    }
  });

  it('touches only [start, end)', () => {
    const values = Array.from({ length: 10 }, (_, i) => i);
    shuffleRange(values, 3, 7, createRandom(5));
    expect(values.slice(0, 3)).toEqual([0, 1, 2]);
    expect(values.slice(7)).toEqual([7, 8, 9]);
    expect(values.slice(3, 7).sort((a, b) => a - b)).toEqual([3, 4, 5, 6]);
  });
});

describe('drawSubset', () => {
  it('moves a seeded k-subset to the front and keeps every value', () => {
    const values = Array.from({ length: 12 }, (_, i) => i);
    drawSubset(values, 4, createRandom(9));
    expect([...values].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    const again = Array.from({ length: 12 }, (_, i) => i);
    drawSubset(again, 4, createRandom(9));
    expect(again).toEqual(values);
  });
});

describe('pinned sequences', () => {
  it('createRandom(42) and randomFrom(mulberry32(42)) draw the numbers they always have', () => {
    const sfc = createRandom(42);
    expect([sfc.next(), sfc.int(1000), sfc.normal(), sfc.normal()]).toEqual([0.2395531254787745, 93, 0.9208234071076253, -1.5441205586707816]);
    const mulberry = randomFrom(mulberry32(42));
    expect([mulberry.next(), mulberry.int(1000), mulberry.normal(), mulberry.normal()]).toEqual([0.6011037519201636, 448, -0.9453528099747296, -1.7128042818055647]);
  });
});
