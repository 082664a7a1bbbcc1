/**
 * Hidden commands that mlreg runs itself: `internal run-seed` executes one seed of a stored arm
 * plan on a cluster node, so every trainer adapter works on every launcher.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { MetricPoint } from '../../trainers/types.js';
import { positiveInteger } from '../options.js';

export function registerInternal(program: Command): void {
  const internal = program.command('internal', { hidden: true }).description('Commands mlreg runs itself.');
  internal
    .command('run-seed')
    .description('Execute one seed of an arm plan (plan.json) and write its result.json.')
    .requiredOption('--plan <file>', 'arm plan written by the launcher')
    .requiredOption('--seed <n>', 'seed to run', (value) => positiveInteger(String(Number(value) + 1)) - 1)
    .action(async (flags: { plan: string; seed: number }) => {
      const [{ executeRun, writeRunResult }, { abortOnSignals }, { progressLine }, { signalTrainers }, { writeWorkerStarted }] = await Promise.all([
        import('../../runner/execute-run.js'),
        import('../signals.js'),
        import('../../launchers/slurm/task-progress.js'),
        import('../../trainers/command/process-tree.js'),
        import('../../launchers/slurm/worker-start.js'),
      ]);
      const plan = JSON.parse(await readFile(flags.plan, 'utf8'));
      const interrupt = abortOnSignals();
      // The time-limit warning (launcher.slurm.signal_before_timeout) is the trainer's, to checkpoint.
      const warn = () => void signalTrainers('SIGUSR1');
      process.on('SIGUSR1', warn);
      try {
        // Each streamed point goes to the task's log, where the submitting mlreg follows it.
        const onProgress = (point: MetricPoint) => process.stdout.write(progressLine(point));
        const { retryable: _retryable, ...record } = await executeRun(plan, flags.seed, { signal: interrupt.signal, onProgress, onStart: writeWorkerStarted });
        await writeRunResult(record);
        process.stdout.write(`seed ${record.seed}: ${record.status}${record.reason ? `: ${record.reason.split('\n')[0]}` : ''}\n`);
        process.exitCode = record.status === 'ok' ? 0 : 1;
      } finally {
        interrupt.dispose();
        process.off('SIGUSR1', warn);
      }
    });
}
