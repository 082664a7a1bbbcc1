/** The Slurm launcher's settings: the config's `launcher.slurm` block, one key per `sbatch` option mlreg sets. */
import * as z from 'zod';

const SLURM_TIME = /^(\d+-)?\d{1,2}(:\d{2}){0,2}$/;

export const slurmSettingsSchema = z.strictObject({
  partition: z.string().min(1).optional().describe("Slurm partition (`--partition`). Default: the cluster's default."),
  time: z
    .string()
    .regex(SLURM_TIME, { error: 'expected a Slurm time limit such as "01:00:00" or "1-00:00:00"' })
    .optional()
    .describe('Time limit per run (`--time`), e.g. "01:00:00". Default: the partition\'s limit.'),
  gres: z.string().min(1).optional().describe('Generic resources (`--gres`), e.g. "gpu:1". Default: none.'),
  cpus_per_task: z.number().int().positive().optional().describe("CPUs per run (`--cpus-per-task`). Default: Slurm's default."),
  mem: z
    .union([z.string().regex(/^\d+[KMGT]?$/i, { error: 'expected a memory size such as "16G"' }), z.number().int().positive()], {
      error: 'expected a memory size such as "16G" or a number of megabytes',
    })
    .optional()
    .describe('Memory per run (`--mem`), e.g. "16G"; a bare number is megabytes. Default: Slurm\'s default.'),
  account: z.string().min(1).optional().describe('Account to charge (`--account`). Default: your default account.'),
  qos: z.string().min(1).optional().describe('Quality of service (`--qos`). Default: none.'),
  extra_args: z.array(z.string()).default([]).describe('Further `sbatch` arguments, one per list item.'),
  setup: z
    .array(z.string().min(1, { error: 'expected a non-empty shell line' }), {
      error: 'expected a list of shell lines such as ["module load cuda/12.1", "source ~/venvs/ml/bin/activate"]',
    })
    .optional()
    .describe(
      'Shell lines the job script runs on the compute node before the run (bash, one command per item): `module load`, ' +
        'conda or venv activation, `export`s. What they export reaches the trainer. A line that fails ends the task ' +
        'before mlreg starts on the node: mlreg stops with exit 3, naming the line, and `--resume` runs the seed again once it is fixed. ' +
        'Default: none.',
    ),
  job_name: z
    .string()
    .regex(/^[^\s]+$/, { error: 'expected a job name without spaces, e.g. "mlreg-{config}-{arm}"' })
    .optional()
    .describe("Name of each arm's job array (`--job-name`); `{config}` and `{arm}` are replaced. Default: `mlreg-{config}-{arm}`."),
  log_dir: z
    .string()
    .min(1, { error: 'expected a directory path' })
    .optional()
    .describe(
      "Directory for the tasks' Slurm logs (`slurm-<job>_<task>.out`/`.err`), e.g. on scratch; relative to the config " +
        "file that sets it. It must be visible from the compute nodes and from where mlreg runs. Default: the arm's run directory.",
    ),
  max_parallel: z
    .number()
    .int()
    .positive()
    .optional()
    .describe("The most tasks of one arm's array that run at once (the `%K` of `--array`). `--concurrency` overrides it. Default: `runner.concurrency`, else every seed at once."),
  node: z
    .string()
    .regex(/^\//, { error: 'expected an absolute path on the compute nodes, e.g. "/opt/node-20/bin/node"' })
    .optional()
    .describe('Node.js on the compute nodes. Default: the Node.js mlreg runs with (`process.execPath`), which must then be there too.'),
  mlreg_bin: z
    .string()
    .regex(/^\//, { error: 'expected an absolute path on the compute nodes, e.g. "/shared/tools/mlreg/bin/mlreg.js"' })
    .optional()
    .describe("mlreg's `bin/mlreg.js` as the compute nodes see it. Default: this installation's, which must then be there too."),
  signal_before_timeout: z
    .number()
    .int({ error: 'expected a whole number of seconds' })
    .positive({ error: 'expected a positive number of seconds' })
    .optional()
    .describe(
      "Seconds before a task's time limit at which its trainer gets SIGUSR1, to save a checkpoint (`--signal=B:USR1@<s>`, " +
        "passed on by the job script and mlreg's worker to the command trainer's process group). Default: no warning.",
    ),
  requeue_on_timeout: z
    .number()
    .int({ error: 'expected a whole number of requeues' })
    .nonnegative({ error: 'expected a number of requeues, 0 or more' })
    .optional()
    .describe(
      'How many times a seed that reached its time limit is submitted again to continue in the same run directory ' +
        '(its checkpoints kept; the trainer sees MLREG_RESUMED_AFTER=TIMEOUT). A preempted seed resumes the same way. ' +
        'The record counts each in `attempts` and says why in `attemptNotes`. Default: 0, a TIMEOUT is final.',
    ),
  poll_interval: z
    .number()
    .positive({ error: 'expected a positive number of seconds' })
    .optional()
    .describe(
      'Seconds between two looks at the arrays (one squeue per array). While the array waits for its first task to start the interval ' +
        'doubles at each look, up to 30 s (or the interval, if longer). `MLREG_SLURM_POLL_MS` (milliseconds) overrides it. Default: 2.',
    ),
  unreachable_timeout: z
    .number()
    .positive({ error: 'expected a positive number of seconds' })
    .optional()
    .describe(
      'Seconds Slurm may fail to answer `squeue` (a controller restart, a network cut) before mlreg stops waiting with exit 3; ' +
        'the arrays keep running and `--resume` re-attaches to them. Default: 300.',
    ),
});
