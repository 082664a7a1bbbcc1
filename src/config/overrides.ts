/**
 * `--set key.path=value` overrides: the value is parsed as YAML and replaces what is at the key
 * path (creating maps on the way); `!delete` removes the key.
 */
import { describeReceived, makeIssue, type ConfigIssue } from './errors.js';
import { stripDeletes } from './merge.js';
import { isMap, joinPath, type ConfigMap } from './tree.js';
import { DELETE, parseYamlValue } from './yaml.js';

export const SET_SOURCE = '--set';

export interface SetOverride {
  /** The override as written, for messages. */
  text: string;
  path: string[];
  value: unknown;
}

const SEGMENT = /^[^.=\s]+$/;

/** The outcome of parsing or applying an override: a value, or the issue that stopped it. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; issue: ConfigIssue };

const fail = (issue: ConfigIssue): { ok: false; issue: ConfigIssue } => ({ ok: false, issue });

/** Parses `key.path=value`; a malformed override is an issue naming it. */
export function parseSet(text: string): Outcome<SetOverride> {
  const equals = text.indexOf('=');
  const malformed = (received: string) => fail(makeIssue({ file: SET_SOURCE, path: '', expected: 'key.path=value (value in YAML), e.g. params.width=32', received }));
  if (equals < 0) return malformed(`"${text}" (no "=")`);
  const key = text.slice(0, equals).trim();
  const path = key.split('.');
  if (!key || !path.every((segment) => SEGMENT.test(segment))) return malformed(`"${text}" (bad key path "${key}")`);
  if (path[0] === 'extends') {
    return fail(makeIssue({ file: SET_SOURCE, path: key, expected: 'a key other than `extends` (choose the parent by choosing the file)', received: `"${text}"` }));
  }
  try {
    return { ok: true, value: { text, path, value: parseYamlValue(text.slice(equals + 1)) } };
  } catch (error) {
    return malformed(`"${text}" (the value is not valid YAML: ${(error as Error).message.split('\n')[0]})`);
  }
}

/**
 * `tree` with `override` applied, or an issue when a key on the way holds a scalar or list
 * (replacing it silently would hide a typo).
 */
export function applySet(tree: ConfigMap, override: SetOverride): Outcome<ConfigMap> {
  const root: ConfigMap = { ...tree };
  let node = root;
  for (let depth = 0; depth < override.path.length - 1; depth++) {
    const key = override.path[depth]!;
    const next = node[key];
    if (next === undefined) node[key] = {};
    else if (!isMap(next)) {
      const at = joinPath(override.path.slice(0, depth + 1));
      return fail(
        makeIssue({
          file: SET_SOURCE,
          path: joinPath(override.path),
          expected: `a map at \`${at}\` to set a key in`,
          received: describeReceived(next, at),
          hint: `set \`${at}\` itself instead`,
        }),
      );
    } else node[key] = { ...next };
    node = node[key] as ConfigMap;
  }
  const last = override.path[override.path.length - 1]!;
  if (override.value === DELETE) delete node[last];
  else node[last] = stripDeletes(override.value);
  return { ok: true, value: root };
}

/** The layer value of one override: just its key path, for provenance. */
export function setLayerValue(override: SetOverride): ConfigMap {
  let value: unknown = override.value;
  for (let depth = override.path.length - 1; depth >= 0; depth--) value = { [override.path[depth]!]: value };
  return value as ConfigMap;
}
