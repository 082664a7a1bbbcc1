/** Removing a secret URL from text before it can reach a log, a terminal or a file. */

const REDACTED = '[redacted]';
// Path segments of webhook URLs that name the service, not the secret.
const PUBLIC_SEGMENTS = new Set(['services', 'hooks', 'webhook', 'webhooks', 'triggers', 'workflows']);

/**
 * Replaces every form in which `secretUrl` could appear in `text` (as given, parsed and
 * re-serialised, percent-decoded, without its scheme, its path) and each long path segment
 * (webhook tokens) with `[redacted]`. The host stays: it says where a failure happened.
 */
export function redactUrl(text: string, secretUrl: string): string {
  const forms = new Set<string>([secretUrl]);
  try {
    const url = new URL(secretUrl);
    forms.add(url.href);
    forms.add(`${url.host}${url.pathname}${url.search}`);
    if (url.pathname.length > 1) forms.add(`${url.pathname}${url.search}`);
    if (url.username || url.password) forms.add(`${url.username}:${url.password}`);
    // Webhook URLs carry their secret in path segments such as /services/T…/B…/<token>.
    for (const segment of url.pathname.split('/')) if (segment.length >= 6 && !PUBLIC_SEGMENTS.has(segment)) forms.add(segment);
    for (const value of url.searchParams.values()) if (value.length >= 6) forms.add(value);
  } catch {
    // Not a URL: only its literal text is redacted.
  }
  for (const form of [...forms]) {
    try {
      forms.add(decodeURIComponent(form));
    } catch {
      // Malformed escapes: the literal form is already covered.
    }
  }
  // Longest first, so a whole URL is replaced before its parts.
  let result = text;
  for (const form of [...forms].filter(Boolean).sort((a, b) => b.length - a.length)) {
    result = result.split(form).join(REDACTED);
  }
  return result;
}
