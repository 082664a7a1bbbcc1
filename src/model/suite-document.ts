/** The document a `suite run` produces: one run document per config and the suite's verdict. Data only. */
import type { Correction } from './comparison.js';
import type { OverallVerdict, RunDocument, RunReason } from './run-document.js';

/** Why a suite's verdict is what it is: a config's reason, or a config that could not be tested. */
interface SuiteReason extends RunReason {
  config?: string;
}

/** How false alarms were controlled across all config × metric tests of a suite. */
export interface SuiteAdjustment {
  method: Correction;
  /** Suite-wide level: family-wise error rate (holm) or false discovery rate (bh). */
  alpha: number;
  /** Number of config × metric tests in the family. */
  family: number;
  tests: Array<{ config: string; metric: string; pValue: number; adjustedPValue: number; rejected: boolean }>;
}

/** The document a `suite run` produces: one RunDocument per config and the suite's verdict. */
export interface SuiteDocument {
  kind: 'suite';
  mlregVersion: string;
  createdAt: string;
  suite: { name: string; file: string };
  configs: RunDocument[];
  adjustment: SuiteAdjustment;
  verdict: OverallVerdict;
  exitCode: 0 | 1 | 2 | 3;
  reasons: SuiteReason[];
  links: Array<{ label: string; url: string }>;
}
