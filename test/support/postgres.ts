/**
 * The PostgreSQL server of the shared-history tests: scripts/postgres-dev.sh start runs one on
 * 127.0.0.1 and keeps its URL in a file. Tests skip when it does not answer, unless
 * MLREG_POSTGRES_TESTS=required (CI), where that is a failure. Each test file gets databases of
 * its own, dropped at the end. The URL is a secret: tests never print it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll } from 'vitest';

export const postgresRequired = process.env.MLREG_POSTGRES_TESTS === 'required';

function serverUrl(): string | undefined {
  if (process.env.MLREG_TEST_DATABASE_URL) return process.env.MLREG_TEST_DATABASE_URL;
  const candidates = [
    process.env.MLREG_TEST_DATABASE_URL_FILE,
    process.env.MLREG_POSTGRES_DIR && join(process.env.MLREG_POSTGRES_DIR, 'url'),
    '/var/lib/mlreg-postgres-dev/url',
    join(homedir(), '.mlreg-postgres-dev', 'url'),
  ];
  for (const file of candidates) {
    if (!file || !existsSync(file)) continue;
    try {
      return readFileSync(file, 'utf8').trim();
    } catch {
      // unreadable for this user: try the next place
    }
  }
  return undefined;
}

async function answers(url: string | undefined): Promise<boolean> {
  if (!url) return false;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const url = serverUrl();
export const postgresAnswers = await answers(url);

const created: string[] = [];
afterAll(async () => {
  if (created.length === 0 || !url) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const name of created) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
});

let counter = 0;

/** A new, empty database on the test server; returns its URL. */
export async function createTestDatabase(): Promise<string> {
  if (!url) throw new Error('no PostgreSQL test server: run scripts/postgres-dev.sh start');
  const name = `mlreg_test_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  created.push(name);
  const database = new URL(url);
  database.pathname = `/${name}`;
  return database.toString();
}
