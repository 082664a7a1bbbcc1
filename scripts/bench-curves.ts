/**
 * Steps trained to a verdict on real trainers (npm run bench:curves): the built-in trainer's
 * softmax-bug ablation and examples/sklearn-digits' unscaled ablation, each against a baseline
 * file of its HEAD recorded once, run by the built CLI (bin/mlreg.js, so `npm run build` first):
 * the fixed-N run, `--sequential` on final values only, and `--sequential` with
 * `sequential.curves`. Steps are what the candidate arm trained (finished runs, and stopped runs
 * up to their last streamed step). Prints a table and writes it into docs/sequential.md.
 *
 * Options: --reps N (sequential repetitions per design, default 5: the steps depend on which runs
 * happen to be in flight), --concurrency K (default 2), --no-write.
 */

import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync, writeFileSync } from 'node:fs';
import { execa } from 'execa';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const bin = join(repoRoot, 'bin', 'mlreg.js');
const argument = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const REPS = argument('--reps', 5);
const CONCURRENCY = argument('--concurrency', 2);

interface Trainer {
  name: string;
  /** Copies the project into `dir`; returns the env the trainer needs. */
  setup(dir: string): Promise<NodeJS.ProcessEnv>;
  head: string;
  ablation: string;
}

const TRAINERS: Trainer[] = [
  {
    name: 'builtin softmax-bug',
    head: 'configs/head.yaml',
    ablation: 'configs/ablations/softmax-bug.yaml',
    async setup(dir) {
      await cp(join(repoRoot, 'configs'), join(dir, 'configs'), { recursive: true });
      return {};
    },
  },
  {
    name: 'sklearn-digits unscaled',
    head: 'configs/head.yaml',
    ablation: 'configs/ablations/unscaled.yaml',
    async setup(dir) {
      await cp(join(repoRoot, 'examples/sklearn-digits'), dir, { recursive: true, dereference: true });
      // Debian's python3 has scikit-learn; a pyenv shim first on PATH may not.
      return { PATH: `/usr/bin:${process.env.PATH}` };
    },
  },
];

interface Doc {
  verdict: string;
  runs: Array<{ arm: string; curves?: Record<string, Array<{ step: number }>> }>;
  sequential?: { stepsTrained?: number; seedsUsed: number; curves?: { stoppedAt?: { metric: string; step: number; finalStep: number; runs: number } } };
}

/** Steps the candidate arm trained: each run's last streamed step, summed. */
function candidateSteps(doc: Doc): number {
  return doc.runs.filter((run) => run.arm === 'candidate').reduce((sum, run) => sum + Math.max(0, ...Object.values(run.curves ?? {}).map((points) => points.at(-1)?.step ?? 0)), 0);
}

async function run(dir: string, env: NodeJS.ProcessEnv, args: string[]): Promise<Doc> {
  const result = await execa('node', [bin, ...args, '--json', '--concurrency', String(CONCURRENCY)], { cwd: dir, env, reject: false });
  if (result.exitCode !== 0 && result.exitCode !== 1) throw new Error(`mlreg ${args.join(' ')} exited ${result.exitCode}:\n${result.stderr}`);
  return JSON.parse(result.stdout) as Doc;
}

async function setCurves(dir: string, config: string, on: boolean): Promise<void> {
  const file = join(dir, config);
  const text = (await readFile(file, 'utf8')).replace(/\nsequential: .*\n/, '\n');
  await writeFile(file, `${text.trimEnd()}\nsequential: { curves: ${on} }\n`);
}

async function measure(trainer: Trainer): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'mlreg-bench-curves-'));
  try {
    const env = { ...process.env, ...(await trainer.setup(dir)) };
    await execa('git', ['init', '-q'], { cwd: dir });
    const recorded = await execa('node', [bin, 'baseline', 'record', '--config', trainer.head], { cwd: dir, env, reject: false });
    if (recorded.exitCode !== 0) throw new Error(`baseline record failed:\n${recorded.stderr}`);
    await setCurves(dir, trainer.ablation, false);
    const fixed = await run(dir, env, ['run', '--config', trainer.ablation]);
    const fixedSteps = candidateSteps(fixed);
    const rows = [`| ${trainer.name} | fixed N | ${fixed.verdict} | ${fixedSteps} | 1.00 | — |`];
    for (const curves of [false, true]) {
      await setCurves(dir, trainer.ablation, curves);
      const steps: number[] = [];
      const verdicts: string[] = [];
      const stops: string[] = [];
      for (let rep = 0; rep < REPS; rep++) {
        const doc = await run(dir, env, ['run', '--config', trainer.ablation, '--sequential']);
        steps.push(candidateSteps(doc));
        verdicts.push(doc.verdict);
        const at = doc.sequential?.curves?.stoppedAt;
        if (at) stops.push(`${at.metric} at ${at.step}/${at.finalStep} after ${at.runs} runs`);
      }
      const mean = steps.reduce((sum, value) => sum + value, 0) / steps.length;
      const verdict = [...new Set(verdicts)].map((v) => `${v} ${verdicts.filter((x) => x === v).length}/${REPS}`).join(', ');
      rows.push(
        `| ${trainer.name} | sequential, ${curves ? 'curves' : 'final values'} | ${verdict} | ${mean.toFixed(0)} (${Math.min(...steps)}–${Math.max(...steps)}) | ${(mean / fixedSteps).toFixed(2)} | ${stops.length > 0 ? [...new Set(stops)].join('; ') : '—'} |`,
      );
    }
    return rows;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const table = [
    '| trainer, ablation | design | verdict | candidate steps trained: mean (min–max) | ÷ fixed N | where the curves stopped it |',
    '| --- | --- | --- | ---: | ---: | --- |',
  ];
  console.log(table.join('\n'));
  for (const trainer of TRAINERS) {
    const rows = await measure(trainer);
    console.log(rows.join('\n'));
    table.push(...rows);
  }
  const seconds = (Date.now() - started) / 1000;
  const lines = [
    `Each against a baseline file of its HEAD (10 seeds, recorded once); fixed N: the ablation's 10 seeds to the end; sequential: ${REPS} runs of \`mlreg run --sequential --concurrency ${CONCURRENCY}\` per design (the steps depend on which runs are in flight when the verdict comes). Generated by \`npm run bench:curves\` in ${seconds.toFixed(0)} s.`,
    '',
    ...table,
  ];
  if (!process.argv.includes('--no-write')) {
    const path = join(repoRoot, 'docs/sequential.md');
    const doc = readFileSync(path, 'utf8');
    const start = '<!-- bench:curves:start -->';
    const end = '<!-- bench:curves:end -->';
    const from = doc.indexOf(start);
    const to = doc.indexOf(end);
    if (from < 0 || to < from) throw new Error(`${path}: expected the markers ${start} and ${end}`);
    writeFileSync(path, doc.slice(0, from) + [start, '', ...lines, '', end].join('\n') + doc.slice(to + end.length));
  }
}

await main();
