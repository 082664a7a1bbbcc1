/**
 * GPU slots on one machine (`runner.gpus`, `runner.runs_per_gpu`) with a PATH-shimmed
 * `nvidia-smi` that lists two GPUs, and a trainer that logs the device variables it saw and
 * when it ran.
 */
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFiles, mlreg, repoRoot, storedBaseline, testProject } from './harness.js';

const probe = join(repoRoot, 'test/fixtures/trainers/gpu-probe.mjs');
const SEEDS = [0, 1, 2, 3, 4, 5, 6, 7];

interface Seen {
  seed: number;
  cuda: string | null;
  hip: string | null;
  gpu: string | null;
  start: number;
  end: number;
}

function gpuProject(runner: object): Record<string, string> {
  return {
    'configs/gpu.yaml': JSON.stringify({
      name: 'gpu',
      trainer: { adapter: 'command', command: ['node', probe], env: { CUDA_VISIBLE_DEVICES: '7' } },
      seeds: SEEDS,
      metrics: { score: 'higher' },
      runner,
    }),
    'baselines/gpu.json': storedBaseline('gpu', { score: { direction: 'higher', samples: SEEDS.map((seed) => 10 + Math.sin(seed * 12.9898)) } }),
  };
}

/** A bin directory whose `nvidia-smi` prints `listing` (and exits with `code`), with node beside it. */
async function shimmedPath(dir: string, script: string): Promise<string> {
  const shim = join(dir, 'nvidia-smi');
  await writeFile(shim, `#!/bin/sh\n${script}\n`);
  await chmod(shim, 0o755);
  return `${dir}:${dirname(process.execPath)}:/usr/bin:/bin`;
}

/** The most runs whose [start, end) intervals overlap at one instant. */
function mostAtOnce(runs: Seen[]): number {
  const events = runs
    .flatMap(
      (run) =>
        [
          [run.start, 1],
          [run.end, -1],
        ] as const,
    )
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let most = 0;
  for (const [, change] of events) most = Math.max(most, (now += change));
  return most;
}

describe('GPU slots on one machine', () => {
  it('runs 8 seeds over 2 shimmed GPUs, at most 2 at a time on each, and each record names its device', { timeout: 60_000 }, async () => {
    const dir = await testProject(gpuProject({ gpus: 'auto', runs_per_gpu: 2 }));
    const path = await shimmedPath(await testProject(), 'echo "GPU 0: NVIDIA H100 80GB HBM3 (UUID: GPU-0aaa)"; echo "GPU 1: NVIDIA H100 80GB HBM3 (UUID: GPU-1bbb)"');
    const log = join(dir, 'gpu.log');
    const result = await mlreg(dir, ['run', '--config', 'configs/gpu.yaml', '--json', '--concurrency', '8'], {
      env: { PATH: path, GPU_LOG: log, RUN_MS: '400' },
      extendEnv: false,
    });
    expect(result.stderr).not.toMatch(/error/i);
    const doc = JSON.parse(result.stdout) as { runs: Array<{ seed: number; status: string; gpu?: string }> };
    const seen = (await readFile(log, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Seen);

    expect(doc.runs.map((run) => [run.seed, run.status])).toEqual(SEEDS.map((seed) => [seed, 'ok']));
    for (const run of doc.runs) {
      const saw = seen.find((entry) => entry.seed === run.seed)!;
      expect(['0', '1']).toContain(run.gpu);
      // The slot's device, not the trainer.env's CUDA_VISIBLE_DEVICES: 7.
      expect(saw).toMatchObject({ cuda: run.gpu, hip: run.gpu, gpu: run.gpu });
    }
    for (const gpu of ['0', '1']) {
      const onDevice = seen.filter((entry) => entry.cuda === gpu);
      expect(onDevice.length).toBeGreaterThan(0);
      expect(mostAtOnce(onDevice)).toBeLessThanOrEqual(2);
    }
    // --concurrency 8 is capped by the 4 slots, which are all used.
    expect(mostAtOnce(seen)).toBe(4);
  });

  it('refuses `auto` with exit 2 and writes nothing when nvidia-smi is missing or fails', { timeout: 30_000 }, async () => {
    const dir = await testProject(gpuProject({ gpus: 'auto' }));
    const before = await listFiles(dir);
    const missing = await mlreg(dir, ['run', '--config', 'configs/gpu.yaml'], {
      env: { PATH: dirname(process.execPath) },
      extendEnv: false,
    });
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/configs\/gpu\.yaml: runner\.gpus: expected `auto` to find GPUs with nvidia-smi -L, received none \(nvidia-smi is not on PATH\)/);

    const failing = await mlreg(dir, ['run', '--config', 'configs/gpu.yaml'], {
      env: { PATH: await shimmedPath(await testProject(), 'echo "NVIDIA-SMI has failed because it couldn\'t communicate with the NVIDIA driver." >&2; exit 9') },
      extendEnv: false,
    });
    expect(failing.exitCode).toBe(2);
    expect(failing.stderr).toMatch(/nvidia-smi -L exited with code 9: NVIDIA-SMI has failed/);
    expect(await listFiles(dir)).toEqual(before);
  });
});
