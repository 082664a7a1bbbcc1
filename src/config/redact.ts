/**
 * Secrets in configs (API keys in `trainer.env`) never reach output: shown values are redacted.
 */

import { isSecretName } from '../secrets/names.js';

const REDACTED = '***';

/** A copy of the config with secret-looking `trainer.env` values replaced by `***`. */
export function redactSecrets<T extends { trainer: object }>(config: T): T {
  const trainer = config.trainer as { env?: Record<string, string> };
  if (!trainer.env) return config;
  const env = Object.fromEntries(Object.entries(trainer.env).map(([name, value]) => [name, isSecretName(name) ? REDACTED : value]));
  return { ...config, trainer: { ...config.trainer, env } };
}
