import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { GpuSlots, resolveGpus } from '../../src/runner/gpus.js';

describe('GPU slots', () => {
  it('gives each run the least busy device with room, and none beyond runs_per_gpu', () => {
    const slots = new GpuSlots(['0', '1'], 2);
    expect(slots.capacity).toBe(4);
    const taken = [slots.take(), slots.take(), slots.take(), slots.take()];
    expect(taken).toEqual(['0', '1', '0', '1']);
    expect(slots.take()).toBeUndefined();
    slots.release('1');
    expect(slots.take()).toBe('1');
    expect(slots.take()).toBeUndefined();
  });
});

describe('resolving runner.gpus', () => {
  const bin = mkdtempSync(join(tmpdir(), 'mlreg-gpus-'));
  afterAll(() => rmSync(bin, { recursive: true, force: true }));

  it('keeps a listed set of ids, and reads CUDA_VISIBLE_DEVICES for auto when it is set', () => {
    expect(resolveGpus(undefined)).toBeUndefined();
    expect(resolveGpus(['2', 'GPU-abc'])).toEqual(['2', 'GPU-abc']);
    expect(resolveGpus('auto', { CUDA_VISIBLE_DEVICES: '4, 5' })).toEqual(['4', '5']);
  });

  it('lists the GPUs nvidia-smi -L names for auto', () => {
    const shim = join(bin, 'with-gpus');
    mkdirSync(shim);
    writeFileSync(join(shim, 'nvidia-smi'), '#!/bin/sh\necho "GPU 0: NVIDIA H100 (UUID: GPU-aaa)"\necho "GPU 1: NVIDIA H100 (UUID: GPU-bbb)"\n', { mode: 0o755 });
    expect(resolveGpus('auto', { PATH: `${shim}:/usr/bin:/bin` })).toEqual(['0', '1']);
  });

  it('refuses auto with exit 2 when nvidia-smi is missing', () => {
    const empty = join(bin, 'empty');
    mkdirSync(empty);
    const attempt = () => resolveGpus('auto', { PATH: empty });
    expect(attempt).toThrow(InputError);
    expect(attempt).toThrow(/runner\.gpus: expected `auto` to find GPUs with nvidia-smi -L, received none \(nvidia-smi is not on PATH\)/);
  });
});
