import { readFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTrainer } from '../../../src/trainers/registry.js';
import { fixtures, isAlive, runContext, train, waitForJson } from './context.js';

const node = process.execPath;
const protocol = join(fixtures, 'protocol.mjs');
const hang = join(fixtures, 'hang.mjs');

interface Seen {
  argv: string[];
  cwd: string;
  env: Record<string, string>;
}

/** A one-line Node program as a trainer. */
function inline(source: string): string[] {
  return [node, '-e', source];
}

describe('the command adapter', () => {
  it('expands placeholders in the argument list and passes the protocol environment', async () => {
    const ctx = await runContext({
      adapter: 'command',
      command: [node, protocol, '--seed={seed}', '{run_dir}', '{metrics_file}', '{params.lr}', '{params.model}', 'literal {text'],
      env: { EXTRA_FLAG: 'on', WANDB_JOB_TYPE: 'sweep', MLREG_SEED: '999' },
    });
    const outcome = await train(ctx);
    expect(outcome.status).toBeUndefined();
    const seen = JSON.parse(await readFile(join(ctx.runDir, 'seen.json'), 'utf8')) as Seen;
    expect(seen.argv).toEqual(['--seed=3', ctx.runDir, ctx.metricsFile, '0.01', '{"width":64}', 'literal {text']);
    expect(seen.env).toMatchObject({
      MLREG_SEED: '3', // the config's env cannot override the protocol's variables
      MLREG_RUN_DIR: ctx.runDir,
      MLREG_METRICS_FILE: ctx.metricsFile,
      MLREG_CONFIG_NAME: 'wider',
      WANDB_TAGS: 'nightly,gan,wider',
      WANDB_RUN_GROUP: 'head',
      WANDB_NAME: 'wider-seed3',
      WANDB_JOB_TYPE: 'sweep', // … but may set W&B's
      EXTRA_FLAG: 'on',
    });
    expect(JSON.parse(seen.env.MLREG_PARAMS!)).toEqual({ lr: 0.01, model: { width: 64 } });
  });

  it("runs in the configured working directory, else in mlreg's", async () => {
    const elsewhere = await runContext({ adapter: 'command', command: [node, protocol] });
    const cwd = join(elsewhere.runDir, 'work');
    await mkdir(cwd);
    const ctx = await runContext({ adapter: 'command', command: [node, protocol], cwd });
    await train(ctx);
    expect((JSON.parse(await readFile(join(ctx.runDir, 'seen.json'), 'utf8')) as Seen).cwd).toBe(cwd);
    await train(elsewhere);
    expect((JSON.parse(await readFile(join(elsewhere.runDir, 'seen.json'), 'utf8')) as Seen).cwd).toBe(process.cwd());
  });

  it("turns MLREG_METRIC lines into curves and final values, and keeps links including W&B's run URL", async () => {
    const ctx = await runContext({ adapter: 'command', command: [node, protocol] });
    const outcome = await train(ctx);
    // The file says acc; loss comes from the last streamed line.
    expect(outcome.metrics).toEqual({ loss: 0.28, acc: 0.75 });
    expect(outcome.curves).toEqual({
      loss: [
        { step: 10, value: 0.9 },
        { step: 20, value: 0.5 },
        { step: 2, value: 0.28 },
      ],
      acc: [{ step: 10, value: 0.5 }],
    });
    expect(ctx.progress.map((point) => point.step)).toEqual([10, 20, 2]);
    expect(outcome.links).toEqual(['https://wandb.ai/team/proj/runs/abc123', 'https://example.org/runs/1']);
    expect(outcome.stderrTail).toBe('a warning on stderr');
    expect(await readFile(join(ctx.runDir, 'stdout.log'), 'utf8')).toMatch(/^starting\nMLREG_METRIC/);
    expect(await readFile(join(ctx.runDir, 'stderr.log'), 'utf8')).toBe('a warning on stderr\n');
  });

  it('lets the metrics file override a streamed value', async () => {
    const ctx = await runContext({
      adapter: 'command',
      command: inline("console.log('MLREG_METRIC {\"fid\": 40}'); require('fs').writeFileSync(process.env.MLREG_METRICS_FILE, '{\"fid\": 31.5}')"),
    });
    expect((await train(ctx)).metrics).toEqual({ fid: 31.5 });
  });

  it('fails a run whose command has an unknown placeholder, naming it, and finds it before any run', async () => {
    const trainer = { adapter: 'command', command: [node, protocol, '{sed}', '{params.missing}'] };
    const outcome = await train(await runContext(trainer));
    expect(outcome.status).toBe('failed');
    expect(outcome.reason).toMatch(/unknown placeholder \{sed\}; expected \{seed\}/);
    const problems = (await createTrainer(trainer)).validateParams!({ lr: 1 });
    expect(problems.map((problem) => problem.path)).toEqual(['trainer.command.2', 'trainer.command.3']);
    expect(problems[1]!.received).toMatch(/params has no key "missing"/);
    expect((await createTrainer({ adapter: 'command', command: [node, '{params.lr}'] })).validateParams!({ lr: 1 })).toEqual([]);
  });

  it('records a non-zero exit with its code and stderr, and a death by signal', async () => {
    const crash = await train(await runContext({ adapter: 'command', command: inline("console.error('boom'); process.exit(7)") }));
    expect(crash).toMatchObject({ status: 'failed', reason: 'trainer exited with code 7', stderrTail: 'boom' });
    const killed = await train(await runContext({ adapter: 'command', command: inline("process.kill(process.pid, 'SIGKILL')") }));
    expect(killed).toMatchObject({ status: 'failed', reason: 'trainer was killed by SIGKILL' });
  });

  it('reports a program that cannot start as a failure that a retry would not fix', async () => {
    const outcome = await train(await runContext({ adapter: 'command', command: ['/nonexistent/trainer', '{seed}'] }));
    expect(outcome.status).toBe('failed');
    expect(outcome.reason).toMatch(/could not start.*ENOENT/);
    expect(outcome.retryable).toBe(false);
  });

  it('makes a run with a malformed metrics file or protocol line invalid, saying where', async () => {
    const badFile = await train(await runContext({ adapter: 'command', command: inline("require('fs').writeFileSync(process.env.MLREG_METRICS_FILE, '{\"fid\": 31.5, ')") }));
    expect(badFile.status).toBe('invalid');
    expect(badFile.reason).toMatch(/metrics\.json is not valid JSON/);
    const badLine = await train(await runContext({ adapter: 'command', command: inline("console.log('MLREG_METRIC {\"fid\": 30}'); console.log('MLREG_METRIC fid=29')") }));
    expect(badLine.status).toBe('invalid');
    expect(badLine.reason).toMatch(/stdout line 2: not JSON.*MLREG_METRIC fid=29/);
  });

  it('passes NaN through as a number, for the runner to judge', async () => {
    const outcome = await train(await runContext({ adapter: 'command', command: inline('console.log(\'MLREG_METRIC {"step": 1, "loss": nan}\')') }));
    expect(outcome.status).toBeUndefined();
    expect(outcome.metrics.loss).toBeNaN();
  });

  it('kills the whole process tree at the timeout, even a child that ignores SIGTERM', async () => {
    const ctx = await runContext({ adapter: 'command', command: [node, hang], kill_grace: 0.3 }, { timeoutMs: 2500 });
    const started = Date.now();
    const outcome = await train(ctx);
    expect(Date.now() - started).toBeLessThan(8000);
    expect(outcome.status).toBe('timeout');
    expect(outcome.reason).toMatch(/exceeded the 2\.5 s timeout/);
    expect(outcome.metrics).toEqual({ loss: 2 });
    expect(outcome.stderrTail).toBe('still working');
    const pids = await waitForJson<{ trainer: number; child: number }>(join(ctx.runDir, 'pids.json'));
    expect(await isAlive(pids.trainer)).toBe(false);
    expect(await isAlive(pids.child)).toBe(false);
  });

  it('ends a cancelled run and its process tree, with status cancelled', async () => {
    const controller = new AbortController();
    const ctx = await runContext({ adapter: 'command', command: [node, hang], kill_grace: 0.3 }, { signal: controller.signal });
    const running = train(ctx);
    const pids = await waitForJson<{ trainer: number; child: number }>(join(ctx.runDir, 'pids.json'));
    controller.abort();
    const outcome = await running;
    expect(outcome.status).toBe('cancelled');
    expect(await isAlive(pids.trainer)).toBe(false);
    expect(await isAlive(pids.child)).toBe(false);
  });

  it('does not start a run that is cancelled already', async () => {
    const controller = new AbortController();
    controller.abort();
    const ctx = await runContext({ adapter: 'command', command: [node, protocol] }, { signal: controller.signal });
    expect((await train(ctx)).status).toBe('cancelled');
    await expect(readFile(join(ctx.runDir, 'seen.json'))).rejects.toThrow();
  });
});
