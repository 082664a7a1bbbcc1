/**
 * Plain-data helpers for config trees: maps are plain objects, everything else is a leaf.
 */

export type ConfigMap = Record<string, unknown>;

/** Whether `value` is a YAML map (a plain object), as opposed to a list or a scalar. */
export function isMap(value: unknown): value is ConfigMap {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** The value at `keyPath`, walking through maps only; undefined when absent. */
export function getPath(root: unknown, keyPath: readonly string[]): unknown {
  let node = root;
  for (const key of keyPath) {
    if (!isMap(node) || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

/**
 * Every leaf of a tree with its key path, in key order. Leaves are scalars, lists and empty maps;
 * lists are leaves because they replace rather than merge.
 */
export function leaves(root: unknown, prefix: string[] = []): Array<{ path: string[]; value: unknown }> {
  if (!isMap(root) || (Object.keys(root).length === 0 && prefix.length > 0)) return [{ path: prefix, value: root }];
  return Object.entries(root).flatMap(([key, value]) => (value === undefined ? [] : leaves(value, [...prefix, key])));
}

/** A dotted key path as users write it: `trainer.adapter`. */
export function joinPath(keyPath: readonly (string | number)[]): string {
  return keyPath.map(String).join('.');
}
