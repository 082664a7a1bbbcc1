/**
 * mlreg's library API: what the CLI calls and what other tools may import.
 * `import { compareSamples } from 'mlreg'`.
 */
export { compareSamples, compareMetrics } from './verdict/index.js';
export { seedsForPower, minimumDetectableDifference, type DetectableDifference, type PowerInput, type PowerOptions, type PowerResult } from './stats/power.js';
export { assessGatePower, type GatePowerInput } from './verdict/gate-power.js';
export type { CompareOptions } from './verdict/types.js';
export { runRegression, runAndPublishRegression, type RunRegressionOptions } from './workflows/run-regression.js';
export { recordBaseline, type RecordBaselineOptions, type RecordedBaseline } from './workflows/record-baseline.js';
export { compareFiles, type CompareFilesOptions } from './workflows/compare-files.js';
export { runSuite, runAndPublishSuite, type RunSuiteOptions } from './workflows/run-suite.js';
export type { PublishOptions, Published } from './workflows/steps/publish.js';
export { promoteBaseline, type PromoteOptions, type PromotedBaseline } from './workflows/promote-baseline.js';
export type { RunObserver } from './runner/observer.js';
export { loadConfig } from './config/index.js';
export type { TrainerAdapter, RunContext, TrainerOutcome, MetricPoint } from './trainers/types.js';
export type { Launcher, ArmPlan } from './runner/types.js';
export { MlregError, InputError, InfrastructureError, InterruptedError } from './errors.js';
export type { Direction } from './model/direction.js';
export type { Describe } from './model/summary.js';
export type { MetricComparison, MetricVerdict, VarianceVerdict } from './model/comparison.js';
export type { RunRecord, RunStatus } from './model/run-record.js';
export type { RunDocument, ArmSummary, OverallVerdict, BaselineMismatch } from './model/run-document.js';
export type { SuiteDocument } from './model/suite-document.js';
export type { GatePower, MetricPower } from './model/gate-power.js';
export { sequentialComparison, sequentialMetricSet } from './sequential/index.js';
export { ChangePointCache, detectChangePoints, type ChangePoint, type ChangePointOptions } from './history/changepoint/index.js';
export type { SequentialComparison, SequentialOptions, SequentialStep, SequentialMetricSet, MetricSetStep } from './sequential/index.js';
