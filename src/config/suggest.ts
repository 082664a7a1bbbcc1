/**
 * "Did you mean …?" hints for misspelled keys.
 */

/**
 * Optimal string alignment distance between two strings: the Levenshtein distance (insertions,
 * deletions, substitutions) where swapping two adjacent characters also costs 1
 * (Damerau 1964; Navarro 2001, "A guided tour to approximate string matching", §2).
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number): number => d[i]![j]!;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      d[i]![j] = best;
    }
  }
  return at(rows - 1, cols - 1);
}

/** Case, `_` and `-` do not count as differences: `cpusPerTask` is close to `cpus_per_task`. */
function normalise(key: string): string {
  return key.toLowerCase().replace(/[-_]/g, '');
}

/**
 * The candidate closest to `word`, if it is close enough to be a likely typo: at most one edit for
 * short words, at most a third of the word's length for longer ones.
 */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  const target = normalise(word);
  const limit = Math.max(1, Math.floor(target.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(target, normalise(candidate));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** "did you mean `seeds`?" for a misspelled key, or undefined when nothing is close. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const match = closestMatch(word, candidates);
  return match === undefined ? undefined : `did you mean \`${match}\`?`;
}
