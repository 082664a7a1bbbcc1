#!/usr/bin/env node
// A stand-in for sbatch, squeue, sacct and scancel, driven by `<dir>/state.json`:
//   { nextJobId, accounting, lostAnswers?, scenarios: [ { "<seed>": { states: [...], result?, exitCode?, progress? } } … ], jobs: {} }
// Submission k (sbatch call k) plays scenarios[k]: each squeue call moves every task of the job
// one state further along its `states`. When a task first reaches COMPLETED or FAILED, the "worker"
// writes its start mark (unless `started: false`; `restarts` as SLURM_RESTART_COUNT), the seed's result.json (`result`) and the job
// script's slurm-exit.json, as the real ones do.
// The state GONE prints no row (a task Slurm forgot). Every call is appended to calls.log.
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const [command, ...args] = process.argv.slice(2);
const dir = process.env.FAKE_SLURM_DIR;
const stateFile = join(dir, 'state.json');
const state = JSON.parse(readFileSync(stateFile, 'utf8'));
appendFileSync(join(dir, 'calls.log'), `${[command, ...args].join(' ')}\n`);

const ACTIVE = new Set(['PENDING', 'RUNNING', 'COMPLETING', 'REQUEUED']);
const option = (name) => args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const save = () => writeFileSync(stateFile, JSON.stringify(state, null, 2));

function expand(range) {
  return range.split(',').flatMap((part) => {
    const [first, last = first] = part.split('-').map(Number);
    return Array.from({ length: last - first + 1 }, (_, i) => first + i);
  });
}

function stateOf(task) {
  return task.states[Math.min(task.step, task.states.length - 1)];
}

/** Plays what the worker and the job script leave in the run directory. */
function finishTask(job, taskIndex, task) {
  const runDir = join(job.armDir, `seed-${task.seed}`);
  mkdirSync(runDir, { recursive: true });
  const final = stateOf(task);
  // The worker's start mark, unless the scenario's worker never started (a setup line failed).
  if (task.started !== false) writeFileSync(join(runDir, 'slurm-worker.json'), JSON.stringify({ jobId: job.id, task: taskIndex, restarts: task.restarts ?? 0 }));
  if (task.result) {
    const record = { seed: task.seed, metrics: {}, runDir, startedAt: new Date().toISOString(), durationMs: 5, attempts: 1, ...task.result };
    writeFileSync(join(runDir, 'result.json'), JSON.stringify(record));
  }
  if (final === 'COMPLETED' || final === 'FAILED') {
    const exitCode = task.exitCode ?? (final === 'COMPLETED' ? 0 : 1);
    writeFileSync(join(runDir, 'slurm-exit.json'), JSON.stringify({ jobId: job.id, task: taskIndex, seed: task.seed, exitCode, signal: '', endedAt: new Date().toISOString() }));
  }
}

switch (command) {
  case 'sbatch': {
    const script = readFileSync(args.at(-1), 'utf8');
    const seeds = /^SEEDS=\((.*)\)$/m.exec(script)[1].split(' ').map(Number);
    const tasks = expand(option('array').split('%')[0]);
    const scenario = state.scenarios[state.submitted ?? 0] ?? {};
    state.submitted = (state.submitted ?? 0) + 1;
    const id = String(state.nextJobId++);
    // Run directories are in the arm's directory (the script's), logs where --output says (launcher.slurm.log_dir).
    const job = { id, armDir: dirname(args.at(-1)), logDir: dirname(option('output')), name: option('job-name'), comment: option('comment'), tasks: {} };
    for (const task of tasks) {
      const seed = seeds[task];
      job.tasks[task] = { seed, step: 0, states: ['PENDING', 'RUNNING', 'COMPLETED'], ...scenario[seed] };
    }
    state.jobs[id] = job;
    // `lostAnswers`: this many sbatch calls queue their array and then fail, as one whose answer timed out.
    if (state.lostAnswers > 0) {
      state.lostAnswers -= 1;
      save();
      console.error('sbatch: error: Batch job submission failed: Socket timed out on send/recv operation');
      process.exit(1);
    }
    save();
    console.log(state.cluster ? `${id};${state.cluster}` : id);
    break;
  }
  case 'squeue': {
    // --name=N --format=%F|%k: the jobs of that name, with their comments.
    if (option('name') !== undefined) {
      for (const job of Object.values(state.jobs)) if (job.name === option('name') && !job.forgotten) console.log(`${job.id}|${job.comment ?? ''}`);
      break;
    }
    // Several ids (--jobs=a,b) print the known ones, as squeue does; one unknown id is an error.
    const ids = option('jobs').split(',');
    const jobs = ids.map((id) => state.jobs[id]).filter((job) => job && !job.forgotten);
    if (ids.length === 1 && jobs.length === 0) {
      console.error('slurm_load_jobs error: Invalid job id specified');
      process.exit(1);
    }
    for (const job of jobs)
      for (const [index, task] of Object.entries(job.tasks)) {
        const before = stateOf(task);
        if (!task.frozen) task.step += 1;
        const now = stateOf(task);
        // A running worker prints one line of `progress` to its task's log per look.
        if (now === 'RUNNING' && task.progress?.length) appendFileSync(join(job.logDir ?? job.armDir, `slurm-${job.id}_${index}.out`), `${task.progress.shift()}\n`);
        if (now !== before && !ACTIVE.has(now) && now !== 'GONE') finishTask(job, Number(index), task);
        if (now !== 'GONE') console.log(`${job.id}_${index}|${now}|None`);
      }
    save();
    break;
  }
  case 'sacct': {
    if (!state.accounting) {
      console.error('Slurm accounting storage is disabled');
      process.exit(1);
    }
    const job = state.jobs[option('jobs')];
    for (const [index, task] of Object.entries(job?.tasks ?? {})) {
      const now = task.accounted ?? stateOf(task);
      if (now !== 'GONE') console.log(`${job.id}_${index}|${now}|${task.exitCode ?? 0}:0|00:00:01`);
    }
    break;
  }
  case 'scancel': {
    const target = args.at(-1);
    const [id, range] = target.split('_');
    const job = state.jobs[id];
    const only = option('state');
    const chosen = range ? expand(range.replace(/[[\]]/g, '')) : Object.keys(job?.tasks ?? {}).map(Number);
    for (const index of chosen) {
      const task = job?.tasks[index];
      if (!task || !ACTIVE.has(stateOf(task)) || (only && stateOf(task) !== only)) continue;
      task.states = [...task.states.slice(0, task.step + 1), 'CANCELLED'];
      task.step += 1;
      task.frozen = false;
    }
    save();
    break;
  }
  default:
    console.error(`fake-slurm: unknown command ${command}`);
    process.exit(2);
}
