/** The shape of the module adapter's `report(step, values)` calls, checked so a wrong call names the signature. */

const REPORT_SIGNATURE = 'report(step: number, values: { [metric: string]: number }), e.g. report(100, { loss: 0.42 })';

/** What is wrong with the arguments of a `report` call, or undefined when they have its shape. */
export function reportProblem(args: readonly unknown[]): string | undefined {
  const [step, values] = args;
  const received = `received report(${args.map(describeArgument).join(', ')})`;
  if (args.length !== 2) return `report() takes 2 arguments: ${REPORT_SIGNATURE}; ${received}`;
  if (typeof step !== 'number' || !Number.isFinite(step)) return `report(): the step must be a finite number: ${REPORT_SIGNATURE}; ${received}`;
  if (values === null || typeof values !== 'object' || Array.isArray(values)) {
    return `report(): the values must be an object of metric numbers: ${REPORT_SIGNATURE}; ${received}`;
  }
  for (const [metric, value] of Object.entries(values)) {
    if (typeof value !== 'number') return `report(): values.${metric} must be a number: ${REPORT_SIGNATURE}; ${received}`;
  }
  return undefined;
}

function describeArgument(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 30 ? `${value.slice(0, 30)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'function') return 'a function';
  try {
    const text = JSON.stringify(value);
    return text.length > 60 ? `${text.slice(0, 60)}…` : text;
  } catch {
    return 'an object';
  }
}
