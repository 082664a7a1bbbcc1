/**
 * What an ablation changed: the trainer and params keys whose values differ between two configs.
 */
import { canonicalJson } from './fingerprint.js';
import { redactSecrets } from './redact.js';
import { joinPath, leaves } from './tree.js';

type Trained = { trainer: object; params: Record<string, unknown> };

/**
 * Key path (`params.width`, `trainer.adapter`) → [value in `a`, value in `b`] for every leaf of
 * `trainer` and `params` that differs; a key missing on one side has `undefined` there. Trainer
 * keys come first; secret-looking `trainer.env` values are redacted.
 */
export function configDiff(a: Trained, b: Trained): Record<string, [unknown, unknown]> {
  const left = leafMap(redactSecrets({ trainer: a.trainer, params: a.params }));
  const right = leafMap(redactSecrets({ trainer: b.trainer, params: b.params }));
  const diff: Record<string, [unknown, unknown]> = {};
  const keys = [...new Set([...left.keys(), ...right.keys()])];
  const section = (key: string) => (key.startsWith('trainer.') ? 0 : 1);
  keys.sort((x, y) => section(x) - section(y));
  for (const key of keys) {
    const before = left.get(key);
    const after = right.get(key);
    if (canonicalJson(before) !== canonicalJson(after)) diff[key] = [before, after];
  }
  return diff;
}

function leafMap(tree: Record<string, unknown>): Map<string, unknown> {
  return new Map(leaves(tree).map((leaf) => [joinPath(leaf.path), leaf.value]));
}
