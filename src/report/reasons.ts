/**
 * The words for a document's coded findings: its reasons (src/model/reasons.ts) and why a
 * sequential run stopped. What every reporter and notifier prints, and what the JSON document
 * carries beside each code (`detail`, `stoppedBecause`).
 */
import type { RunReason, SuiteReason } from '../model/reasons.js';
import type { RunDocument, SequentialStop } from '../model/run-document.js';
import type { SuiteDocument } from '../model/suite-document.js';
import { formatNumber } from './format/numbers.js';

/** One reason in a sentence (without the config or metric it concerns: see `reasonSubject`). */
export function describeReason(reason: RunReason | SuiteReason): string {
  switch (reason.code) {
    case 'failure-rate':
      return `${reason.candidateFailed} of ${reason.candidateTotal} candidate runs failed against ${reason.baselineFailed} of ${reason.baselineTotal} in the baseline (one-sided Fisher p = ${formatNumber(reason.pValue, 3)})`;
    case 'regression':
      return reason.checkpoint
        ? `worse than the baseline's learning curves at step ${reason.checkpoint.step} of ${reason.checkpoint.finalStep}, once ${reason.checkpoint.runs} runs reached it; the runs were stopped there`
        : 'worse than the baseline distribution';
    case 'suspicious':
      return 'better than the baseline distribution allows: an unexpected improvement is most often a bug in the metric';
    case 'too-few-runs':
      return reason.recording
        ? `only ${reason.ok} of ${reason.total} runs finished; no baseline recorded`
        : `only ${reason.ok} of ${reason.total} ${reason.arm} runs finished with valid metrics; at least ${reason.minimum} are needed to compare`;
    case 'nothing-compared':
      return 'no metric could be compared';
    case 'metric-not-in-baseline':
      return `${reason.metric} is not in ${reason.baselineFile}; record the baseline again to compare it`;
    case 'runs-cancelled': {
      const parts = reason.arms.map(({ arm, seeds }) => `${arm} seed${seeds.length === 1 ? '' : 's'} ${seeds.join(', ')}`);
      return (
        `${parts.join('; ')} cancelled from outside mlreg (scancel, preemption): decided without them, and the invocation stays unfinished; ` +
        '`mlreg run --resume` runs just those seeds and decides again'
      );
    }
    case 'stopped-early':
      return (
        `${reason.notLaunched} of ${reason.planned} candidate seeds were not launched: after ${reason.failed} failed runs against ` +
        `${reason.baselineFailed} of ${reason.baselineTotal} in the baseline, the crash-rate regression holds whatever the other ` +
        `${reason.planned - reason.failed} seeds do (one-sided Fisher p ≤ ${formatNumber(reason.pValue, 3)} even if all succeed)`
      );
    case 'curve-check-skipped':
      return `needs curves from at least 2 runs of each arm, received ${reason.baselineRuns} baseline and ${reason.candidateRuns} candidate`;
    case 'curve-check-not-sequential':
      return 'curve checks are decided with a fixed number of runs; under --sequential they are shown, not decided';
    case 'baseline-recorded':
      return `${reason.config} had no baseline: recorded ${reason.baselineFile} from ${reason.runs} runs; nothing to compare yet`;
    case 'config-error':
    case 'config-input-error':
      return reason.message;
  }
}

/** The metric a reason concerns, when it names one. */
export function reasonMetric(reason: RunReason | SuiteReason): string | undefined {
  return 'metric' in reason ? reason.metric : undefined;
}

/** Why a sequential run stopped launching seeds, in one line. */
export function describeSequentialStop(stop: SequentialStop): string {
  switch (stop.code) {
    case 'no-valid-run':
      return `no candidate run finished with valid metrics (${stop.ended} ended)`;
    case 'decided':
      return `the gate was decided (${stop.decision}: ${stop.metrics.map(({ metric, verdict }) => `${metric} ${verdict}`).join(', ')})`;
    case 'max-seeds':
      return `all ${stop.maxSeeds} seeds ran without a decision`;
    case 'curve-regression': {
      const percent = Math.round((100 * stop.step) / stop.finalStep);
      return (
        `the learning curves decided a regression: ${stop.metric} at step ${stop.step} of ${stop.finalStep} (${percent}% of training) ` +
        `was worse than the baseline's after ${stop.runs} candidate runs reached it ` +
        `(rank sum ${stop.rankSum} ≥ boundary ${stop.boundary}, one-sided α ${formatNumber(stop.alpha, 2)} for this checkpoint); the runs were stopped there`
      );
    }
  }
}

/** The document with the words beside its codes: `detail` beside each reason's, `stoppedBecause` beside the sequential stop. As the JSON report and `--json` print it. */
export function withWords(doc: RunDocument): RunDocument;
export function withWords(doc: RunDocument | SuiteDocument): RunDocument | SuiteDocument;
export function withWords(doc: RunDocument | SuiteDocument): RunDocument | SuiteDocument {
  const worded = <R extends RunReason | SuiteReason>(reasons: readonly R[]): R[] => reasons.map((reason) => ({ ...reason, detail: describeReason(reason) }));
  if ('kind' in doc) return { ...doc, reasons: worded(doc.reasons), configs: doc.configs.map((config) => withWords(config)) };
  const sequential = doc.sequential ? { sequential: { ...doc.sequential, stoppedBecause: describeSequentialStop(doc.sequential.stop) } } : {};
  return { ...doc, reasons: worded(doc.reasons), ...sequential };
}
