/** What `config show` says of a config's gate before anything runs. Data only. */
import type { MetricPower } from './gate-power.js';
import type { BaselineMismatch } from './run-document.js';

/** What `config show` says of a config's gate: its baseline and each metric's power, as `run` would plan them. */
export interface ConfigGate {
  /** The baseline file it compares with, the config run first to record one, none (a root config records its own), or why it cannot be read. */
  baseline: { file: string } | { runs: string } | { none: true } | { unreadable: string };
  mismatch?: BaselineMismatch;
  power: MetricPower[];
}
