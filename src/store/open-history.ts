/**
 * Which history store a process uses: PostgreSQL when `MLREG_DATABASE_URL` is set (a store the
 * team shares), else the project's SQLite file. A store that cannot be opened is an
 * infrastructure fault (exit 3) naming it — with the URL's password masked, never printed.
 */
import { existsSync } from 'node:fs';
import { InfrastructureError, InputError } from '../errors.js';
import type { HistoryStore } from './history-store.js';

const DATABASE_URL_VARIABLE = 'MLREG_DATABASE_URL';

/** The URL with its password (and any password-like query parameter) replaced by ***. */
export function maskDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    for (const key of [...parsed.searchParams.keys()]) if (/pass|secret|token|key/i.test(key)) parsed.searchParams.set(key, '***');
    return parsed.toString().replace('%2A%2A%2A', '***');
  } catch {
    return 'an unparsable URL';
  }
}

/** Where the history lives, for messages, without opening it. */
export function historyLocation(historyFile: string, env: NodeJS.ProcessEnv = process.env): string {
  const url = env[DATABASE_URL_VARIABLE];
  return url ? maskDatabaseUrl(url) : historyFile;
}

/** Whether there is a history to read: always with a database, else when the file exists. */
export function historyExists(historyFile: string, env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env[DATABASE_URL_VARIABLE]) || existsSync(historyFile);
}

/** Opens (and migrates) the history store this environment names. */
export async function openHistory(historyFile: string, env: NodeJS.ProcessEnv = process.env): Promise<HistoryStore> {
  const url = env[DATABASE_URL_VARIABLE];
  if (url) {
    const location = maskDatabaseUrl(url);
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new InputError(
        `${DATABASE_URL_VARIABLE}: expected a PostgreSQL URL (postgres://user:password@host:port/database), received ${location.startsWith('an unparsable') ? location : `a URL with scheme ${new URL(url).protocol}`}`,
      );
    }
    const { PostgresHistory } = await import('./history-postgres.js');
    try {
      return await PostgresHistory.open(url, location);
    } catch (error) {
      throw new InfrastructureError(`cannot use the run history ${location}: ${scrub((error as Error).message, url)}`, { cause: error });
    }
  }
  const { SqliteHistory } = await import('./history.js');
  return new SqliteHistory(historyFile);
}

/**
 * Opens (creating and migrating) the history store and closes it again: what a workflow does
 * before its first trainer starts, so that an unusable store fails before the training.
 */
export async function prepareHistory(historyFile: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  await (await openHistory(historyFile, env)).close();
}

// A driver's message could quote the URL or the password; neither may reach the terminal.
function scrub(message: string, url: string): string {
  let password = '';
  try {
    password = decodeURIComponent(new URL(url).password);
  } catch {
    // not parsable: nothing more to take out than the URL itself
  }
  let scrubbed = message.split(url).join(maskDatabaseUrl(url));
  if (password) scrubbed = scrubbed.split(password).join('***');
  return scrubbed;
}
