/**
 * Benchmark of work that grows with the input: trainer output without newlines (a tqdm bar
 * redrawn with `\r`), metrics files and MLREG_METRIC lines with many keys, config files with many
 * keys, and `compare` on large samples. Each case runs at a size and at four times that size in
 * one process; the ratio of the times shows the growth (about 4 for linear work, 16 for quadratic).
 *
 *   npm run bench:input
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readYamlFile } from '../src/config/yaml.js';
import { createRandom } from '../src/stats/random.js';
import { compareSamples } from '../src/verdict/compare-samples.js';
import { lineSplitter } from '../src/trainers/command/output.js';
import { parseLenientJson } from '../src/trainers/metrics-json.js';

interface Case {
  name: string;
  unit: string;
  size: number;
  /** Prepares the input of one size and returns the work to time. */
  prepare(size: number): () => void;
}

const dir = mkdtempSync(join(tmpdir(), 'mlreg-bench-input-'));

const CASES: Case[] = [
  {
    name: 'trainer output, no newline',
    unit: 'MiB',
    size: 20,
    prepare(mebibytes) {
      const bar = Array.from({ length: 1024 }, (_, i) => `\r${i % 100}%|${'#'.repeat(i % 40).padEnd(40)}| ${i}/1000000`).join('');
      const chunks = Math.ceil((mebibytes * 1024 * 1024) / bar.length);
      return () => {
        let lines = 0;
        const split = lineSplitter({ write: () => {} }, () => lines++);
        for (let i = 0; i < chunks; i++) split.push(bar);
        split.end();
      };
    },
  },
  {
    name: 'metrics JSON, N keys',
    unit: 'keys',
    size: 20_000,
    prepare(keys) {
      const text = JSON.stringify(Object.fromEntries(Array.from({ length: keys }, (_, i) => [`metric_${i}`, i % 3 === 0 ? 'NaN' : i + 0.5]))).replaceAll('"NaN"', 'NaN');
      return () => void parseLenientJson(text);
    },
  },
  {
    name: 'config, one map of N keys',
    unit: 'keys',
    size: 10_000,
    prepare(keys) {
      const file = join(dir, `config-${keys}.yaml`);
      const lines = ['trainer: { adapter: builtin }', 'metrics: { test_error: lower }', 'params:', '  table:'];
      for (let i = 0; i < keys; i++) lines.push(`    key_${i}: ${i}`);
      writeFileSync(file, `${lines.join('\n')}\n`);
      return () => void readYamlFile(file, 'config');
    },
  },
  {
    name: 'compareSamples, N per arm',
    unit: 'values',
    size: 2_500,
    prepare(n) {
      const random = createRandom(n);
      const baseline = Array.from({ length: n }, () => random.normal());
      const candidate = Array.from({ length: n }, () => 0.01 + random.normal());
      return () => void compareSamples(baseline, candidate, { direction: 'lower' });
    },
  },
];

/** Mean time of `work` over as many repetitions as fit in about 300 ms (at least two). */
function time(work: () => void): number {
  const started = performance.now();
  let repetitions = 0;
  do {
    work();
    repetitions++;
  } while (repetitions < 2 || performance.now() - started < 300);
  return (performance.now() - started) / repetitions;
}

try {
  for (const c of CASES) {
    const small = c.prepare(c.size);
    const large = c.prepare(c.size * 4);
    small(); // warm-up: JIT compilation is not what is measured
    const smallMs = time(small);
    const largeMs = time(large);
    const ratio = largeMs / smallMs;
    process.stdout.write(
      `${c.name.padEnd(28)} ${String(c.size).padStart(6)} ${c.unit}: ${smallMs.toFixed(1).padStart(7)} ms   ×4: ${largeMs.toFixed(1).padStart(7)} ms   ratio ${ratio.toFixed(1)} (linear ≈ 4, quadratic ≈ 16)\n`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
