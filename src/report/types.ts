/** The contract every reporter implements: a document in, text out. */
import type { RunDocument } from '../model/run-document.js';
import type { SuiteDocument } from '../model/suite-document.js';

export type ReportDocument = RunDocument | SuiteDocument;

/** Where a report can point its reader: the full report online and the CI build that made it. */
export interface ReportLinks {
  /** The HTML report's URL (`MLREG_REPORT_URL`). */
  report?: string;
  /** The CI build. */
  ci?: { label: string; url: string };
}

export interface Reporter {
  /** Plain name used on the command line and in configs, e.g. `markdown`. */
  readonly name: string;
  /** File written for this format inside `--report-dir`. */
  readonly fileName: string;
  render(doc: ReportDocument): string;
}

/** True when the document is a suite run rather than a single config's run. */
export function isSuiteDocument(doc: ReportDocument): doc is SuiteDocument {
  return (doc as SuiteDocument).kind === 'suite';
}
