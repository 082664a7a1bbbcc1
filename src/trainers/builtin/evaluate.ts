/**
 * The built-in trainer's metrics on one split: cross-entropy loss, accuracy, and a Fréchet
 * distance between the model's predictions and the true labels.
 */
import { deriveSeed, mulberry32 } from '../../stats/random.js';
import { CLASSES, DATA_SEED, INPUT_DIM, type Split } from './dataset.js';
import { frechetDistance, sampleMoments, type Moments } from './frechet.js';
import { createActivations, forward, type Network } from './network.js';

export interface Metrics {
  /** Fréchet joint distance between (input, label sampled from the model) and (input, true label); lower is better. */
  fid: number;
  /** Mean cross-entropy −log p(y | x) of the model's probabilities; lower is better. */
  loss: number;
  /** Fraction of examples whose most probable class is the label; higher is better. */
  accuracy: number;
}

const EMBEDDING_DIM = INPUT_DIM + CLASSES;
/** Labels drawn from the model per example: more draws, less sampling noise in `fid`. */
const DRAWS_PER_EXAMPLE = 4;
/** Stream of the fixed uniforms used to sample labels from the model (see `evaluate`). */
const LABEL_SAMPLING_STREAM = 7;

/** The fixed parts of the Fréchet distance for one split, computed once per split. */
interface Reference {
  moments: Moments;
  labelWeight: number;
  /** DRAWS_PER_EXAMPLE uniforms per example, the same for every model. */
  uniforms: Float64Array;
}

const references = new WeakMap<Split, Reference>();

/**
 * Evaluates `network` on `split`.
 *
 * `fid` is a Fréchet Joint Distance (DeVries, Drozdzal & Taylor, "On the Evaluation of Conditional
 * GANs", arXiv:1907.08175, 2019): FID computed on joint embeddings [x, α·onehot(y)]. The classifier
 * is treated as a conditional generator of labels: its sample set pairs each input with labels
 * drawn from the predicted distribution p(·|x), the reference set pairs it with its true label.
 * - Embedding the input alongside the label makes the distance measure whether labels co-vary
 *   with the inputs as the true ones do, not merely whether class frequencies match.
 * - Sampling labels (rather than embedding p(x) itself) makes the score proper: a model whose
 *   p(·|x) equals the data's conditional reproduces the reference distribution and scores ≈ 0,
 *   while both over- and under-confident models are penalised, as with the loss.
 * - The uniforms that drive the sampling are fixed per split (common random numbers), so the
 *   sampling adds no noise between runs beyond what the model itself changes.
 * As in FJD, α balances the two parts: the mean L2 norm of the inputs over the norm of a one-hot
 * label (1), fixed per split so every model is measured with the same ruler.
 */
export function evaluate(network: Network, split: Split): Metrics {
  const reference = referenceFor(split);
  const act = createActivations(network.width);
  const embedded = new Float64Array(split.n * DRAWS_PER_EXAMPLE * EMBEDDING_DIM);
  const drawn = new Float64Array(CLASSES);
  let lossSum = 0;
  let correct = 0;
  for (let i = 0; i < split.n; i++) {
    forward(network, split.x, i, act);
    const label = split.y[i]!;
    const p = act.probabilities;
    lossSum -= Math.log(Math.max(p[label]!, Number.MIN_VALUE));
    if (argmax(p) === label) correct++;
    for (let r = 0; r < DRAWS_PER_EXAMPLE; r++) {
      const row = i * DRAWS_PER_EXAMPLE + r;
      drawn.fill(0);
      drawn[sampleClass(p, reference.uniforms[row]!)] = 1;
      writeEmbedding(embedded, row, split.x, i, drawn, reference.labelWeight);
    }
  }
  const moments = sampleMoments({ data: embedded, n: split.n * DRAWS_PER_EXAMPLE, d: EMBEDDING_DIM });
  return {
    fid: frechetDistance(moments, reference.moments),
    loss: lossSum / split.n,
    accuracy: correct / split.n,
  };
}

function referenceFor(split: Split): Reference {
  let reference = references.get(split);
  if (reference === undefined) {
    const labelWeight = meanInputNorm(split);
    const embedded = new Float64Array(split.n * EMBEDDING_DIM);
    const oneHot = new Float64Array(CLASSES);
    for (let i = 0; i < split.n; i++) {
      oneHot.fill(0);
      oneHot[split.y[i]!] = 1;
      writeEmbedding(embedded, i, split.x, i, oneHot, labelWeight);
    }
    const uniform = mulberry32(deriveSeed(DATA_SEED, LABEL_SAMPLING_STREAM));
    const uniforms = Float64Array.from({ length: split.n * DRAWS_PER_EXAMPLE }, () => uniform());
    reference = { moments: sampleMoments({ data: embedded, n: split.n, d: EMBEDDING_DIM }), labelWeight, uniforms };
    references.set(split, reference);
  }
  return reference;
}

/** Writes [x_example, weight·labelVector] as row `row` of `out`. */
function writeEmbedding(out: Float64Array, row: number, x: Float64Array, example: number, labelVector: Float64Array, weight: number): void {
  const inputs = INPUT_DIM;
  const offset = row * (inputs + labelVector.length);
  for (let j = 0; j < inputs; j++) out[offset + j] = x[example * inputs + j]!;
  for (let c = 0; c < labelVector.length; c++) out[offset + inputs + c] = weight * labelVector[c]!;
}

function meanInputNorm(split: Split): number {
  let sum = 0;
  for (let i = 0; i < split.n; i++) {
    let squared = 0;
    for (let j = 0; j < INPUT_DIM; j++) squared += split.x[i * INPUT_DIM + j]! ** 2;
    sum += Math.sqrt(squared);
  }
  return sum / split.n;
}

/** Inverse-CDF sampling: the first class whose cumulative probability exceeds `u` ∈ [0, 1). */
function sampleClass(probabilities: Float64Array, u: number): number {
  let cumulative = 0;
  for (let c = 0; c < probabilities.length - 1; c++) {
    cumulative += probabilities[c]!;
    if (u < cumulative) return c;
  }
  return probabilities.length - 1;
}

function argmax(values: Float64Array): number {
  let best = 0;
  for (let c = 1; c < values.length; c++) if (values[c]! > values[best]!) best = c;
  return best;
}
