/**
 * The forms in which a secret may show up in text: a webhook URL as given, re-serialised, without
 * its scheme, or only its token; a database URL's credentials without the rest of the URL.
 */

// Path segments of webhook URLs that name the service, not the secret.
const PUBLIC_SEGMENTS = new Set(['services', 'hooks', 'webhook', 'webhooks', 'triggers', 'workflows', 'api']);
/** Shorter parts of a secret are not hunted for on their own: they would match ordinary words. */
const MIN_PART_LENGTH = 6;
const MIN_PASSWORD_LENGTH = 4;

/**
 * Every form of a secret value: the value itself, and for a URL its re-serialised form, the URL
 * without its scheme, its path, its credentials, long path segments (webhook tokens) and long
 * query values, each percent-decoded too. The host alone is not secret: it says where a failure happened.
 */
export function secretForms(value: string): string[] {
  const forms = new Set<string>([value]);
  const url = parseUrl(value);
  if (url) {
    forms.add(url.href);
    forms.add(`${url.host}${url.pathname}${url.search}`);
    if (url.pathname.length > 1) forms.add(`${url.pathname}${url.search}`);
    addCredentials(forms, url);
    for (const segment of url.pathname.split('/')) if (segment.length >= MIN_PART_LENGTH && !PUBLIC_SEGMENTS.has(segment)) forms.add(segment);
    for (const part of url.searchParams.values()) if (part.length >= MIN_PART_LENGTH) forms.add(part);
  }
  return withDecoded(forms);
}

/**
 * The forms of the credentials in a URL such as `postgres://user:password@host/db` (the whole
 * URL, `user:password`, the password); none when it carries no password. The rest of such a URL
 * (host, database name) is not secret.
 */
export function credentialForms(value: string): string[] {
  const url = parseUrl(value);
  if (!url?.password) return [];
  const forms = new Set<string>([value, url.href]);
  addCredentials(forms, url);
  return withDecoded(forms);
}

function addCredentials(forms: Set<string>, url: URL): void {
  if (!url.username && !url.password) return;
  forms.add(`${url.username}:${url.password}`);
  if (url.password.length >= MIN_PASSWORD_LENGTH) forms.add(url.password);
}

function parseUrl(value: string): URL | undefined {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return undefined;
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

function withDecoded(forms: Set<string>): string[] {
  for (const form of [...forms]) {
    try {
      forms.add(decodeURIComponent(form));
    } catch {
      // Malformed escapes: the literal form is already covered.
    }
  }
  return [...forms].filter(Boolean);
}
