/**
 * GPU slots on one machine: which devices the local runs share (`runner.gpus`, or `auto` from
 * `nvidia-smi -L`), and which device a run starting now gets, so that no device holds more than
 * `runner.runs_per_gpu` runs at a time.
 */
import { spawnSync } from 'node:child_process';
import { InputError } from '../errors.js';

/**
 * The device ids `runner.gpus` names: the list itself, or for `auto` the ids of mlreg's own
 * CUDA_VISIBLE_DEVICES when set (a CI job confined to some GPUs), else every GPU `nvidia-smi -L`
 * lists. Throws an InputError (exit 2) when `auto` finds no GPU to use.
 */
export function resolveGpus(setting: readonly string[] | 'auto' | undefined, env: NodeJS.ProcessEnv = process.env): string[] | undefined {
  if (setting === undefined) return undefined;
  if (setting !== 'auto') return [...setting];
  const visible = env.CUDA_VISIBLE_DEVICES?.trim();
  if (visible)
    return visible
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean);
  const path = env.PATH ?? '';
  let ids = detected.get(path);
  if (!ids) {
    ids = listNvidiaGpus(env);
    detected.set(path, ids);
  }
  return [...ids];
}

/** What `nvidia-smi -L` listed, by PATH: asked once per process (every arm of an invocation shares the answer). */
const detected = new Map<string, string[]>();

/** The indices of the GPUs `nvidia-smi -L` lists ("GPU 0: NVIDIA H100 (UUID: GPU-…)"). */
function listNvidiaGpus(env: NodeJS.ProcessEnv): string[] {
  const result = spawnSync('nvidia-smi', ['-L'], { encoding: 'utf8', timeout: 30_000, env });
  if (result.error || result.status !== 0) {
    const why = result.error
      ? (result.error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'nvidia-smi is not on PATH'
        : result.error.message
      : `nvidia-smi -L exited with code ${result.status}: ${result.stderr.trim()}`;
    throw new InputError(
      `runner.gpus: expected \`auto\` to find GPUs with nvidia-smi -L, received none (${why}); ` +
        'list the device ids instead (runner.gpus: [0, 1]), or remove runner.gpus to run without GPU slots',
    );
  }
  const ids = [...result.stdout.matchAll(/^GPU (\d+):/gm)].map((match) => match[1]!);
  if (ids.length === 0) {
    throw new InputError('runner.gpus: expected `auto` to find GPUs with nvidia-smi -L, received a list with no GPU; list the device ids instead, or remove runner.gpus');
  }
  return ids;
}

/** Which runs hold which device: a run takes the least busy device that has room. */
export class GpuSlots {
  private readonly running: Map<string, number>;

  constructor(
    gpus: readonly string[],
    private readonly runsPerGpu: number,
  ) {
    this.running = new Map(gpus.map((gpu) => [gpu, 0]));
  }

  /** How many runs the devices hold at most. */
  get capacity(): number {
    return this.running.size * this.runsPerGpu;
  }

  /** A device with room for one more run, now counted as taken; undefined when every device is full. */
  take(): string | undefined {
    let best: string | undefined;
    for (const [gpu, count] of this.running) {
      if (count < this.runsPerGpu && (best === undefined || count < this.running.get(best)!)) best = gpu;
    }
    if (best !== undefined) this.running.set(best, this.running.get(best)! + 1);
    return best;
  }

  /** A run on `gpu` ended. */
  release(gpu: string): void {
    this.running.set(gpu, Math.max(0, (this.running.get(gpu) ?? 0) - 1));
  }
}
