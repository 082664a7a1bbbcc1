/**
 * The layer rule of docs/architecture.md, checked on every import in src/ (type-only ones too):
 * a file imports only from its own layer or the layers below it, and no two folders import each
 * other, directly or round a loop. A new folder (or file at the top of src/) joins a layer here
 * and in docs/architecture.md.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type SourceImport, sourceFiles, sourceImports } from './support/import-graph.js';

/** The layers of src/, bottom first: each lists its folders and the files at the top of src/. */
const LAYERS: ReadonlyArray<{ name: string; members: readonly string[] }> = [
  { name: 'model', members: ['model', 'errors.ts', 'json-syntax.ts', 'package-files.ts', 'version.ts'] },
  { name: 'stats', members: ['stats'] },
  { name: 'decisions', members: ['verdict', 'sequential', 'history', 'curves'] },
  { name: 'infrastructure', members: ['secrets', 'plugins', 'config', 'suite', 'store', 'trainers', 'runner', 'launchers'] },
  { name: 'words', members: ['report', 'notify'] },
  { name: 'workflows', members: ['workflows'] },
  { name: 'entry points', members: ['cli', 'api.ts'] },
];

const SRC = fileURLToPath(new URL('../src/', import.meta.url));
const ARCHITECTURE_DOC = fileURLToPath(new URL('../docs/architecture.md', import.meta.url));

/** The folder (or top-level file) of src/ a file belongs to: `verdict/overall.ts` → `verdict`. */
function unitOf(file: string): string {
  return file.split('/')[0]!;
}

/** The index in LAYERS of a file's layer, or -1 when its unit is in no layer. */
function layerOf(file: string): number {
  const unit = unitOf(file);
  return LAYERS.findIndex((layer) => layer.members.includes(unit));
}

/** Import cycles between units: each strongly connected set of two or more (Tarjan). */
function unitCycles(imports: readonly SourceImport[]): string[][] {
  const edges = new Map<string, Set<string>>();
  for (const { from, to } of imports) {
    const [a, b] = [unitOf(from), unitOf(to)];
    if (a !== b) edges.set(a, (edges.get(a) ?? new Set()).add(b));
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const connect = (unit: string): void => {
    index.set(unit, index.size);
    low.set(unit, index.get(unit)!);
    stack.push(unit);
    for (const next of edges.get(unit) ?? []) {
      if (!index.has(next)) {
        connect(next);
        low.set(unit, Math.min(low.get(unit)!, low.get(next)!));
      } else if (stack.includes(next)) low.set(unit, Math.min(low.get(unit)!, index.get(next)!));
    }
    if (low.get(unit) !== index.get(unit)) return;
    const members: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      members.push(member);
    } while (member !== unit);
    if (members.length > 1) cycles.push(members.sort());
  };
  for (const unit of [...edges.keys()].sort()) if (!index.has(unit)) connect(unit);
  return cycles;
}

const where = (i: SourceImport): string => `src/${i.from}:${i.line} imports '${i.specifier}'`;

describe('the layers of docs/architecture.md', () => {
  const imports = sourceImports(SRC);

  it('place every folder and top-level file of src/ in a layer', () => {
    const unplaced = [
      ...new Set(
        sourceFiles(SRC)
          .filter((file) => layerOf(file) < 0)
          .map(unitOf),
      ),
    ];
    expect(unplaced, 'add these to LAYERS in test/architecture.test.ts and to docs/architecture.md').toEqual([]);
  });

  it('are never imported upwards: no file imports from a layer above its own, type-only imports included', () => {
    const upward = imports
      .filter((i) => layerOf(i.to) > layerOf(i.from))
      .map((i) => `${where(i)}: ${LAYERS[layerOf(i.from)]!.name} (${unitOf(i.from)}) must not import ${LAYERS[layerOf(i.to)]!.name} (${unitOf(i.to)})`);
    expect(upward).toEqual([]);
  });

  it('hold no import cycle between folders, sideways within a layer included', () => {
    const described = unitCycles(imports).map((cycle) => {
      const examples = imports.filter((i) => unitOf(i.from) !== unitOf(i.to) && cycle.includes(unitOf(i.from)) && cycle.includes(unitOf(i.to)));
      const firstPerEdge = [...new Map(examples.map((i) => [`${unitOf(i.from)}→${unitOf(i.to)}`, i])).values()];
      return `${cycle.join(' ⇄ ')}: ${firstPerEdge.map(where).join('; ')}`;
    });
    expect(described).toEqual([]);
  });

  it('are the ones docs/architecture.md names, in the same order', () => {
    const doc = readFileSync(ARCHITECTURE_DOC, 'utf8');
    const table = [...doc.matchAll(/^\| (\d+) \| ([^|]+?) \| ([^|]+?) \|/gm)].map((row) => ({
      name: row[2]!.trim(),
      members: [...row[3]!.matchAll(/`([^`]+?)\/?`/g)].map((member) => member[1]!.replace(/^src\//, '')),
    }));
    expect(table).toEqual(LAYERS.map((layer) => ({ name: layer.name, members: [...layer.members] })));
  });
});

describe('reading the imports of src/', () => {
  it('finds imports, type-only imports, re-exports, dynamic imports and type-level import() queries', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlreg-imports-'));
    try {
      mkdirSync(join(dir, 'a'));
      writeFileSync(
        join(dir, 'a', 'x.ts'),
        [
          "import { one } from '../b/one.js';",
          "import type { Two } from '../b/two.js';",
          "export { three } from '../c/three.js';",
          "export type * from '../c/four.js';",
          "import 'node:fs';",
          "const five = () => import('../d/five.js');",
          "type Six = import('../d/six.js').Six;",
        ].join('\n'),
      );
      expect(sourceImports(dir).map((i) => [i.from, i.to, i.line])).toEqual([
        ['a/x.ts', 'b/one.ts', 1],
        ['a/x.ts', 'b/two.ts', 2],
        ['a/x.ts', 'c/three.ts', 3],
        ['a/x.ts', 'c/four.ts', 4],
        ['a/x.ts', 'd/five.ts', 6],
        ['a/x.ts', 'd/six.ts', 7],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
