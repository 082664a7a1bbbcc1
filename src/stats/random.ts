/**
 * Seeded pseudo-random numbers: every random choice in mlreg takes a seed, so results repeat.
 * Generator: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, PractRand-clean),
 * seeded through splitmix32 so that nearby seeds give unrelated streams.
 */

export interface Random {
  /** Uniform double in [0, 1) with 53 random bits. */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal deviate (Box–Muller). */
  normal(): number;
}

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** A seeded generator; the same seed always yields the same sequence. */
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
  let spare: number | undefined;
  const next = (): number => (next32() * 2 ** 21 + (next32() >>> 11)) / 2 ** 53;
  return {
    next,
    int: (n) => Math.floor((next32() / 2 ** 32) * n),
    normal: () => {
      if (spare !== undefined) {
        const value = spare;
        spare = undefined;
        return value;
      }
      let u = next();
      while (u === 0) u = next();
      const radius = Math.sqrt(-2 * Math.log(u));
      const angle = 2 * Math.PI * next();
      spare = radius * Math.sin(angle);
      return radius * Math.cos(angle);
    },
  };
}
