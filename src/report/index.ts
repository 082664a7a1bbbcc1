/**
 * Reporters by plain name. To add one, copy `_template.ts`, implement `render`, and list it here.
 */
import type { Reporter, ReportLinks } from './types.js';
import { createConsoleReporter } from './console/index.js';
import { createMarkdownReporter } from './markdown.js';
import { junitReporter } from './junit.js';
import { jsonReporter } from './json.js';
import { htmlReporter } from './html/index.js';

export type { Reporter, ReportDocument, ReportLinks } from './types.js';
export { isSuiteDocument } from './types.js';

export interface ReporterOptions {
  /** Terminal colours for the console reporter. */
  color?: boolean;
  /** Links for the Markdown report (a PR comment): the HTML report online, the CI build. */
  links?: ReportLinks;
}

const reporters = {
  console: (options: ReporterOptions) => createConsoleReporter({ color: options.color ?? false }),
  markdown: (options: ReporterOptions) => createMarkdownReporter({ links: options.links ?? {} }),
  junit: () => junitReporter,
  json: () => jsonReporter,
  html: () => htmlReporter,
} satisfies Record<string, (options: ReporterOptions) => Reporter>;

export type ReporterName = keyof typeof reporters;

/** Names of every reporter, in the order `--report-dir` writes them. */
export const reporterNames = Object.keys(reporters) as ReporterName[];

/** The formats `--report-dir` writes: every reporter except the console one. */
export const fileReporterNames: ReporterName[] = ['markdown', 'junit', 'json', 'html'];

/** Returns the reporter registered under `name`; throws naming the known reporters otherwise. */
export function getReporter(name: string, options: ReporterOptions = {}): Reporter {
  if (!isReporterName(name)) {
    throw new Error(`Unknown reporter "${name}": expected one of ${reporterNames.join(', ')}.`);
  }
  return reporters[name](options);
}

function isReporterName(name: string): name is ReporterName {
  return Object.hasOwn(reporters, name);
}
