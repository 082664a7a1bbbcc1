/**
 * Prints the between-seed spread of the built-in trainer's final metrics for the example
 * configs' params (head, the two bugs, a wider network), and how far each moves from head in
 * units of head's standard deviation. Each variant's params go on top of a base (default: the
 * trainer's defaults). Run: npx tsx scripts/builtin-spread.ts [seeds=20] ['{"steps": 600}']
 */
import { parseBuiltinParams, trainBuiltin, type BuiltinMetrics } from '../src/trainers/builtin/index.js';

/** The example configs' changes to head; `wider` doubles the hidden layer. */
function variants(headWidth: number): Record<string, Record<string, unknown>> {
  return {
    head: {},
    'softmax-bug': { bugs: { softmax_into_logit_loss: true } },
    'eval-on-train': { bugs: { eval_on_train: true } },
    wider: { width: 2 * headWidth },
  };
}
const METRICS = ['fid', 'loss', 'accuracy'] as const;

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function sd(values: number[]): number {
  const m = mean(values);
  return Math.sqrt(values.reduce((a, b) => a + (b - m) ** 2, 0) / (values.length - 1));
}

function main(): void {
  const seeds = Number(process.argv[2] ?? 20);
  const base = JSON.parse(process.argv[3] ?? '{}') as Record<string, unknown>;
  const results: Record<string, BuiltinMetrics[]> = {};
  for (const [name, variant] of Object.entries(variants(parseBuiltinParams(base).width))) {
    const params = { ...base, ...variant };
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    results[name] = Array.from({ length: seeds }, (_, seed) => trainBuiltin(params, seed).metrics);
    const cpu = process.cpuUsage(cpuBefore);
    const wallMs = (performance.now() - started) / seeds;
    // CPU time is the better measure on a busy machine; wall time includes waiting for a core.
    const cpuMs = (cpu.user + cpu.system) / 1000 / seeds;
    const cells = METRICS.map((metric) => {
      const values = results[name]!.map((m) => m[metric]);
      const head = results.head!.map((m) => m[metric]);
      const shift = name === 'head' ? '' : ` (${((mean(values) - mean(head)) / sd(head)).toFixed(1)} head sd)`;
      return `${metric} ${mean(values).toFixed(4)} ± ${sd(values).toFixed(4)}${shift}`;
    });
    console.log(`${name.padEnd(14)} ${cells.join('  ')}  ${cpuMs.toFixed(0)} ms CPU (${wallMs.toFixed(0)} ms wall)/run`);
  }
}

main();
