/** mlreg's config system: load a config tree, explain where each value came from, fingerprint it. */
export { loadConfig, type LoadOptions, type LoadedConfig } from './load.js';
export { ConfigError, displayPath, type ConfigIssue } from './errors.js';
export { loadYamlFile, readYamlFile, DELETE } from './yaml.js';
export { configFingerprint, shortFingerprint, canonicalJson } from './fingerprint.js';
export { formatConfigShow, configShowJson } from './show.js';
export { configDiff } from './diff.js';
export { deepMerge } from './merge.js';
export { DEFAULT_SOURCE } from './provenance.js';
