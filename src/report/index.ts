/**
 * Reporters by plain name. To add one, copy `_template.ts`, implement `render`, and add its plugin
 * here (docs/plugins.md): test/report/conformance.test.ts then checks it with the others.
 */
import type { Reporter, ReporterPlugin, ReportLinks } from './types.js';
import { parseSettings } from '../plugins/settings.js';
import { consoleReporterPlugin } from './console/index.js';
import { markdownReporterPlugin } from './markdown.js';
import { junitReporterPlugin } from './junit.js';
import { jsonReporterPlugin } from './json.js';
import { htmlReporterPlugin } from './html/index.js';
export type { Reporter, ReportDocument } from './types.js';

/** Options of one rendering; each reporter reads the ones its settings schema declares. */
export interface ReporterOptions {
  /** Terminal colours for the console reporter. */
  color?: boolean;
  /** Links for the Markdown report (a PR comment): the HTML report online, the CI build. */
  links?: ReportLinks;
  /** JSON without each arm's `samples`. */
  omitSamples?: boolean;
}

/** Every registered reporter, in the order `--report-dir` writes them. */
export const reporterPlugins = [
  consoleReporterPlugin,
  markdownReporterPlugin,
  junitReporterPlugin,
  jsonReporterPlugin,
  htmlReporterPlugin,
] as const satisfies readonly ReporterPlugin[];

export type ReporterName = (typeof reporterPlugins)[number]['name'];
/** Names of every reporter, in the order `--report-dir` writes them. */
export const reporterNames: ReporterName[] = reporterPlugins.map((plugin) => plugin.name);
/** The formats `--report-dir` writes: every reporter except the console one. */
export const fileReporterNames: ReporterName[] = ['markdown', 'junit', 'json', 'html'];

/** Returns the reporter registered under `name`, created with `options`; throws naming the known reporters otherwise. */
export function getReporter(name: string, options: ReporterOptions = {}): Reporter {
  const plugin: ReporterPlugin | undefined = reporterPlugins.find((candidate) => candidate.name === name);
  if (!plugin) throw new Error(`Unknown reporter "${name}": expected one of ${reporterNames.join(', ')}.`);
  return plugin.create(parseSettings(plugin, `reporter ${name}`, options));
}
