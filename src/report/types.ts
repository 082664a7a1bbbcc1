/** The contract every reporter implements: a document in, text out. */
import * as z from 'zod';
import type { RunDocument } from '../model/run-document.js';
import type { SuiteDocument } from '../model/suite-document.js';
import type { PluginBase, SettingsSchema } from '../plugins/types.js';

export type ReportDocument = RunDocument | SuiteDocument;

/** Where a report can point its reader: the full report online and the CI build that made it. */
export interface ReportLinks {
  /** The HTML report's URL (`MLREG_REPORT_URL`). */
  report?: string | undefined;
  /** The CI build. */
  ci?: { label: string; url: string } | undefined;
}

export interface Reporter {
  /** Plain name used on the command line and in configs, e.g. `markdown`. */
  readonly name: string;
  /** File written for this format inside `--report-dir`. */
  readonly fileName: string;
  render(doc: ReportDocument): string;
}

/**
 * A reporter as registered (src/report/index.ts). Its settings are options of the call that
 * renders (colours, links), not config keys; a reporter ignores options meant for another.
 */
export interface ReporterPlugin<Schema extends SettingsSchema = SettingsSchema> extends PluginBase<Schema> {
  create(settings: z.output<Schema>): Reporter;
}

/** Declares a reporter plugin, inferring its settings' type from its schema. */
export function defineReporter<const Name extends string, Schema extends SettingsSchema>(plugin: ReporterPlugin<Schema> & { name: Name }): ReporterPlugin<Schema> & { name: Name } {
  return plugin;
}

/** The settings of a reporter that has none. */
export const noSettings = z.object({});

/** `ReportLinks` as a schema, for the reporters that link out. */
export const reportLinksSchema = z
  .object({
    report: z.string().min(1).optional().describe("The HTML report's URL (`MLREG_REPORT_URL`)."),
    ci: z
      .object({ label: z.string().min(1), url: z.string().min(1) })
      .optional()
      .describe('The CI build.'),
  })
  .describe('Where the report can point its reader.');

/** True when the document is a suite run rather than a single config's run. */
export function isSuiteDocument(doc: ReportDocument): doc is SuiteDocument {
  return (doc as SuiteDocument).kind === 'suite';
}
