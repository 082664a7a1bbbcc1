/**
 * Slurm job-array identifiers as squeue and sacct print them: `123` (a whole job),
 * `123_4` (one task) and `123_[0,2-5%2]` (several pending tasks, with an optional `:step`
 * per range and a `%limit` throttle suffix).
 */

/** The key that stands for a record of the whole job rather than one array task. */
export const WHOLE_JOB = -1;

export interface ArrayJobRef {
  jobId: string;
  /** Task indices named by the identifier; `[WHOLE_JOB]` for a bare job id. */
  tasks: number[];
}

/** Splits `123_[0,2-5%2]` into its job id and the task indices it names. */
export function parseArrayJobRef(text: string): ArrayJobRef {
  const match = /^(\d+)(?:_(\d+|\[[^\]]*\]))?$/.exec(text.trim());
  if (!match) {
    throw new Error(`Expected a Slurm job id like 123, 123_4 or 123_[0-3%2]; received '${text}'`);
  }
  const jobId = match[1]!;
  const taskPart = match[2];
  if (taskPart === undefined) return { jobId, tasks: [WHOLE_JOB] };
  if (!taskPart.startsWith('[')) return { jobId, tasks: [Number(taskPart)] };
  return { jobId, tasks: expandTaskRange(taskPart.slice(1, -1)) };
}

/** Expands a task list such as `0,2-5:2%2` into `[0, 2, 4]`, ignoring the `%` throttle. */
export function expandTaskRange(text: string): number[] {
  const list = text.split('%')[0]!;
  const tasks: number[] = [];
  for (const part of list.split(',')) {
    const match = /^(\d+)(?:-(\d+)(?::(\d+))?)?$/.exec(part.trim());
    if (!match) {
      throw new Error(`Expected array task ranges like 0,2-5 or 0-9:3; received '${text}'`);
    }
    const first = Number(match[1]);
    const last = match[2] === undefined ? first : Number(match[2]);
    const step = match[3] === undefined ? 1 : Number(match[3]);
    if (last < first || step < 1) {
      throw new Error(`Expected an increasing array task range with a positive step; received '${part}'`);
    }
    for (let task = first; task <= last; task += step) tasks.push(task);
  }
  return tasks;
}

/** Writes task indices in Slurm's compact form, e.g. `[0, 1, 2, 5]` → `0-2,5` (for `--array` and scancel). */
export function formatTaskRange(tasks: readonly number[]): string {
  const sorted = [...new Set(tasks)].sort((a, b) => a - b);
  if (sorted.some((task) => !Number.isInteger(task) || task < 0)) {
    throw new Error(`Expected non-negative integer task indices; received [${tasks.join(', ')}]`);
  }
  const parts: string[] = [];
  let start = 0;
  while (start < sorted.length) {
    let end = start;
    while (end + 1 < sorted.length && sorted[end + 1] === sorted[end]! + 1) end += 1;
    parts.push(start === end ? `${sorted[start]}` : `${sorted[start]}-${sorted[end]}`);
    start = end + 1;
  }
  return parts.join(',');
}
