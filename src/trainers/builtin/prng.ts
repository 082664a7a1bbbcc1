/**
 * Seeded pseudo-random numbers for the built-in trainer. Every random choice the trainer makes
 * (data set, initial weights, batch order) draws from one of these streams, so a seed fixes a run
 * bit for bit.
 */

/** A source of uniform numbers in [0, 1). */
export type Uniform = () => number;

/**
 * Mulberry32: a 32-bit state generator with a 2^32 period, by Tommy Ettinger (2017),
 * https://gist.github.com/tommyettinger/46a874533244883189143505d203312c . Small, fast and good
 * enough for initialising weights and shuffling; not for cryptography.
 */
export function mulberry32(seed: number): Uniform {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Mixes a run seed and a stream number into one 32-bit generator seed with the SplitMix32
 * finaliser (the 32-bit variant of Steele, Lea & Flood, "Fast splittable pseudorandom number
 * generators", OOPSLA 2014), so that neighbouring seeds (0, 1, 2 …) give unrelated streams and
 * the initialisation and data-order streams of one run are independent.
 */
export function deriveSeed(seed: number, stream: number): number {
  let z = (Math.imul(seed >>> 0, 0x9e3779b9) + Math.imul(stream + 1, 0x85ebca6b)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * Returns a standard normal generator driven by `uniform`, using the Box–Muller transform
 * (Box & Muller, "A note on the generation of random normal deviates", Ann. Math. Statist. 1958).
 * The second deviate of each pair is kept for the next call.
 */
export function gaussian(uniform: Uniform): () => number {
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    const u = 1 - uniform(); // (0, 1]: log(u) stays finite
    const v = uniform();
    const radius = Math.sqrt(-2 * Math.log(u));
    spare = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  };
}

/** Shuffles `values` in place with the Fisher–Yates algorithm (Knuth, TAOCP vol. 2, §3.4.2). */
export function shuffleInPlace(values: Uint32Array, uniform: Uniform): void {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(uniform() * (i + 1));
    const held = values[i]!;
    values[i] = values[j]!;
    values[j] = held;
  }
}
