import { describe, expect, it } from 'vitest';
import { CLASSES, DATA_SEED, HELD_OUT_SIZE, INPUT_DIM, TRAIN_SIZE, generateDataset, loadDataset } from '../../../src/trainers/builtin/dataset.js';

describe('loadDataset', () => {
  it('is the data set drawn from the fixed DATA_SEED, whatever run is training', () => {
    const data = loadDataset();
    expect(generateDataset(DATA_SEED)).toStrictEqual(data);
    expect(generateDataset(DATA_SEED + 1).train.x).not.toStrictEqual(data.train.x);
  });

  it('has a small training split and a larger held-out split with every class in both', () => {
    const { train, heldOut } = loadDataset();
    expect([train.n, train.x.length, train.y.length]).toEqual([TRAIN_SIZE, TRAIN_SIZE * INPUT_DIM, TRAIN_SIZE]);
    expect([heldOut.n, heldOut.x.length]).toEqual([HELD_OUT_SIZE, HELD_OUT_SIZE * INPUT_DIM]);
    for (const split of [train, heldOut]) {
      const counts = new Array<number>(CLASSES).fill(0);
      for (const label of split.y) counts[label]!++;
      for (const count of counts) expect(count).toBeGreaterThan(split.n / CLASSES / 2);
    }
  });
});
