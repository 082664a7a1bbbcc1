/**
 * The batch script of an arm's job array: array task i runs seed `seeds[i]` with
 * `mlreg internal run-seed`, then writes the seed's exit-status file, so the launcher can tell
 * how a task ended even where Slurm keeps no accounting.
 */

/** The file the job script writes in each run directory when the seed's worker has ended. */
export const EXIT_FILE = 'slurm-exit.json';

export interface JobScriptInput {
  configName: string;
  arm: string;
  /** Array task index → seed. */
  seeds: readonly number[];
  /** The stored arm plan (`<armDir>/plan.json`). */
  planFile: string;
  armDir: string;
  /** Absolute path of the Node.js executable on the compute nodes. */
  node: string;
  /** Absolute path of `bin/mlreg.js`. */
  mlregBin: string;
}

/**
 * Renders the job script. Paths are quoted for bash. The worker runs in the background so that
 * the script survives Slurm's SIGTERM (time limit, scancel) long enough to record how it ended;
 * Slurm signals every process of the job, so the script does not pass the signal on (a second
 * SIGTERM would make the worker exit before writing its record).
 */
export function renderJobScript(input: JobScriptInput): string {
  const seeds = input.seeds.map((seed) => {
    if (!Number.isInteger(seed) || seed < 0) throw new Error(`Expected non-negative integer seeds; received ${seed}`);
    return String(seed);
  });
  return `#!/bin/bash
# mlreg job array for config ${oneLine(input.configName)}, arm ${oneLine(input.arm)}: array task i runs seed SEEDS[i].
set -u
SEEDS=(${seeds.join(' ')})
task=\${SLURM_ARRAY_TASK_ID:?this script runs as a Slurm array task}
seed=\${SEEDS[$task]:?no seed for array task $task}
run_dir=${quote(input.armDir)}/seed-$seed
signal=
trap 'signal=TERM' TERM
trap 'signal=INT' INT
${quote(input.node)} ${quote(input.mlregBin)} internal run-seed --plan ${quote(input.planFile)} --seed "$seed" &
worker=$!
# wait returns early when a trapped signal arrives; wait again for the worker's own exit code.
wait "$worker"
code=$?
while kill -0 "$worker" 2>/dev/null; do
  wait "$worker"
  code=$?
done
mkdir -p "$run_dir"
printf '{"jobId":"%s","task":%s,"seed":%s,"exitCode":%s,"signal":"%s","endedAt":"%s"}\\n' \\
  "\${SLURM_ARRAY_JOB_ID:-}" "$task" "$seed" "$code" "$signal" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" > "$run_dir/${EXIT_FILE}.tmp"
mv -f "$run_dir/${EXIT_FILE}.tmp" "$run_dir/${EXIT_FILE}"
exit "$code"
`;
}

/** Quotes a value for bash as one word. */
export function quote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}
