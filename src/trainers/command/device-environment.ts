/** How the command adapter confines a trainer to the GPU slot its run holds: environment variables. */

/**
 * The variables that confine a run to its device. CUDA for NVIDIA; HIP_VISIBLE_DEVICES for AMD
 * ROCm (which reads CUDA_VISIBLE_DEVICES too). ROCR_VISIBLE_DEVICES is left alone: ROCm applies
 * it before HIP_VISIBLE_DEVICES, so setting both to the same id would hide every device but one
 * of index 0.
 */
const DEVICE_VARIABLES = ['CUDA_VISIBLE_DEVICES', 'HIP_VISIBLE_DEVICES'] as const;
/** The device id alone, for trainers that pick a device themselves (in-process adapters read `RunContext.gpu`). */
const GPU_VARIABLE = 'MLREG_GPU';

/** The environment of a run confined to `gpu`. */
export function deviceEnvironment(gpu: string): Record<string, string> {
  const env: Record<string, string> = { [GPU_VARIABLE]: gpu };
  for (const name of DEVICE_VARIABLES) env[name] = gpu;
  return env;
}
