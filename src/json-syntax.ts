/**
 * Describing a JSON syntax error without quoting the file. V8's messages quote the text around
 * the error (`Unexpected token 'r', "root:$y$j9T$"... is not valid JSON`): pointed at the wrong
 * file (`--baseline /etc/shadow`), mlreg would print its first bytes.
 */

/** Where the JSON in `text` stopped being valid, as "line L, column C", without any of its contents. */
export function jsonSyntaxProblem(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/Unexpected end of JSON input/i.test(message)) return text.trim() === '' ? 'the file is empty' : 'it ends before the JSON value does';
  const position = /at position (\d+)/.exec(message);
  if (position) {
    const { line, column } = lineAndColumn(text, Number(position[1]));
    return `invalid JSON at line ${line}, column ${column}`;
  }
  return 'it is not valid JSON';
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}
