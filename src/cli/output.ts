/** Printing a document and writing report files. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ciBuildLink } from '../notify/ci-links.js';
import { scrubSecrets } from '../secrets/index.js';
import type { RunDocument } from '../model/run-document.js';
import { fileReporterNames, getReporter, type ReportDocument } from '../report/index.js';

export interface OutputOptions {
  json?: boolean;
  reportDir?: string;
  /** Leave each arm's `samples` out of the printed JSON (`compare`, whose samples are its inputs). */
  omitSamples?: boolean;
}

/** Prints the document (console table, or JSON with --json) and writes every report format to --report-dir. */
export async function emitDocument(doc: ReportDocument, options: OutputOptions): Promise<string[]> {
  const written: string[] = [];
  if (options.reportDir) {
    await mkdir(options.reportDir, { recursive: true });
    // The Markdown report is a PR comment: it links the HTML report online and the CI build, as Slack does.
    const links = { ...(process.env.MLREG_REPORT_URL ? { report: process.env.MLREG_REPORT_URL } : {}), ...optional('ci', ciBuildLink(process.env)) };
    for (const name of fileReporterNames) {
      const reporter = getReporter(name, { links });
      const file = join(options.reportDir, reporter.fileName);
      // The document is free of secrets already; the rendered text is checked once more on its way to a file.
      await writeFile(file, scrubSecrets(reporter.render(doc)), 'utf8');
      written.push(file);
    }
  }
  if (options.json) {
    process.stdout.write(getReporter('json').render(options.omitSamples ? withoutArmSamples(doc) : doc));
  } else {
    const color = process.stdout.isTTY === true && !process.env.NO_COLOR && !process.env.CI;
    process.stdout.write(getReporter('console', { color }).render(doc));
    for (const file of written) process.stdout.write(`report: ${file}\n`);
  }
  return written;
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/** The document without the arms' per-run samples: the JSON stays the size of its findings, whatever the inputs. */
function withoutArmSamples(doc: ReportDocument): ReportDocument {
  if (!('baseline' in doc)) return doc;
  const strip = ({ samples: _samples, ...arm }: RunDocument['baseline']) => arm;
  // The JSON reporter only serialises; an arm without `samples` is what `compare --json` documents.
  return { ...doc, baseline: strip(doc.baseline), candidate: strip(doc.candidate) } as unknown as ReportDocument;
}
