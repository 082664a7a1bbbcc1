/** `mlreg history`: the results over time per suite × config × metric, failed points marked, and when a shift happened. */
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { formatNumber, formatPEquals } from '../../report/format/numbers.js';
import type { ChangePointOptions } from '../../history/changepoint/index.js';
import type { HistorySeries } from '../../store/history-series.js';
import { nonNegativeNumber, positiveInteger, probability } from '../options.js';
import { jsonFlag, type JsonFlags } from '../shared-flags.js';
import { shortFingerprint } from '../../config/fingerprint.js';

interface HistoryFlags extends JsonFlags {
  suite?: string;
  runs?: boolean;
  config?: string;
  metric?: string;
  alpha: number;
  minMagnitude?: number;
  window?: number;
  weak?: boolean;
  withSetRuns?: boolean;
}

export function registerHistory(program: Command): void {
  const history = program.command('history');
  history
    .description('Print the history of results (.mlreg/history.db) per series, and the change points where a metric shifted.')
    .option('--suite <name>', "only this suite's runs")
    .option('--runs', 'only `mlreg run` results (outside any suite)')
    .option('--config <name>', 'only this config (its name)')
    .option('--metric <name>', 'only this metric')
    .option('--alpha <p>', "significance level of each change point's permutation test", probability, 0.05)
    .option('--min-magnitude <x>', 'report only shifts of the mean by at least this fraction (0.05 = 5%)', nonNegativeNumber)
    .option(
      '--window <n>',
      'most points one split search spans (default: the whole series up to 316 points, then 100,000 / points rounded down to a multiple of 50, at least 50; longer finds smaller lasting shifts, slower)',
      positiveInteger,
    )
    .option('--weak', 'also report weak change points (significant at twice alpha, ten times below 0.05, as Otava does)')
    .option('--with-set-runs', 'include runs made with --set overrides (each fingerprint still its own series)')
    .addOption(jsonFlag('the series'))
    .action(async (flags: HistoryFlags) => {
      const [{ readHistorySeries }, { projectPaths }, { resolveOptions }, { InputError }, { historyLocation }] = await Promise.all([
        import('../../store/history-series.js'),
        import('../../config/project.js'),
        import('../../history/changepoint/index.js'),
        import('../../errors.js'),
        import('../../store/open-history.js'),
      ]);
      const { historyFile } = projectPaths();
      const location = historyLocation(historyFile);
      const detection: ChangePointOptions = {
        alpha: flags.alpha,
        ...(flags.minMagnitude !== undefined ? { minMagnitude: flags.minMagnitude } : {}),
        ...(flags.window !== undefined ? { window: flags.window } : {}),
        ...(flags.weak ? { includeWeak: true } : {}),
      };
      try {
        resolveOptions(detection);
      } catch (error) {
        const message = (error as Error).message.replace(/^detectChangePoints: /, '');
        const flag = { alpha: '--alpha', window: '--window', minMagnitude: '--min-magnitude' }[message.split(' ')[0] ?? ''] ?? 'mlreg history';
        throw new InputError(`${flag}: ${message}`, { cause: error });
      }
      const series = await readHistorySeries(
        historyFile,
        {
          ...(flags.runs ? { suite: null } : flags.suite ? { suite: flags.suite } : {}),
          ...(flags.config ? { config: flags.config } : {}),
          ...(flags.metric ? { metric: flags.metric } : {}),
          ...(flags.withSetRuns ? { includeAdhoc: true } : {}),
        },
        detection,
      );
      if (flags.json) {
        process.stdout.write(`${JSON.stringify({ historyFile: location, detection, series }, null, 2)}\n`);
        return;
      }
      if (series.length === 0) {
        process.stdout.write(`no results in ${location} match; run \`mlreg run\` or \`mlreg suite run\` first\n`);
        return;
      }
      process.stdout.write(formatHistory(series, flags.alpha));
    });

  history
    .command('export')
    .description('Write every recorded invocation as JSON lines (one per line, oldest first), to move the history to another store.')
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .action(async (flags: { output?: string }) => {
      const [{ projectPaths }, { openHistory, historyExists }, { formatInvocationLine }] = await Promise.all([
        import('../../config/project.js'),
        import('../../store/open-history.js'),
        import('../../store/history-lines.js'),
      ]);
      const { historyFile } = projectPaths();
      if (!historyExists(historyFile)) return;
      const store = await openHistory(historyFile);
      const file = flags.output ? createWriteStream(flags.output) : undefined;
      const out: NodeJS.WritableStream = file ?? process.stdout;
      try {
        for await (const invocation of store.exportInvocations()) {
          if (!out.write(`${formatInvocationLine(invocation)}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
        }
      } finally {
        await store.close();
        if (file) await new Promise<void>((resolve, reject) => file.end((error?: Error | null) => (error ? reject(error) : resolve())));
      }
    });

  history
    .command('import')
    .description('Add the invocations of an export (JSON lines; - for stdin) to this history store, skipping those it already holds.')
    .argument('<file>', 'a file written by mlreg history export, or - for stdin')
    .action(async (file: string) => {
      const [{ projectPaths }, { openHistory, historyLocation }, { parseInvocationLines }, { InputError }] = await Promise.all([
        import('../../config/project.js'),
        import('../../store/open-history.js'),
        import('../../store/history-lines.js'),
        import('../../errors.js'),
      ]);
      let text: string;
      try {
        text = file === '-' ? await readStdin() : await readFile(file, 'utf8');
      } catch (error) {
        throw new InputError(`${file}: cannot read it (${(error as Error).message})`, { cause: error });
      }
      const invocations = parseInvocationLines(text, file === '-' ? 'stdin' : file);
      const { historyFile } = projectPaths();
      const store = await openHistory(historyFile);
      try {
        const added = await store.importInvocations(invocations);
        process.stdout.write(
          `imported ${added} of ${invocations.length} invocations into ${historyLocation(historyFile)}${added < invocations.length ? ` (${invocations.length - added} already there)` : ''}\n`,
        );
      } finally {
        await store.close();
      }
    });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The series as text: one line per point (time, value ± sd, n, verdict, a mark when it failed), then its change points. */
function formatHistory(series: readonly HistorySeries[], alpha: number, fewestPoints = minimumPointsFor(alpha)): string {
  const lines: string[] = [];
  const seen = new Map<string, string>();
  for (const { suite, config, fingerprint, metric, points, changePoints } of series) {
    const scope = JSON.stringify([suite, config, metric]);
    const earlier = seen.get(scope);
    seen.set(scope, fingerprint);
    if (earlier !== undefined)
      lines.push(`fingerprint of ${config} changed: ${shortFingerprint(earlier)} -> ${shortFingerprint(fingerprint)} at ${points[0]!.createdAt}; a new series starts`);
    const adhoc = points.some((point) => point.adhoc) ? ', with --set runs' : '';
    lines.push(
      `${suite ? `suite ${suite}` : 'mlreg run'} · ${config} [${shortFingerprint(fingerprint)}] · ${metric} (${points.length} point${points.length === 1 ? '' : 's'}${adhoc})`,
    );
    const starts = new Map(changePoints.map((change) => [change.index, change.weak]));
    points.forEach((point, index) => {
      const when = point.createdAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
      const spread = point.sd === null ? '' : ` ± ${formatNumber(point.sd)}`;
      const mark = point.failed ? '  FAILED' : '';
      const shift = starts.has(index) ? (starts.get(index) ? '  <- weak shift' : '  <- shift') : '';
      lines.push(`  ${when}  ${formatNumber(point.value)}${spread}  n=${point.n ?? '?'}  ${point.verdict}${mark}${shift}`);
    });
    if (points.length < fewestPoints) {
      lines.push(`  change points: too few points to look for one (${points.length}; needs ${fewestPoints} at alpha ${formatNumber(alpha)})`);
    } else if (changePoints.length === 0) {
      lines.push(`  change points: none (E-divisive means, permutation test at alpha ${formatNumber(alpha)})`);
    } else {
      for (const change of changePoints) {
        lines.push(
          `  ${change.weak ? 'weak change point' : 'change point'} at ${change.createdAt} (point ${change.index + 1} of ${points.length}): mean ${formatNumber(change.meanBefore)} -> ${formatNumber(change.meanAfter)} (${formatNumber(change.magnitude * 100, 3)}%), permutation ${formatPEquals(change.pValue)}`,
        );
      }
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** Fewest points among which a change point can be significant at `alpha`: the observed order is one of n!, so 1/n! ≤ alpha. */
function minimumPointsFor(alpha: number): number {
  let n = 1;
  let orders = 1;
  while (1 / orders > alpha) orders *= ++n;
  return n;
}
