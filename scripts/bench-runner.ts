/**
 * Runner overhead: `mlreg run` (the CLI end to end, as users get it) driving N runs of a
 * trivial command trainer at concurrency K, against `xargs -P K` running the same commands.
 *
 *   npm run build && npm run bench:runner [-- --runs 200 --concurrency 8 --trials 7 --workload python|node|echo|all --dir DIR]
 *   npm run build && npm run bench:runner -- --spawn-comparison [--runs 200 --concurrency 8 --trials 7]
 *
 * Workloads (both sides run exactly the same program with the same arguments):
 *   python  the shortest realistic trainer: a Python interpreter that starts, prints one
 *           `MLREG_METRIC` line and exits (every real trainer pays at least this much).
 *   node    the same with Node.js (`node -e`), a heavier interpreter start.
 *   echo    /bin/echo printing the metric line: no work at all, so the ratio is dominated by
 *           mlreg's fixed start-up (~0.3 s of Node, config and git) and Node's spawn cost;
 *           shown for the record, not as the target.
 * mlreg additionally creates a directory per run, logs stdout/stderr, validates the metrics and
 * appends its record to the arm's journal — that is the overhead measured. Each trial times the
 * two sides back to back and the median of the trials' ratios is reported, because the machine
 * may be shared.
 *
 * Both sides run in scratch projects under `--dir` (default: .bench/ in this repository, where a
 * user's `.mlreg/` would be), removed at the end. mlreg creates about two files per run (the run's
 * directory and its stdout.log) where xargs creates one in all, so the file system's cost of
 * creating a file is part of the ratio: the benchmark measures and prints it. On most file
 * systems it is ~20-40 µs; on ext4 without a journal it grows to ~0.5 ms in a directory where
 * thousands of files were deleted in the last minutes (a temp directory just after a test suite),
 * which costs mlreg ~0.1× here.
 *
 * `--spawn-comparison` times only the process start of the command adapter, in this process: the
 * python workload through the adapter's spawner (Node's child_process.spawn, in dist/) against
 * execa with the options the adapter used before, both relaying output the same way. It is why
 * the adapter's hot path does not use execa.
 */
import { existsSync } from 'node:fs';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));
const mlregBin = join(repoRoot, 'bin', 'mlreg.js');
const TARGET_RATIO = 1.3;

type Workload = 'python' | 'node' | 'echo';
const WORKLOADS: Workload[] = ['python', 'node', 'echo'];

interface Options {
  runs: number;
  concurrency: number;
  trials: number;
  workloads: Workload[];
  spawnComparison: boolean;
  /** Where scratch projects are made. */
  dir: string;
}

function parseOptions(argv: string[]): Options {
  const value = (name: string, fallback: string) => {
    const index = argv.indexOf(`--${name}`);
    return index >= 0 && argv[index + 1] !== undefined ? argv[index + 1]! : fallback;
  };
  const positive = (name: string, fallback: number) => {
    const parsed = Number(value(name, String(fallback)));
    if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`--${name}: expected a positive integer, received "${value(name, '')}"`);
    return parsed;
  };
  const workload = value('workload', 'all');
  if (workload !== 'all' && !WORKLOADS.includes(workload as Workload)) {
    throw new Error(`--workload: expected ${WORKLOADS.join(', ')} or all, received "${workload}"`);
  }
  return {
    runs: positive('runs', 200),
    concurrency: positive('concurrency', 8),
    trials: positive('trials', 7),
    workloads: workload === 'all' ? WORKLOADS : [workload as Workload],
    spawnComparison: argv.includes('--spawn-comparison'),
    dir: resolve(value('dir', join(repoRoot, '.bench'))),
  };
}

/** The trainer's argument list, with `placeholder` where the seed goes. */
function commandOf(workload: Workload, placeholder: string): string[] {
  if (workload === 'echo') return ['/bin/echo', `MLREG_METRIC {"score": ${placeholder}}`];
  if (workload === 'node') return [process.execPath, '-e', 'console.log(`MLREG_METRIC {"score": ${process.argv[1]}}`)', placeholder];
  const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
  return [python, '-c', 'import sys; print(\'MLREG_METRIC {"score": %s}\' % sys.argv[1])', placeholder];
}

/**
 * Temp folders are removed at the end, not between trials: deleting thousands of files just
 * before a trial makes the file system slower at creating the next ones (ext4 scans past
 * recently deleted inodes), which would bill one trial for the previous one's clean-up.
 */
const scratch: string[] = [];
let scratchRoot = '';
/**
 * A new scratch project. Its own `.mlreg/` makes it the project root of the runs in it: under
 * this repository's `.bench/`, mlreg would otherwise find the repository's `.mlreg/` above it.
 */
async function scratchDir(): Promise<string> {
  const dir = await mkdtemp(join(scratchRoot, 'mlreg-bench-'));
  scratch.push(dir);
  await mkdir(join(dir, '.mlreg'));
  return dir;
}

/** Microseconds to create a small file or a directory in `dir` (the median of both, 200 of each). */
function creationCostUs(dir: string): number {
  const probe = mkdtempSync(join(dir, 'mlreg-fs-probe-'));
  scratch.push(probe);
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    const started = performance.now();
    if (i % 2) mkdirSync(join(probe, `d${i}`));
    else writeFileSync(join(probe, `f${i}`), 'x');
    times.push((performance.now() - started) * 1000);
  }
  return median(times);
}

