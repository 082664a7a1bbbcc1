/**
 * The batch script of an arm's job array: array task i runs seed `seeds[i]` with
 * `mlreg internal run-seed`, then writes the seed's exit-status file, so the launcher can tell
 * how a task ended even where Slurm keeps no accounting.
 */

/** The file the job script writes in each run directory when the seed's worker has ended. */
export const EXIT_FILE = 'slurm-exit.json';

/**
 * The file the worker writes in its run directory as it starts, before the trainer. A task that
 * ended without it never got as far as mlreg: a setup line failed, or Node.js or mlreg could not
 * start on the node. That is the cluster's or the config's fault, not the run's (exit 3).
 */
export const WORKER_FILE = 'slurm-worker.json';

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
  /** Shell lines run before the worker (`launcher.slurm.setup`): module loads, environment activation. */
  setup?: readonly string[];
  /** A signal (`USR1`) the script passes on to the worker, e.g. sbatch's `--signal=B:USR1@120` warning. */
  forwardSignal?: string;
}

/**
 * Renders the job script. Paths are quoted for bash. The setup lines run in the script itself, so
 * what they export reaches the worker and its trainer; the first that fails ends the task with
 * its exit status (recorded like the worker's), naming the line in the task's log. The worker
 * runs in the background so that the script survives Slurm's SIGTERM (time limit, scancel) long
 * enough to record how it ended; Slurm signals every process of the job, so the script does not
 * pass the signal on (a second SIGTERM would make the worker exit before writing its record).
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
${input.forwardSignal ? `trap '[ -n "\${worker:-}" ] && kill -${input.forwardSignal} "$worker" 2>/dev/null' ${input.forwardSignal}\n` : ''}write_exit() {
  mkdir -p "$run_dir"
  printf '{"jobId":"%s","task":%s,"seed":%s,"exitCode":%s,"signal":"%s","endedAt":"%s"}\\n' \\
    "\${SLURM_ARRAY_JOB_ID:-}" "$task" "$seed" "$1" "$signal" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" > "$run_dir/${EXIT_FILE}.tmp"
  mv -f "$run_dir/${EXIT_FILE}.tmp" "$run_dir/${EXIT_FILE}"
}
${renderSetup(input.setup ?? [])}${quote(input.node)} ${quote(input.mlregBin)} internal run-seed --plan ${quote(input.planFile)} --seed "$seed" &
worker=$!
# wait returns early when a trapped signal arrives; wait again for the worker's own exit code.
wait "$worker"
code=$?
while kill -0 "$worker" 2>/dev/null; do
  wait "$worker"
  code=$?
done
write_exit "$code"
exit "$code"
`;
}

/**
 * The setup lines, each followed by a check of its status (on a line of its own, so that a line
 * ending in a comment still works). `set -u` is off while they run: activation scripts read
 * unset variables.
 */
function renderSetup(lines: readonly string[]): string {
  if (lines.length === 0) return '';
  const steps = lines.map((line, index) => {
    const label = quote(`launcher.slurm.setup[${index}]: ${oneLine(line)}`);
    return `${line}\nsetup_status=$?; if [ "$setup_status" -ne 0 ]; then echo "mlreg: "${label}" failed with exit status $setup_status" >&2; write_exit "$setup_status"; exit "$setup_status"; fi`;
  });
  return `# launcher.slurm.setup\nset +u\n${steps.join('\n')}\nset -u\n`;
}

/** Quotes a value for bash as one word. */
export function quote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}
