/** The document itself, pretty-printed, with the words beside its codes: what `run --json` prints. */
import { withWords } from './reasons.js';
import { defineReporter, noSettings, type Reporter, type ReportDocument } from './types.js';

export const jsonReporter: Reporter = {
  name: 'json',
  fileName: 'report.json',
  render: (doc: ReportDocument) => `${JSON.stringify(withWords(doc), null, 2)}\n`,
};

export const jsonReporterPlugin = defineReporter({
  name: 'json',
  description: 'the run or suite document as JSON (what `--json` prints)',
  settingsSchema: noSettings,
  create: () => jsonReporter,
});
