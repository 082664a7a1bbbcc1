/** `mlreg history`: the results over time per suite × config × metric, failed points marked, and when a shift happened. */
import type { Command } from 'commander';
import { formatNumber, formatPEquals } from '../../report/format/numbers.js';
import type { HistorySeries } from '../../workflows/history-series.js';

interface HistoryFlags {
  suite?: string;
  runs?: boolean;
  config?: string;
  metric?: string;
  json?: boolean;
}

export function registerHistory(program: Command): void {
  program
    .command('history')
    .description('Print the history of results (.mlreg/history.db) per series, and the change points where a metric shifted.')
    .option('--suite <name>', 'only this suite\'s runs')
    .option('--runs', 'only `mlreg run` results (outside any suite)')
    .option('--config <name>', 'only this config (its name)')
    .option('--metric <name>', 'only this metric')
    .option('--json', 'print the series as JSON')
    .action(async (flags: HistoryFlags) => {
      const [{ readHistorySeries, MIN_SEGMENT }, { projectPaths }] = await Promise.all([
        import('../../workflows/history-series.js'),
        import('../../workflows/context.js'),
      ]);
      const { historyFile } = projectPaths();
      const series = readHistorySeries(historyFile, {
        ...(flags.runs ? { suite: null } : flags.suite ? { suite: flags.suite } : {}),
        ...(flags.config ? { config: flags.config } : {}),
        ...(flags.metric ? { metric: flags.metric } : {}),
      });
      if (flags.json) {
        process.stdout.write(`${JSON.stringify({ historyFile, series }, null, 2)}\n`);
        return;
      }
      if (series.length === 0) {
        process.stdout.write(`no results in ${historyFile} match; run \`mlreg run\` or \`mlreg suite run\` first\n`);
        return;
      }
      process.stdout.write(formatHistory(series, MIN_SEGMENT));
    });
}

/** The series as text: one line per point (time, value ± sd, n, verdict, a mark when it failed), then its change points. */
export function formatHistory(series: readonly HistorySeries[], minSegment: number): string {
  const lines: string[] = [];
  for (const { suite, config, metric, points, changePoints } of series) {
    lines.push(`${suite ? `suite ${suite}` : 'mlreg run'} · ${config} · ${metric} (${points.length} point${points.length === 1 ? '' : 's'})`);
    const starts = new Set(changePoints.map((change) => change.index));
    points.forEach((point, index) => {
      const when = point.createdAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
      const spread = point.sd === null ? '' : ` ± ${formatNumber(point.sd)}`;
      const mark = point.failed ? '  FAILED' : '';
      const shift = starts.has(index) ? '  <- shift' : '';
      lines.push(`  ${when}  ${formatNumber(point.value)}${spread}  n=${point.n ?? '?'}  ${point.verdict}${mark}${shift}`);
    });
    if (points.length < 2 * minSegment) {
      lines.push(`  change points: too few points to look for one (${points.length}; needs ${2 * minSegment})`);
    } else if (changePoints.length === 0) {
      lines.push('  change points: none (E-divisive means, permutation test at alpha 0.05)');
    } else {
      for (const change of changePoints) {
        lines.push(
          `  change point at ${change.createdAt} (point ${change.index + 1} of ${points.length}): mean ${formatNumber(change.meanBefore)} -> ${formatNumber(change.meanAfter)}, permutation ${formatPEquals(change.pValue)}`,
        );
      }
    }
    lines.push('');
  }
  return lines.join('\n');
}
