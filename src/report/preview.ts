/** `mlreg run --dry-run` and `suite run --dry-run` as text: per arm, where its seeds would run, the commands and the files. */
import type { RunPreview, SuitePreview } from '../model/run-preview.js';

export function formatRunPreview(preview: RunPreview): string {
  const lines = [`dry run of ${preview.config}: nothing is submitted or written`, `baseline: ${describeBaseline(preview.baseline)}`];
  for (const arm of preview.arms) {
    lines.push('', `== ${arm.arm} arm: ${arm.config}, ${arm.summary}`);
    for (const command of arm.commands) lines.push(`$ ${command}`);
    for (const file of arm.files) lines.push('', `--- ${file.path}`, file.text.trimEnd(), '---');
  }
  return `${lines.join('\n')}\n`;
}

function describeBaseline(baseline: RunPreview['baseline']): string {
  if (baseline.kind === 'file') return `the stored ${baseline.file}`;
  if (baseline.kind === 'run') return `none stored yet: ${baseline.config} runs first and its baseline is recorded`;
  return 'none: this config is a root; its runs are recorded as its baseline';
}

/** Each config's preview of `suite run --dry-run`, one after another. */
export function formatSuitePreview(preview: SuitePreview): string {
  const header = `dry run of suite ${preview.suite} (${preview.configs.length} configs): nothing is submitted or written\n`;
  return [header, ...preview.configs.map((config) => formatRunPreview(config))].join('\n');
}
