/**
 * Seeded pseudo-random numbers: every random choice in mlreg takes a seed, so results repeat.
 *
 * Two generators behind one `Random` interface:
 * - `createRandom`: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, PractRand-clean),
 *   seeded through splitmix32 so that nearby seeds give unrelated streams. The statistics use it.
 * - `mulberry32`: Tommy Ettinger's 32-bit generator. The built-in trainer's data set, weights and
 *   batch order are defined by its sequence (a seed fixes a run bit for bit), so it stays.
 */

export interface Random {
  /** Uniform double in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal deviate (Box–Muller). */
  normal(): number;
}

/** A source of uniform numbers in [0, 1). */
export type Uniform = () => number;

/** The murmur3 32-bit finaliser (Appleby), the output step of splitmix32. */
function fmix32(z: number): number {
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    return fmix32(state);
  };
}

/**
 * Mixes a seed and a stream number into one 32-bit generator seed with the SplitMix32 finaliser
 * (the 32-bit variant of Steele, Lea & Flood, "Fast splittable pseudorandom number generators",
 * OOPSLA 2014), so that neighbouring seeds (0, 1, 2 …) and the streams of one seed are unrelated.
 */
export function deriveSeed(seed: number, stream: number): number {
  return fmix32((Math.imul(seed >>> 0, 0x9e3779b9) + Math.imul(stream + 1, 0x85ebca6b)) >>> 0);
}

/** A seeded sfc32 generator; the same seed always yields the same sequence. */
export function createRandom(seed: number): Random {
  if (!Number.isFinite(seed)) throw new RangeError(`createRandom: expected a finite numeric seed, received ${seed}`);
  const mix = splitmix32(Math.floor(seed) ^ Math.floor(seed / 2 ** 32));
  // State lives in an Int32Array: plain closure variables would box values above 2^30.
  const state = new Int32Array([mix(), mix(), mix(), mix()]);
  const next32 = (): number => {
    const a = state[0]!;
    const b = state[1]!;
    const c = state[2]!;
    const d = state[3]!;
    const t = (((a + b) | 0) + d) | 0;
    state[3] = (d + 1) | 0;
    state[0] = b ^ (b >>> 9);
    state[1] = (c + (c << 3)) | 0;
    const rotated = (c << 21) | (c >>> 11);
    state[2] = (rotated + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) next32();
  // 53 random bits from two draws.
  const next = (): number => (next32() * 2 ** 21 + (next32() >>> 11)) / 2 ** 53;
  const positive = (): number => {
    let u = next();
    while (u === 0) u = next();
    return u;
  };
  return {
    next,
    int: (n) => Math.floor((next32() / 2 ** 32) * n),
    normal: boxMuller(positive, next),
  };
}

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
 * A `Random` drawing every number from `uniform`: `int(n)` is ⌊u·n⌋ and `normal` is Box–Muller
 * on (1 − u, u), one uniform per integer and two per pair of normals.
 */
export function randomFrom(uniform: Uniform): Random {
  return {
    next: uniform,
    int: (n) => Math.floor(uniform() * n),
    normal: boxMuller(() => 1 - uniform(), uniform),
  };
}

/**
 * Standard normal deviates by the Box–Muller transform (Box & Muller, "A note on the generation
 * of random normal deviates", Ann. Math. Statist. 1958): `radius` draws u in (0, 1], `angle` draws
 * v in [0, 1); each pair gives two deviates, the second kept for the next call.
 */
function boxMuller(radius: Uniform, angle: Uniform): () => number {
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    const r = Math.sqrt(-2 * Math.log(radius()));
    const theta = 2 * Math.PI * angle();
    spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  };
}
