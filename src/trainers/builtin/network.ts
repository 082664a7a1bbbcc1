/**
 * A one-hidden-layer tanh network for CLASSES-way classification, with the forward pass,
 * back-propagation of the cross-entropy loss for one example, and a momentum SGD update.
 * Plain Float64Array arithmetic; weights are row-major.
 */
import { CLASSES, INPUT_DIM } from './dataset.js';

export interface Network {
  width: number;
  /** INPUT_DIM × width. */
  w1: Float64Array;
  b1: Float64Array;
  /** width × CLASSES. */
  w2: Float64Array;
  b2: Float64Array;
}

/** Per-example scratch space, reused across examples to keep the training loop allocation-free. */
export interface Activations {
  hidden: Float64Array;
  logits: Float64Array;
  probabilities: Float64Array;
}

/**
 * Creates a network with Glorot-style normal initial weights (variance 1/fan-in; Glorot & Bengio,
 * AISTATS 2010; LeCun et al., "Efficient BackProp", 1998) drawn from `normal`, and zero biases.
 */
export function createNetwork(width: number, normal: () => number): Network {
  const w1 = new Float64Array(INPUT_DIM * width);
  const w2 = new Float64Array(width * CLASSES);
  for (let i = 0; i < w1.length; i++) w1[i] = normal() / Math.sqrt(INPUT_DIM);
  for (let i = 0; i < w2.length; i++) w2[i] = normal() / Math.sqrt(width);
  return { width, w1, b1: new Float64Array(width), w2, b2: new Float64Array(CLASSES) };
}

/** Returns a network of the same shape with every parameter zero (gradient and velocity buffers). */
export function zerosLike(network: Network): Network {
  return {
    width: network.width,
    w1: new Float64Array(network.w1.length),
    b1: new Float64Array(network.b1.length),
    w2: new Float64Array(network.w2.length),
    b2: new Float64Array(network.b2.length),
  };
}

export function createActivations(width: number): Activations {
  return {
    hidden: new Float64Array(width),
    logits: new Float64Array(CLASSES),
    probabilities: new Float64Array(CLASSES),
  };
}

/** Runs example `row` of `x` through the network, filling `out`; the softmax probabilities end in `out.probabilities`. */
export function forward(network: Network, x: Float64Array, row: number, out: Activations): void {
  // Sizes and arrays in locals: the loops below run ~10⁶ times per training run.
  const { width, w1, b1, w2, b2 } = network;
  const { hidden, logits } = out;
  const inputs = INPUT_DIM;
  const classes = CLASSES;
  const offset = row * inputs;
  for (let k = 0; k < width; k++) {
    let sum = b1[k]!;
    for (let j = 0; j < inputs; j++) sum += x[offset + j]! * w1[j * width + k]!;
    hidden[k] = Math.tanh(sum);
  }
  for (let c = 0; c < classes; c++) {
    let sum = b2[c]!;
    for (let k = 0; k < width; k++) sum += hidden[k]! * w2[k * classes + c]!;
    logits[c] = sum;
  }
  softmax(logits, out.probabilities);
}

/** Writes the softmax of `input` to `output`, shifting by the maximum for numerical stability. */
function softmax(input: Float64Array, output: Float64Array): void {
  let max = -Infinity;
  for (const v of input) if (v > max) max = v;
  let sum = 0;
  for (let c = 0; c < input.length; c++) {
    const e = Math.exp(input[c]! - max);
    output[c] = e;
    sum += e;
  }
  for (let c = 0; c < output.length; c++) output[c]! /= sum;
}

/** Gradient scratch for one example: ∂loss/∂logits and ∂loss/∂hidden-pre-activation. */
export interface BackwardScratch {
  dLogits: Float64Array;
  dHidden: Float64Array;
  doubled: Float64Array;
}

export function createBackwardScratch(width: number): BackwardScratch {
  return { dLogits: new Float64Array(CLASSES), dHidden: new Float64Array(width), doubled: new Float64Array(CLASSES) };
}

