import { describe, expect, it } from 'vitest';
import { redactUrl } from '../../src/notify/redact.js';

describe('redactUrl', () => {
  const url = 'https://hooks.slack.com/services/T0AAA/B0BBB/abcDEF123secret';

  it('removes the URL in every form it may take in an error message', () => {
    const text = [
      `POST ${url} failed`,
      'to hooks.slack.com/services/T0AAA/B0BBB/abcDEF123secret',
      'path /services/T0AAA/B0BBB/abcDEF123secret',
      'token abcDEF123secret',
      'getaddrinfo ENOTFOUND hooks.slack.com',
    ].join('\n');
    const redacted = redactUrl(text, url);
    expect(redacted).not.toMatch(/abcDEF123secret|T0AAA|B0BBB/);
    expect(redacted).toContain('POST [redacted] failed');
    // The host says where the failure happened and is not secret.
    expect(redacted).toContain('ENOTFOUND hooks.slack.com');
  });

  it('removes credentials and long query values', () => {
    const secret = 'https://user:pa55word@example.com/hook?key=verysecretkey';
    expect(redactUrl(`failed: user:pa55word verysecretkey`, secret)).toBe('failed: [redacted] [redacted]');
  });

  it('leaves text without the secret alone', () => {
    expect(redactUrl('connect ECONNREFUSED 127.0.0.1:9', url)).toBe('connect ECONNREFUSED 127.0.0.1:9');
  });
});
