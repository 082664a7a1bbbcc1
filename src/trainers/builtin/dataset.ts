/**
 * The fixed synthetic data set of the built-in trainer: a classification problem where each
 * class is a mixture of Gaussian clusters (so the decision boundary is non-linear and width
 * matters), with some label noise (so a network can memorise its small training split and
 * look better on it than on held-out data). It is drawn from DATA_SEED, never from the run
 * seed: every run of every config sees the same examples.
 */
import { deriveSeed, mulberry32, randomFrom } from '../../stats/random.js';

export const DATA_SEED = 20240611;
export const INPUT_DIM = 6;
export const CLASSES = 8;
const CLUSTERS_PER_CLASS = 2;
export const TRAIN_SIZE = 256;
export const HELD_OUT_SIZE = 1024;
/** Spread of the cluster centres around the origin, per coordinate. */
const CENTRE_SCALE = 1.8;
/** Spread of the examples around their cluster centre, per coordinate. */
const CLUSTER_SCALE = 1;
/** Fraction of examples whose label is replaced with a uniformly random class. */
const LABEL_NOISE = 0.05;

/** n labelled examples: `x[i * INPUT_DIM + j]` is feature j of example i, `y[i]` its class. */
export interface Split {
  x: Float64Array;
  y: Uint8Array;
  n: number;
}

export interface Dataset {
  train: Split;
  heldOut: Split;
}

let cached: Dataset | undefined;

/** Returns the fixed data set (generated once per process from DATA_SEED). */
export function loadDataset(): Dataset {
  cached ??= generateDataset(DATA_SEED);
  return cached;
}

/** Draws the training and held-out splits from one seeded stream. */
export function generateDataset(seed: number): Dataset {
  const random = randomFrom(mulberry32(deriveSeed(seed, 0)));
  const centres = new Float64Array(CLASSES * CLUSTERS_PER_CLASS * INPUT_DIM);
  for (let i = 0; i < centres.length; i++) centres[i] = CENTRE_SCALE * random.normal();

  const drawSplit = (n: number): Split => {
    const x = new Float64Array(n * INPUT_DIM);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const label = random.int(CLASSES);
      const cluster = label * CLUSTERS_PER_CLASS + random.int(CLUSTERS_PER_CLASS);
      for (let j = 0; j < INPUT_DIM; j++) {
        x[i * INPUT_DIM + j] = centres[cluster * INPUT_DIM + j]! + CLUSTER_SCALE * random.normal();
      }
      y[i] = random.next() < LABEL_NOISE ? random.int(CLASSES) : label;
    }
    return { x, y, n };
  };
  const train = drawSplit(TRAIN_SIZE);
  const heldOut = drawSplit(HELD_OUT_SIZE);
  return { train, heldOut };
}
