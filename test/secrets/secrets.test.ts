import { describe, expect, it } from 'vitest';
import { isSecretName, SecretSet } from '../../src/secrets/index.js';
import { credentialForms } from '../../src/secrets/forms.js';
import { lineSplitter } from '../../src/trainers/command/output.js';

describe('isSecretName', () => {
  it('knows tokens, keys, secrets, passwords and webhooks by name', () => {
    for (const name of [
      'GITHUB_TOKEN',
      'NPM_TOKEN',
      'HF_TOKEN',
      'WANDB_API_KEY',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_ACCESS_KEY_ID',
      'PGPASSWORD',
      'DB_PASSWORD',
      'MLREG_SLACK_WEBHOOK_URL',
      'SLACK_WEBHOOK',
      'CLIENT_SECRET',
      'api_key',
    ]) {
      expect(isSecretName(name), name).toBe(true);
    }
  });

  it('leaves ordinary variables alone', () => {
    for (const name of ['PATH', 'HOME', 'PWD', 'MLREG_SEED', 'MLREG_METRICS_FILE', 'KEYBOARD_LAYOUT', 'MONKEY', 'DATABASE_URL', 'CI']) {
      expect(isSecretName(name), name).toBe(false);
    }
  });
});

describe('SecretSet', () => {
  const webhook = 'https://hooks.slack.com/services/T0AAA/B0BBB/abcDEF123secret';

  it('scrubs secret-named values and credentials in URLs, by value, whatever prints them', () => {
    const secrets = new SecretSet();
    secrets.addEnvironment({
      MLREG_SLACK_WEBHOOK_URL: webhook,
      WANDB_API_KEY: 'wandb-0123456789abcdef',
      DATABASE_URL: 'postgres://mlreg:s3cretpw@db.internal:5432/history',
      HOME: '/home/ci',
      FEATURE_TOKEN_ENABLED: '1',
    });
    const printed = [
      `MLREG_SLACK_WEBHOOK_URL=${webhook}`,
      'posting to hooks.slack.com/services/T0AAA/B0BBB/abcDEF123secret',
      'WANDB_API_KEY=wandb-0123456789abcdef',
      'DATABASE_URL=postgres://mlreg:s3cretpw@db.internal:5432/history',
      'password s3cretpw',
      'HOME=/home/ci FEATURE_TOKEN_ENABLED=1',
    ].join('\n');
    const scrubbed = secrets.scrub(printed);
    expect(scrubbed).not.toMatch(/abcDEF123secret|T0AAA|wandb-0123|s3cretpw/);
    expect(scrubbed).toContain('MLREG_SLACK_WEBHOOK_URL=[redacted]');
    expect(scrubbed).toContain('DATABASE_URL=[redacted]');
    // Not secrets: a home directory, a one-character switch.
    expect(scrubbed).toContain('HOME=/home/ci FEATURE_TOKEN_ENABLED=1');
  });

  it('scrubs the strings of data, keys included, and returns the same value when it knows no secret', () => {
    const secrets = new SecretSet();
    const doc = { runs: [{ reason: 'crashed', metrics: { loss: 1 } }] };
    expect(secrets.scrubDeep(doc)).toBe(doc);
    secrets.add('tok_ABCDEFGHIJ');
    expect(secrets.scrubDeep({ runs: [{ reason: 'env: tok_ABCDEFGHIJ', metrics: { tok_ABCDEFGHIJ: 1 }, n: 3, ok: true }] })).toEqual({
      runs: [{ reason: 'env: [redacted]', metrics: { '[redacted]': 1 }, n: 3, ok: true }],
    });
  });

  it('does not hunt for short values or URLs without a password', () => {
    const secrets = new SecretSet();
    secrets.add('abc');
    expect(secrets.size).toBe(0);
    expect(credentialForms('https://example.com/path')).toEqual([]);
  });

  it('scrubs trainer output line by line, also when a secret is split across chunks, in the log and in the lines', () => {
    const secrets = new SecretSet();
    secrets.add('tok_ABCDEFGHIJ');
    const lines: string[] = [];
    let logged = '';
    const split = lineSplitter({ write: (text: string) => (logged += text) }, (line) => lines.push(line), secrets);
    for (const chunk of ['KEY=tok_ABC', 'DEFGHIJ\r\nnext ', 'line tok_ABCDEFGHIJ']) split.push(chunk);
    split.end();
    expect(lines).toEqual(['KEY=[redacted]', 'next line [redacted]']);
    expect(logged).toBe('KEY=[redacted]\r\nnext line [redacted]');
  });
});
