/** mlreg's config system: load a config tree, explain where each value came from, fingerprint it. */
export { loadConfig, type LoadOptions, type LoadedConfig, type ConfigLink } from './load.js';
export { ConfigError, formatIssue, displayPath, type ConfigIssue, type Source } from './errors.js';
export { loadYamlFile, readYamlFile, DELETE, type YamlFile } from './yaml.js';
export { configFingerprint, shortFingerprint, canonicalJson, SHORT_FINGERPRINT_LENGTH } from './fingerprint.js';
export { formatConfigShow, configShowJson, type ConfigShowJson } from './show.js';
export { redactSecrets } from './redact.js';
export { configDiff } from './diff.js';
export { deepMerge } from './merge.js';
export { isBaselinePath } from './paths.js';
export { DEFAULT_SOURCE, type Provenance } from './provenance.js';
export { SET_SOURCE } from './overrides.js';
export {
  ConfigSchema,
  TrainerSchema,
  MetricSchema,
  type ConfigInput,
  type ResolvedConfig,
  type TrainerConfig,
  type MetricSpec,
} from './schema.js';
