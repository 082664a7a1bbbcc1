import { describe, expect, it } from 'vitest';
import { deviceEnvironment } from '../../../src/trainers/command/device-environment.js';

describe('the environment of a run on a GPU slot', () => {
  it('confines a run with the CUDA and HIP variables and names the device in MLREG_GPU', () => {
    expect(deviceEnvironment('3')).toEqual({ MLREG_GPU: '3', CUDA_VISIBLE_DEVICES: '3', HIP_VISIBLE_DEVICES: '3' });
  });
});
