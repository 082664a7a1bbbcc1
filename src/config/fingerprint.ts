/**
 * The fingerprint of a config: a stable hash of what affects training, so a baseline can be
 * matched to the configs it is valid for.
 */
import { createHash } from 'node:crypto';
import { isMap } from './tree.js';

/** Length of the short form shown to people. */
const SHORT_FINGERPRINT_LENGTH = 12;

/**
 * JSON with object keys sorted at every depth and undefined members left out, so equal data gives
 * equal text whatever order its keys were written in.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  if (isMap(value)) {
    const members = Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`);
    return `{${members.join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return JSON.stringify(String(value));
  return JSON.stringify(value) ?? 'null';
}

/**
 * SHA-256 (hex) of the canonical JSON of `{ trainer, params }`, with `trainer.timeout` and
 * `trainer.kill_grace` left out: time limits do not change what a run computes. Seeds, metrics
 * and tags are not included.
 */
export function configFingerprint(config: { trainer: Record<string, unknown>; params: Record<string, unknown> }): string {
  const { timeout: _timeout, kill_grace: _killGrace, ...trainer } = config.trainer;
  return createHash('sha256')
    .update(canonicalJson({ trainer, params: config.params }))
    .digest('hex');
}

/** The first 12 hex digits of a fingerprint, for tables and file names. */
export function shortFingerprint(fingerprint: string): string {
  return fingerprint.slice(0, SHORT_FINGERPRINT_LENGTH);
}
