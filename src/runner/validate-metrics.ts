/** Judges a trainer's final metrics against the config: each declared metric must be a finite number. */

export type MetricValidation = { ok: true; metrics: Record<string, number> } | { ok: false; metrics: Record<string, number>; problem: string };

/** Keeps the finite numeric metrics and names the first declared metric that is missing or not finite. */
export function validateMetrics(reported: Record<string, unknown>, declared: string[]): MetricValidation {
  const metrics: Record<string, number> = {};
  for (const [name, value] of Object.entries(reported)) {
    if (typeof value === 'number' && Number.isFinite(value)) metrics[name] = value;
  }
  const problems: string[] = [];
  for (const name of declared) {
    const value = reported[name];
    if (value === undefined) problems.push(`metric "${name}" is missing`);
    else if (typeof value !== 'number') problems.push(`metric "${name}" is ${JSON.stringify(value)}, expected a number`);
    else if (Number.isNaN(value)) problems.push(`metric "${name}" is NaN`);
    else if (!Number.isFinite(value)) problems.push(`metric "${name}" is ${value}`);
  }
  if (problems.length > 0) {
    const seen = Object.keys(reported);
    const hint = seen.length > 0 ? ` (reported: ${seen.join(', ')})` : ' (the trainer reported no metrics)';
    return { ok: false, metrics, problem: problems.join('; ') + hint };
  }
  return { ok: true, metrics };
}
