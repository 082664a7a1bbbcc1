/**
 * A seeded pseudo-random source for simulations: every random choice in the sequential
 * rule's calibration and benchmark comes from here, so a seed reproduces a result.
 */

/** A stream of uniform draws in [0, 1). */
export interface Random {
  /** A uniform draw in [0, 1). */
  next(): number;
  /** A standard normal draw. */
  normal(): number;
}

/**
 * Creates a seeded generator: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator,
 * as in PractRand) seeded through splitmix32, and Marsaglia's polar method for normals
 * (Marsaglia & Bray 1964, "A convenient method for generating normal variables").
 */
export function createRandom(seed: number): Random {
  if (!Number.isInteger(seed)) {
    throw new TypeError(`seed: expected an integer, received ${String(seed)}`);
  }
  let s = seed >>> 0;
  const splitmix = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const next = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  // Warm up so that nearby seeds give unrelated streams.
  for (let i = 0; i < 12; i++) next();

  let spare: number | undefined;
  const normal = (): number => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    let u = 0;
    let v = 0;
    let q = 0;
    do {
      u = 2 * next() - 1;
      v = 2 * next() - 1;
      q = u * u + v * v;
    } while (q >= 1 || q === 0);
    const factor = Math.sqrt((-2 * Math.log(q)) / q);
    spare = v * factor;
    return u * factor;
  };
  return { next, normal };
}
