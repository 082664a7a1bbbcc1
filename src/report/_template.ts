/**
 * Template for a new reporter: copy this file, rename it, implement `render`, and add it to
 * the registry in `index.ts`. A reporter is pure: document in, text out, no I/O; the CLI writes
 * the text to `<report-dir>/<fileName>`.
 */
import type { Reporter, ReportDocument } from './types.js';
import { isSuiteDocument } from './types.js';

export const templateReporter: Reporter = {
  name: 'template',
  fileName: 'report.template.txt',
  render: (doc: ReportDocument) => {
    const runs = isSuiteDocument(doc) ? doc.configs : [doc];
    return `${runs.map((run) => `${run.config.name}: ${run.verdict}`).join('\n')}\n`;
  },
};
