/** Removing a secret URL from text before it can reach a log, a terminal or a file. */
import { REDACTED } from '../secrets/index.js';
import { secretForms } from '../secrets/forms.js';

/**
 * Replaces every form in which `secretUrl` could appear in `text` (as given, parsed and
 * re-serialised, percent-decoded, without its scheme, its path) and each long path segment
 * (webhook tokens) with `[redacted]`. The host stays: it says where a failure happened.
 */
export function redactUrl(text: string, secretUrl: string): string {
  // Longest first, so a whole URL is replaced before its parts.
  let result = text;
  for (const form of secretForms(secretUrl).sort((a, b) => b.length - a.length)) result = result.split(form).join(REDACTED);
  return result;
}
