/** The words for a fail-fast finding (fail-fast.ts) that ends the command: the error it becomes. */
import { DEFAULT_SOURCE, displayPath, type LoadedConfig } from '../config/index.js';
import { InfrastructureError, InputError } from '../errors.js';
import { reasonHeadline, type FailFastFinding } from './fail-fast.js';
import { projectRelative } from '../config/project.js';

export interface StoppedArm {
  /** `baseline` or `candidate`. */
  arm: string;
  loaded: LoadedConfig;
  root: string;
  /** What was not done because the arm stopped, e.g. "the candidate arm (wider) was not launched". */
  consequence: string;
}

/** The error a finding that ends the command becomes: exit 3 for a broken arm, exit 2 for an unreported metric. */
export function failFastError(finding: Exclude<FailFastFinding, { kind: 'crash-rate-certain' }>, stopped: StoppedArm): Error {
  const name = stopped.loaded.config.name;
  if (finding.kind === 'arm-broken') {
    const count = finding.failed.length;
    const why = finding.sharedReason ? `${count} runs in a row failed with the same reason:\n  ${finding.sharedReason}` : `its first ${count} runs all failed:`;
    const runs = finding.failed
      .slice(0, 5)
      .map(
        (record) =>
          `  seed ${record.seed}: ${record.status}: ${firstLine(record.reason)}${finding.sharedReason ? '' : ` … ${reasonHeadline(record.reason)}`} (${projectRelative(stopped.root, record.runDir)})`,
      );
    return new InfrastructureError(
      `the ${stopped.arm} arm (${name}) cannot run: ${why}\n${runs.join('\n')}\n` +
        `stopped: ${stopped.consequence}; fix the trainer or its environment and run again (the run directories above hold each run's logs)`,
    );
  }
  const file = metricSource(stopped.loaded, finding.metric);
  const hint = finding.suggestion ? `; did you mean \`${finding.suggestion}\`?` : '';
  return new InputError(
    `${displayPath(file)}: metrics.${finding.metric}: expected a metric the trainer reports, received "${finding.metric}", ` +
      `which none of the first ${finding.runs} finished runs of ${name} reported (they reported: ${finding.reported.join(', ')})${hint}\n` +
      `stopped: ${stopped.consequence}`,
  );
}

/** The file that declared the metric (the config, or the ancestor it inherits the metric from). */
function metricSource(loaded: LoadedConfig, metric: string): string {
  const prefix = `metrics.${metric}`;
  const set = Object.entries(loaded.provenance).find(([path, source]) => (path === prefix || path.startsWith(`${prefix}.`)) && source !== DEFAULT_SOURCE);
  return set?.[1] ?? loaded.file;
}

/** The reason's first line without the announcement of the stderr tail that follows it (execute-run.ts). */
function firstLine(reason: string | undefined): string {
  return ((reason ?? '').split('\n')[0] ?? '').replace(/; stderr ends with:$/, '');
}
