/**
 * The flags several commands share, declared once: `--json`, `--set`, `--quiet`/`--verbose`
 * and `--report-dir`, with the types their actions receive. Commands add them with `addOption`.
 */
import { Option } from 'commander';
import { collect } from './options.js';

/** `--json`: print `what` (the command's document) as JSON instead of text. */
export function jsonFlag(what?: string): Option {
  return new Option('--json', what ? `print ${what} as JSON` : 'print as JSON');
}

export interface JsonFlags {
  json?: boolean;
}

/** `--set key.path=value`, repeatable: config values overridden on the command line. */
export function setFlag(description = 'override a config value (YAML-typed); repeatable'): Option {
  return new Option('--set <key.path=value>', description).argParser(collect);
}

export interface SetFlags {
  set?: string[];
}

/** `-q, --quiet`: no progress lines on stderr (a long-running command's). */
export function quietFlag(): Option {
  return new Option('-q, --quiet', 'no progress lines');
}

/** `-v, --verbose`: more progress lines on stderr. */
export function verboseFlag(): Option {
  return new Option('-v, --verbose', 'more progress lines');
}

export interface ProgressFlags {
  quiet?: boolean;
  verbose?: boolean;
}

/** `--report-dir <dir>`: where every file report format is written. */
export function reportDirFlag(): Option {
  return new Option('--report-dir <dir>', 'write Markdown, JUnit XML, JSON and HTML reports into this directory');
}

export interface ReportDirFlags {
  reportDir?: string;
}