async function timeMlreg(workload: Workload, options: Options, runs: number): Promise<number> {
  const dir = await scratchDir();
  const config = {
    name: 'bench',
    trainer: { adapter: 'command', command: commandOf(workload, '{seed}') },
    seeds: runs,
    metrics: { score: { direction: 'higher' } },
  };
  await writeFile(join(dir, 'bench.yaml'), JSON.stringify(config));
  const started = performance.now();
  const result = await execa('node', [mlregBin, 'run', '--config', 'bench.yaml', '--concurrency', String(options.concurrency), '--quiet'], {
    cwd: dir,
    reject: false,
    env: { CI: 'true' },
  });
  const seconds = (performance.now() - started) / 1000;
  if (result.exitCode !== 0) throw new Error(`mlreg run exited with ${result.exitCode}:\n${result.stderr}\n${result.stdout}`);
  return seconds;
}

async function timeXargs(workload: Workload, options: Options): Promise<number> {
  const dir = await scratchDir();
  const seeds = Array.from({ length: options.runs }, (_, seed) => String(seed)).join('\n');
  const started = performance.now();
  await execa('xargs', ['-P', String(options.concurrency), '-I{}', ...commandOf(workload, '{}')], {
    input: seeds,
    stdout: { file: join(dir, 'out.log') },
  });
  return (performance.now() - started) / 1000;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

type StartOne = (argv: string[]) => Promise<void>;

/** Seconds to run `runs` commands of the workload, at most `concurrency` at a time, each started by `start`. */
async function timeStarts(workload: Workload, options: Options, start: StartOne): Promise<number> {
  const queue = Array.from({ length: options.runs }, (_, seed) => seed);
  const started = performance.now();
  const worker = async () => {
    for (let seed = queue.shift(); seed !== undefined; seed = queue.shift()) await start(commandOf(workload, String(seed)));
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return (performance.now() - started) / 1000;
}

/** The adapter's process start against execa's, on the python workload, in this process. */
async function compareSpawners(options: Options): Promise<void> {
  const spawnModule = join(repoRoot, 'dist', 'trainers', 'command', 'spawn.js');
  const { spawnTrainer } = (await import(spawnModule)) as typeof import('../src/trainers/command/spawn.js');
  const ignore = (..._: unknown[]) => undefined;
  const viaNode: StartOne = async ([file, ...args]) => {
    const result = await spawnTrainer({ file: file!, args, cwd: repoRoot, env: { MLREG_SEED: '0' } }, { onSpawned: ignore, onStdout: ignore, onStderr: ignore });
    if (result.failed) throw new Error(`${file} failed: ${JSON.stringify(result)}`);
  };
  const viaExeca: StartOne = async ([file, ...args]) => {
    const child = execa(file!, args, {
      cwd: repoRoot,
      env: { MLREG_SEED: '0' },
      extendEnv: true,
      detached: true,
      cleanup: false,
      reject: false,
      stdin: 'ignore',
      stdout: 'pipe',
      stderr: 'pipe',
      buffer: false,
    });
    const relay = async (stream: NodeJS.ReadableStream | null) => {
      if (!stream) return;
      stream.setEncoding('utf8');
      for await (const chunk of stream) ignore(chunk);
    };
    const [result] = await Promise.all([child, relay(child.stdout), relay(child.stderr)]);
    if (result.failed) throw new Error(`${file} failed: ${result.shortMessage}`);
  };
  const node: number[] = [];
  const execaTimes: number[] = [];
  for (let trial = 0; trial < options.trials; trial++) {
    node.push(await timeStarts('python', options, viaNode));
    execaTimes.push(await timeStarts('python', options, viaExeca));
  }
  console.log(`${options.runs} python runs at concurrency ${options.concurrency}, started in this process, median of ${options.trials} alternating trials`);
  console.log(`child_process.spawn (the adapter)  ${median(node).toFixed(2)} s`);
  console.log(`execa (the former adapter)         ${median(execaTimes).toFixed(2)} s   ${(median(execaTimes) / median(node)).toFixed(2)}× the adapter's time`);
}

async function main(): Promise<void> {
  if (!existsSync(join(repoRoot, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  const options = parseOptions(process.argv.slice(2));
  if (options.spawnComparison) return compareSpawners(options);
  await mkdir(options.dir, { recursive: true });
  scratchRoot = options.dir;
  console.log(`${options.runs} runs at concurrency ${options.concurrency}, ${options.trials} trials; a trial runs xargs then mlreg back to back`);
  console.log(`scratch projects in ${options.dir}, where creating a file takes ${creationCostUs(options.dir).toFixed(0)} µs`);
  console.log('workload   xargs -P   mlreg run   ratio (median, range)   mlreg with 2 runs (start-up)');
  let verdict = true;
  for (const workload of options.workloads) {
    const xargs: number[] = [];
    const mlreg: number[] = [];
    const ratios: number[] = [];
    const startup: number[] = [];
    for (let trial = 0; trial < options.trials; trial++) {
      xargs.push(await timeXargs(workload, options));
      mlreg.push(await timeMlreg(workload, options, options.runs));
      ratios.push(mlreg.at(-1)! / xargs.at(-1)!);
      startup.push(await timeMlreg(workload, options, 2));
    }
    // The ratio of each trial's pair, not the ratio of medians: the machine may be shared, and a
    // slow stretch then slows both members of a pair rather than one side of the comparison.
    const ratio = median(ratios);
    if (workload === 'python') verdict = ratio <= TARGET_RATIO;
    const range = `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}`;
    console.log(
      `${workload.padEnd(9)}  ${median(xargs).toFixed(2).padStart(6)} s   ${median(mlreg).toFixed(2).padStart(7)} s   ${ratio.toFixed(2).padStart(5)}× (${range})${' '.repeat(Math.max(1, 12 - range.length))}${median(startup).toFixed(2)} s`,
    );
  }
  if (options.workloads.includes('python')) {
    console.log(`target: mlreg ≤ ${TARGET_RATIO}× xargs on the python workload: ${verdict ? 'met' : 'NOT met'}`);
  }
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true }))));
