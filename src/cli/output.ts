/** Printing a document: the console table, or JSON with --json; the report files and warnings of a published one. */
import { getReporter, type ReportDocument } from '../report/index.js';
import type { Published } from '../workflows/steps/publish.js';

export interface PrintOptions {
  json?: boolean | undefined;
  /** Leave each arm's `samples` out of the printed JSON (`compare`, whose samples are its inputs). */
  omitSamples?: boolean;
  /** The report files written (`--report-dir`), listed after the console table. */
  reportFiles?: readonly string[];
}

/** Prints the document on stdout (console table, or JSON with --json). */
export function printDocument(doc: ReportDocument, options: PrintOptions): void {
  if (options.json) {
    process.stdout.write(getReporter('json', { omitSamples: options.omitSamples === true }).render(doc));
    return;
  }
  const color = process.stdout.isTTY === true && !process.env.NO_COLOR && !process.env.CI;
  process.stdout.write(getReporter('console', { color }).render(doc));
  for (const file of options.reportFiles ?? []) process.stdout.write(`report: ${file}\n`);
}

/** Prints a published run or suite: its document, the reports written, the warnings on stderr; its exit code is the command's. */
export function printPublished(published: Published<ReportDocument>, options: { json?: boolean | undefined }): void {
  printDocument(published.doc, { json: options.json, reportFiles: published.reportFiles });
  for (const warning of published.warnings) process.stderr.write(`mlreg: ${warning}\n`);
  process.exitCode = published.doc.exitCode;
}
