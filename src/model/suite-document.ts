/** The document a `suite run` produces: one run document per config and the suite's verdict. Data only. */
import type { Correction } from './comparison.js';
import type { SuiteReason } from './reasons.js';
import type { OverallVerdict, RunDocument } from './run-document.js';

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
