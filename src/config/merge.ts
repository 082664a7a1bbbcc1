/**
 * The merge semantics of `extends`: maps merge deeply, scalars and lists replace, and `!delete`
 * removes the inherited key.
 */
import { isMap, type ConfigMap } from './tree.js';
import { DELETE } from './yaml.js';

/** `overlay` on top of `base`, without changing either. */
export function deepMerge(base: ConfigMap, overlay: ConfigMap): ConfigMap {
  const result: ConfigMap = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    if (value === DELETE) delete result[key];
    else if (isMap(value) && isMap(result[key])) result[key] = deepMerge(result[key], value);
    else result[key] = stripDeletes(value);
  }
  return result;
}

/** A copy of `value` with `!delete` markers removed: where nothing is inherited there is nothing to delete. */
export function stripDeletes(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== DELETE).map(stripDeletes);
  if (!isMap(value)) return value;
  const result: ConfigMap = {};
  for (const [key, item] of Object.entries(value)) if (item !== DELETE) result[key] = stripDeletes(item);
  return result;
}
