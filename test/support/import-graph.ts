/**
 * Every import between the files of src/, read with the TypeScript compiler's parser: static
 * imports and re-exports (type-only included), `import type`, dynamic `import()` and type-level
 * `import('…')` queries. For the layer rule of docs/architecture.md (test/architecture.test.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** One import of a source file: where it is and what it names. */
export interface SourceImport {
  /** The importing file, relative to src/ with `/` separators, e.g. `verdict/overall.ts`. */
  from: string;
  /** The imported file, relative to src/ (`.js` specifiers mapped to their `.ts` source). */
  to: string;
  /** The specifier as written, e.g. `../stats/welch.js`. */
  specifier: string;
  line: number;
}

/** The TypeScript files under `srcDir`, relative to it, in a stable order. */
export function sourceFiles(srcDir: string): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|mts|cts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(toPosix(relative(srcDir, path)));
    }
  };
  walk(srcDir);
  return files.sort();
}

/** The relative imports of every file under `srcDir` (package imports are left out). */
export function sourceImports(srcDir: string): SourceImport[] {
  return sourceFiles(srcDir).flatMap((file) => importsOf(srcDir, file));
}

function importsOf(srcDir: string, file: string): SourceImport[] {
  const text = readFileSync(join(srcDir, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: SourceImport[] = [];
  const note = (literal: ts.Node | undefined): void => {
    if (!literal || !ts.isStringLiteralLike(literal) || !literal.text.startsWith('.')) return;
    const target = toPosix(relative(srcDir, resolve(srcDir, dirname(file), literal.text))).replace(/\.(m|c)?js$/, '.$1ts');
    found.push({ from: file, to: target, specifier: literal.text, line: source.getLineAndCharacterOfPosition(literal.getStart()).line + 1 });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) note(node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) note(node.moduleReference.expression);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) note(node.argument.literal);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) note(node.arguments[0]);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}
