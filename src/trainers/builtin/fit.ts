/**
 * One run of the built-in trainer: train the network on the fixed data set with a given seed,
 * streaming learning curves, and return the final metrics. Takes params already validated, so
 * the worker thread that runs it does not need to load the schema library.
 */
import { deriveSeed, mulberry32, randomFrom, type Random } from '../../stats/random.js';
import { shuffleRange } from '../../stats/shuffle.js';
import type { MetricPoint } from '../types.js';
import { loadDataset, type Split } from './dataset.js';
import { evaluate, type Metrics } from './evaluate.js';
import { backward, createActivations, createBackwardScratch, createNetwork, forward, sgdStep, zerosLike } from './network.js';
import type { BuiltinParams } from './params.js';

export interface BuiltinResult {
  metrics: Metrics;
  /** metric → points in step order: `train_loss` (the training objective) and the eval metrics. */
  curves: Record<string, Array<{ step: number; value: number }>>;
}

/** Number of progress points a run streams (plus the final step). */
const PROGRESS_POINTS = 20;
const INIT_STREAM = 1;
const ORDER_STREAM = 2;

/**
 * Trains the built-in classifier with parsed params `p` and `seed`, which drives the initial
 * weights and the mini-batch order through independent PRNG streams. The same params and seed
 * give bit-identical results. Calls `onProgress` about PROGRESS_POINTS times with the mean
 * training loss since the previous point and the current eval metrics.
 */
export function fitClassifier(p: BuiltinParams, seed: number, onProgress?: (point: MetricPoint) => void): BuiltinResult {
  checkSeed(seed);
  const data = loadDataset();
  const evalSplit = p.bugs.eval_on_train ? data.train : data.heldOut;

  const network = createNetwork(p.width, randomFrom(mulberry32(deriveSeed(seed, INIT_STREAM))).normal);
  const batches = batchOrder(data.train, p, randomFrom(mulberry32(deriveSeed(seed, ORDER_STREAM))));
  const grad = zerosLike(network);
  const velocity = zerosLike(network);
  const act = createActivations(p.width);
  const scratch = createBackwardScratch(p.width);
  const sgd = { learningRate: p.learning_rate, momentum: p.momentum, weightDecay: p.weight_decay };

  const curves: BuiltinResult['curves'] = { train_loss: [], fid: [], loss: [], accuracy: [] };
  const every = Math.max(1, Math.ceil(p.steps / PROGRESS_POINTS));
  let intervalLoss = 0;
  let intervalExamples = 0;
  let metrics: Metrics | undefined;
  for (let step = 1; step <= p.steps; step++) {
    const batch = batches.next();
    for (const row of batch) {
      forward(network, data.train.x, row, act);
      intervalLoss += backward(network, data.train.x, row, data.train.y[row]!, act, scratch, grad, p.bugs.softmax_into_logit_loss);
    }
    intervalExamples += batch.length;
    sgdStep(network, grad, velocity, batch.length, sgd);

    if (step % every === 0 || step === p.steps) {
      metrics = evaluate(network, evalSplit);
      const values = { train_loss: intervalLoss / intervalExamples, ...metrics };
      for (const [name, value] of Object.entries(values)) curves[name]!.push({ step, value });
      onProgress?.({ step, values });
      intervalLoss = 0;
      intervalExamples = 0;
    }
  }
  // The loop always evaluates at the last step.
  return { metrics: metrics!, curves };
}

/** Yields mini-batches of training rows: epochs of a seeded shuffle, cut into batch_size pieces. */
function batchOrder(train: Split, p: BuiltinParams, random: Random): { next(): Uint32Array } {
  const order = Uint32Array.from({ length: train.n }, (_, i) => i);
  let position = train.n; // forces a shuffle before the first batch
  return {
    next() {
      if (position + p.batch_size > train.n) {
        shuffleRange(order, 0, order.length, random);
        position = 0;
      }
      const batch = order.subarray(position, position + p.batch_size);
      position += p.batch_size;
      return batch;
    },
  };
}

function checkSeed(seed: number): void {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RangeError(`builtin trainer: expected the seed to be an integer in [0, 4294967295], received ${String(seed)}`);
  }
}
