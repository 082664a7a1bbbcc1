/** The document itself, pretty-printed: what `run --json` prints. */
import type { Reporter, ReportDocument } from './types.js';

export const jsonReporter: Reporter = {
  name: 'json',
  fileName: 'report.json',
  render: (doc: ReportDocument) => `${JSON.stringify(doc, null, 2)}\n`,
};
