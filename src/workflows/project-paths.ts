/** Paths as reports show them: relative to the project (a PR comment must not show `/home/ci/…`). */
import { isAbsolute, relative, sep } from 'node:path';

/** `file` relative to `root` when it lies inside it, else unchanged. */
export function projectRelative(root: string, file: string): string {
  if (!isAbsolute(file)) return file;
  const inside = relative(root, file);
  const outside = inside === '..' || inside.startsWith(`..${sep}`);
  return inside && !outside && !isAbsolute(inside) ? inside : file;
}