/**
 * Back-propagates the training loss of example `row` (after `forward`) and adds its gradient
 * to `grad`. Returns the example's training loss.
 *
 * Correct: loss = −log softmax(z)_y, so ∂/∂z = p − onehot(y).
 * With `doubleSoftmax` (the softmax_into_logit_loss bug) the network's probabilities p = softmax(z)
 * are treated as logits: loss = −log softmax(p)_y. With q = softmax(p) and g = q − onehot(y),
 * the chain rule through the first softmax gives ∂/∂z = p ⊙ (g − ⟨p, g⟩). The loss is bounded
 * below by −log(e / (e + CLASSES − 1)) and its gradient is weak, so training stalls early.
 */
export function backward(network: Network, x: Float64Array, row: number, label: number, act: Activations, scratch: BackwardScratch, grad: Network, doubleSoftmax: boolean): number {
  const { width, w2 } = network;
  const { w1: gw1, b1: gb1, w2: gw2, b2: gb2 } = grad;
  const { hidden } = act;
  const p = act.probabilities;
  const { dLogits: dz, dHidden: dh } = scratch;
  const inputs = INPUT_DIM;
  const classes = CLASSES;
  let loss: number;
  if (doubleSoftmax) {
    const q = scratch.doubled;
    softmax(p, q);
    let dot = 0;
    for (let c = 0; c < classes; c++) {
      const g = q[c]! - (c === label ? 1 : 0);
      dz[c] = g;
      dot += p[c]! * g;
    }
    for (let c = 0; c < classes; c++) dz[c] = p[c]! * (dz[c]! - dot);
    loss = -Math.log(q[label]!);
  } else {
    for (let c = 0; c < classes; c++) dz[c] = p[c]! - (c === label ? 1 : 0);
    loss = -Math.log(Math.max(p[label]!, Number.MIN_VALUE));
  }

  for (let c = 0; c < classes; c++) gb2[c]! += dz[c]!;
  for (let k = 0; k < width; k++) {
    const h = hidden[k]!;
    let back = 0;
    for (let c = 0; c < classes; c++) {
      gw2[k * classes + c]! += h * dz[c]!;
      back += w2[k * classes + c]! * dz[c]!;
    }
    dh[k] = back * (1 - h * h);
    gb1[k]! += dh[k]!;
  }
  const offset = row * inputs;
  for (let j = 0; j < inputs; j++) {
    const xj = x[offset + j]!;
    for (let k = 0; k < width; k++) gw1[j * width + k]! += xj * dh[k]!;
  }
  return loss;
}

export interface SgdSettings {
  learningRate: number;
  momentum: number;
  weightDecay: number;
}

/**
 * Applies one heavy-ball momentum SGD step (Polyak 1964, in the form PyTorch's SGD uses:
 * v ← μv + g, θ ← θ − ηv) with the summed batch gradient `grad` divided by `batchSize`,
 * plus L2 weight decay on the weights. Resets `grad` to zero for the next batch.
 */
export function sgdStep(network: Network, grad: Network, velocity: Network, batchSize: number, sgd: SgdSettings): void {
  const pairs: Array<[Float64Array, Float64Array, Float64Array, number]> = [
    [network.w1, grad.w1, velocity.w1, sgd.weightDecay],
    [network.b1, grad.b1, velocity.b1, 0],
    [network.w2, grad.w2, velocity.w2, sgd.weightDecay],
    [network.b2, grad.b2, velocity.b2, 0],
  ];
  for (const [theta, g, v, decay] of pairs) {
    for (let i = 0; i < theta.length; i++) {
      const step = g[i]! / batchSize + decay * theta[i]!;
      v[i] = sgd.momentum * v[i]! + step;
      theta[i]! -= sgd.learningRate * v[i]!;
      g[i] = 0;
    }
  }
}
