/**
 * Provenance: which file (or `--set`) set the final value of each key. Computed from the layers
 * that were merged, latest first, so `extends`, `!delete` and `--set` all count.
 */
import type { Source } from './errors.js';
import { getPath, isMap, joinPath, leaves, type ConfigMap } from './tree.js';
import { DELETE } from './yaml.js';

/** One layer of a config: a file of the `extends` chain, or an override. */
export interface Layer {
  /** Absolute file path, `--set`, or another override's name. */
  source: Source;
  /** The keys this layer writes (a `--set` layer holds only its key path). */
  value: ConfigMap;
  /** For an override that replaces rather than merges: the key path it replaces. */
  replaces?: string[];
}

/** Dotted key path of every leaf of the resolved config → where its value came from (`default` when no layer set it). */
export type Provenance = Record<string, Source>;

export const DEFAULT_SOURCE = 'default';

/** Where the value at `keyPath` came from, given the merged (raw) tree. */
function sourceOf(layers: readonly Layer[], merged: unknown, keyPath: readonly string[]): Source {
  for (let index = layers.length - 1; index >= 0; index--) {
    const layer = layers[index]!;
    const found = lookInLayer(layer.value, merged, keyPath);
    if (found === 'set') return layer.source;
    if (found === 'cleared') return DEFAULT_SOURCE;
    if (layer.replaces && startsWith(keyPath, layer.replaces)) return DEFAULT_SOURCE;
  }
  return DEFAULT_SOURCE;
}

/**
 * Whether a layer set the value at `keyPath` ('set'), removed or replaced what is below it so no
 * earlier layer counts ('cleared'), or did not touch it ('absent').
 */
function lookInLayer(layerValue: ConfigMap, merged: unknown, keyPath: readonly string[]): 'set' | 'cleared' | 'absent' {
  let node: unknown = layerValue;
  for (let depth = 0; depth < keyPath.length; depth++) {
    if (!isMap(node) || !Object.hasOwn(node, keyPath[depth]!)) return 'absent';
    node = node[keyPath[depth]!];
    if (node === DELETE) return 'cleared';
    const isLast = depth === keyPath.length - 1;
    if (!isLast && !isMap(node)) {
      // A scalar above the key: a shorthand this layer wrote (`accuracy: higher`), or a value a later layer replaced.
      return isMap(getPath(merged, keyPath.slice(0, depth + 1))) ? 'cleared' : 'set';
    }
  }
  return 'set';
}

function startsWith(keyPath: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= keyPath.length && prefix.every((key, index) => keyPath[index] === key);
}

/** Provenance of every leaf of a resolved config. */
export function buildProvenance(layers: readonly Layer[], merged: unknown, resolved: unknown): Provenance {
  const provenance: Provenance = {};
  for (const leaf of leaves(resolved)) provenance[joinPath(leaf.path)] = sourceOf(layers, merged, leaf.path);
  return provenance;
}

/**
 * The file to blame for a problem at `keyPath`: the layer that set it, else (for a missing key)
 * the latest layer that wrote anything in its nearest enclosing map, else `fallback`.
 */
export function blameSource(layers: readonly Layer[], merged: unknown, keyPath: readonly string[], fallback: Source): Source {
  const source = sourceOf(layers, merged, keyPath);
  if (source !== DEFAULT_SOURCE) return source;
  for (let length = keyPath.length - 1; length >= 1; length--) {
    const prefix = keyPath.slice(0, length);
    for (let index = layers.length - 1; index >= 0; index--) {
      const value = getPath(layers[index]!.value, prefix);
      if (value !== undefined && value !== DELETE) return layers[index]!.source;
    }
  }
  return fallback;
}
