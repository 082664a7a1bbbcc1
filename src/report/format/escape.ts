/**
 * Escaping for each output language. Text in a document can come from a trainer's stderr,
 * so it may hold markup characters and terminal control sequences.
 */

// ANSI escape sequences (colours, cursor moves) as a trainer's stderr tail may carry them.
const ANSI_SEQUENCE = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b[@-_]/g;
// C0 controls except tab and newline, DEL and C1 controls.
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Removes terminal escape sequences and control characters, keeping tabs and newlines. */
export function stripControl(text: string): string {
  return text.replace(ANSI_SEQUENCE, '').replace(CONTROL_CHARACTER, '');
}

/** Escapes text for XML content and attribute values, dropping characters XML 1.0 cannot hold. */
export function escapeXml(text: string): string {
  return (
    stripControl(text)
      // With the u flag only lone surrogates match; paired ones form a valid code point.
      .replace(/[\ud800-\udfff\ufffe\uffff]/gu, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
      .replace(/\n/g, '&#10;')
      .replace(/\t/g, '&#9;')
  );
}

/** Escapes text for XML element content, where newlines may stay literal. */
export function escapeXmlText(text: string): string {
  return escapeXml(text).replace(/&#10;/g, '\n').replace(/&#9;/g, '\t');
}

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return stripControl(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Escapes text for one cell of a GitHub-flavoured Markdown table (one line, no pipes, no raw HTML). */
export function escapeMarkdownCell(text: string): string {
  return escapeMarkdownInline(text).replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

/** Escapes inline Markdown so that text from a config or trainer cannot become markup. */
export function escapeMarkdownInline(text: string): string {
  return stripControl(text)
    .replace(/\\/g, '\\\\')
    .replace(/([`*_[\]<>#~])/g, '\\$1')
    .replace(/&/g, '&amp;');
}
