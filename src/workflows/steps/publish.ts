/**
 * Publishing a finished run's or suite's document, one step for `mlreg run` and `mlreg suite run`:
 * every report format written to the report directory, then the configured notifications sent.
 * A notification never changes the verdict; one that fails comes back as a warning, free of secrets.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ciBuildLink } from '../../notify/ci-links.js';
import { notificationWarnings, notifyDocument, type NotifySettings } from '../../notify/notify-document.js';
import { fileReporterNames, getReporter, type ReportDocument } from '../../report/index.js';
import { scrubSecrets } from '../../secrets/index.js';

export interface PublishOptions {
  /** `--report-dir`: where the Markdown, JUnit XML, JSON and HTML reports go; none without it. */
  reportDir?: string | undefined;
  /** The environment holding the notifiers' secrets, `MLREG_REPORT_URL` and the CI's variables (default: process.env). */
  env?: Readonly<Record<string, string | undefined>>;
}

/** A document as published: the report files written and one warning per notification that failed. */
export interface Published<D extends ReportDocument> {
  doc: D;
  reportFiles: string[];
  warnings: string[];
}

/** Writes the document's reports, then notifies with the config's or suite's `notify` settings. */
export async function publish<D extends ReportDocument>(doc: D, notify: NotifySettings | undefined, options: PublishOptions): Promise<Published<D>> {
  const env = options.env ?? process.env;
  const reportFiles = options.reportDir ? await writeReports(doc, options.reportDir, env) : [];
  const html = reportFiles.find((file) => file.endsWith('.html'));
  const outcomes = await notifyDocument(doc, { settings: notify, env, ...(html ? { reportLocation: html } : {}) });
  return { doc, reportFiles, warnings: notificationWarnings(outcomes) };
}

/** Writes every file report format into `dir`; returns the files written. */
async function writeReports(doc: ReportDocument, dir: string, env: Readonly<Record<string, string | undefined>>): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  // The Markdown report is a PR comment: it links the HTML report online and the CI build, as Slack does.
  const ci = ciBuildLink(env);
  const links = { ...(env.MLREG_REPORT_URL ? { report: env.MLREG_REPORT_URL } : {}), ...(ci === undefined ? {} : { ci }) };
  const written: string[] = [];
  for (const name of fileReporterNames) {
    const reporter = getReporter(name, { links });
    const file = join(dir, reporter.fileName);
    // The document is free of secrets already; the rendered text is checked once more on its way to a file.
    await writeFile(file, scrubSecrets(reporter.render(doc)), 'utf8');
    written.push(file);
  }
  return written;
}
