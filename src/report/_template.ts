/**
 * Template for a new reporter: copy this file, rename it, declare its options in `settingsSchema`
 * (or use `noSettings`), implement `render`, and add the plugin to `reporterPlugins` in
 * `index.ts`: test/report/conformance.test.ts then renders the fixture documents with it. A
 * reporter is pure: document in, text out, no I/O; the CLI writes the text to
 * `<report-dir>/<fileName>`.
 */
import * as z from 'zod';
import type { ReportDocument } from './types.js';
import { defineReporter, isSuiteDocument } from './types.js';

export const templateReporterPlugin = defineReporter({
  name: 'template',
  description: 'one line per config: its name and verdict',
  settingsSchema: z.object({
    separator: z.string({ error: 'expected a string' }).default(': ').describe("Between a config's name and its verdict."),
  }),
  create: (settings) => ({
    name: 'template',
    fileName: 'report.template.txt',
    render: (doc: ReportDocument) => {
      const runs = isSuiteDocument(doc) ? doc.configs : [doc];
      return `${runs.map((run) => `${run.config.name}${settings.separator}${run.verdict}`).join('\n')}\n`;
    },
  }),
});

export const templateReporter = templateReporterPlugin.create({ separator: ': ' });
