/** What `mlreg run --dry-run` (and `suite run --dry-run`) would launch, per arm, with nothing submitted or written. Data only. */

/** A launcher's account of what it would do for one arm. */
export interface LaunchPreview {
  /** One line: where and how the seeds would run. */
  summary: string;
  /** Commands it would run, as shell lines. */
  commands: string[];
  /** Files it would write and hand to them, by path. */
  files: Array<{ path: string; text: string }>;
}

export interface ArmPreview extends LaunchPreview {
  arm: string;
  config: string;
  launcher: string;
  seeds: number[];
}

export interface RunPreview {
  config: string;
  /** Where the baseline comes from: a stored file, or an arm run in the same invocation. */
  baseline: { kind: 'file'; file: string } | { kind: 'run'; config: string } | { kind: 'record-only' };
  arms: ArmPreview[];
}

/** What `mlreg suite run --dry-run` would launch: each config's preview, in the suite's order. */
export interface SuitePreview {
  suite: string;
  configs: RunPreview[];
}
