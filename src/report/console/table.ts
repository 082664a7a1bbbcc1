/** Plain-text tables for the terminal: columns padded on visible width, whatever the styling. */

export interface Cell {
  text: string;
  /** Wraps the text, e.g. in ANSI colour codes; padding is added outside it. */
  style?: (padded: string) => string;
  align?: 'left' | 'right';
}

/** Renders rows of cells (the first row is the header) as aligned columns separated by two spaces. */
export function renderTable(rows: Cell[][]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, visibleWidth(cell.text));
    });
  }
  return rows
    .map((row) =>
      row
        .map((cell, i) => {
          const styled = cell.style ? cell.style(cell.text) : cell.text;
          return pad(styled, cell.text, widths[i] ?? 0, cell.align ?? 'left');
        })
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

// Pads the styled text by the width of its visible text, so colour codes take no column.
function pad(styled: string, text: string, width: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, width - visibleWidth(text)));
  return align === 'right' ? fill + styled : styled + fill;
}

// Counts code points, so `±` and arrows take one column each.
function visibleWidth(text: string): number {
  return [...text].length;
}
