/** The document itself, pretty-printed, with the words beside its codes: what `run --json` prints. */
import * as z from 'zod';
import type { RunDocument } from '../model/run-document.js';
import { withWords } from './reasons.js';
import { defineReporter, type Reporter, type ReportDocument } from './types.js';

/** The JSON reporter; with `omitSamples` each arm's `samples` is left out (`compare`, whose samples are its inputs). */
function createJsonReporter(options: { omitSamples: boolean }): Reporter {
  return {
    name: 'json',
    fileName: 'report.json',
    render: (doc: ReportDocument) => {
      const worded = withWords(doc);
      return `${JSON.stringify(options.omitSamples ? withoutArmSamples(worded) : worded, null, 2)}\n`;
    },
  };
}

export const jsonReporter = createJsonReporter({ omitSamples: false });

export const jsonReporterPlugin = defineReporter({
  name: 'json',
  description: 'the run or suite document as JSON (what `--json` prints)',
  settingsSchema: z.object({
    omitSamples: z
      .boolean({ error: 'expected true or false' })
      .default(false)
      .describe("Leave each arm's `samples` out, so the JSON stays the size of its findings whatever the inputs."),
  }),
  create: (settings) => (settings.omitSamples ? createJsonReporter(settings) : jsonReporter),
});

/** A run document without its arms' per-run samples, as `compare --json` documents it; a suite as it is. */
function withoutArmSamples(doc: ReportDocument): object {
  if (!('baseline' in doc)) return doc;
  const strip = ({ samples: _samples, ...arm }: RunDocument['baseline']) => arm;
  return { ...doc, baseline: strip(doc.baseline), candidate: strip(doc.candidate) };
}
