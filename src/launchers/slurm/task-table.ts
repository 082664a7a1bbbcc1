import { parseArrayJobRef } from './array-range.js';

/**
 * Folds `JobID|…` rows of one job into a task-index → value map. A row naming one task
 * (`123_4`) outranks a row naming a range (`123_[4-7]`): Slurm keeps the range record of
 * still-pending tasks and does not always trim it when a task starts, so the range can be stale.
 * Rows of other jobs, and `CLUSTER:` headers printed with `--clusters`, are skipped.
 */
export function foldTaskRows<T>(text: string, jobId: string, parseRest: (fields: string[], line: string) => T): Map<number, T> {
  const exact = new Map<number, T>();
  const ranged = new Map<number, T>();
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.startsWith('CLUSTER:')) continue;
    const [id, ...fields] = line.split('|');
    const ref = parseArrayJobRef(id!);
    if (ref.jobId !== jobId) continue;
    const value = parseRest(fields, line);
    const single = ref.tasks.length === 1 && !id!.includes('[');
    for (const task of ref.tasks) (single ? exact : ranged).set(task, value);
  }
  for (const [task, value] of ranged) {
    if (!exact.has(task)) exact.set(task, value);
  }
  return new Map([...exact].sort(([a], [b]) => a - b));
}
