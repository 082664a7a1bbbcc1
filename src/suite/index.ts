/** Suites: named lists of configs with overrides, run and decided together (`mlreg suite run`). */
export { isSuitePath, loadSuite, suiteFileOf, entryOverrides, type LoadedSuite, type LoadedSuiteEntry } from './load.js';
export { SuiteSchema, SuiteEntrySchema, type SuiteSpec, type SuiteEntry, type SuiteInput } from './schema.js';
export { changesFingerprint, suiteBaselinesDir, suitePaths } from './baselines.js';
