/** Suites: named lists of configs with overrides, run and decided together (`mlreg suite run`). */
export { isSuitePath, loadSuite, suiteFileOf, type LoadedSuite, type LoadedSuiteEntry } from './load.js';
export { changesFingerprint, suiteBaselinesDir, suitePaths } from './baselines.js';
