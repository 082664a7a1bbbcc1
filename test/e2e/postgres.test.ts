/**
 * A history the team shares: two checkouts run `mlreg run` at the same time against one
 * PostgreSQL database, a third reads the history back, and an SQLite history moves into it by
 * export/import. Needs the server of scripts/postgres-dev.sh (skipped without it, unless
 * MLREG_POSTGRES_TESTS=required). The database URL is a secret: no output may contain its password.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, postgresAnswers, postgresRequired } from '../support/postgres.js';
import { mlreg, testProject } from './harness.js';

interface HistoryJson {
  historyFile: string;
  series: Array<{ config: string; metric: string; points: Array<{ invocationId: number }> }>;
}

describe.runIf(postgresRequired && !postgresAnswers)('PostgreSQL required', () => {
  it('answers', () => {
    expect.fail('MLREG_POSTGRES_TESTS=required but the test server does not answer: run scripts/postgres-dev.sh start');
  });
});

describe.runIf(postgresAnswers)('mlreg with MLREG_DATABASE_URL (PostgreSQL)', () => {
  let url: string;
  let password: string;
  const outputs: string[] = [];
  const inShared = async (dir: string, args: string[]) => {
    const result = await mlreg(dir, args, { env: { MLREG_DATABASE_URL: url } });
    outputs.push(result.stdout, result.stderr);
    return result;
  };

  beforeAll(async () => {
    url = await createTestDatabase();
    password = decodeURIComponent(new URL(url).password);
  });

  it('takes the runs of two checkouts at once, and a third checkout reads them back', async () => {
    const [first, second, reader] = await Promise.all([1, 2, 3].map(() => testProject({}, { withExampleConfigs: true })));
    const run = (dir: string) => inShared(dir, ['run', '-c', 'configs/head.yaml', '--seeds', '3', '-q']);
    // Each checkout records its baseline, then both compare, twice, always at the same time.
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all([run(first!), run(second!)]);
      for (const result of results) expect(result.exitCode, result.stderr).toBeLessThanOrEqual(1);
    }
    const history = await inShared(reader!, ['history', '--runs', '--metric', 'loss', '--json']);
    expect(history.exitCode).toBe(0);
    const { historyFile, series } = JSON.parse(history.stdout) as HistoryJson;
    expect(historyFile).toMatch(/^postgres:\/\/mlreg:\*\*\*@127\.0\.0\.1:\d+\/mlreg_test_/);
    expect(series).toHaveLength(1);
    expect(series[0]!.points).toHaveLength(4);
    expect(new Set(series[0]!.points.map((p) => p.invocationId)).size).toBe(4);
  }, 240_000);

  it('imports an SQLite history exported from another checkout, once', async () => {
    const local = await testProject({}, { withExampleConfigs: true });
    for (let i = 0; i < 2; i++) expect((await mlreg(local, ['run', '-c', 'configs/ablations/wider.yaml', '--seeds', '3', '-q'])).exitCode).toBeLessThanOrEqual(1);
    const exported = await mlreg(local, ['history', 'export']);
    expect(exported.exitCode).toBe(0);
    const lines = exported.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    await writeFile(join(local, 'history.jsonl'), exported.stdout);

    const imported = await inShared(local, ['history', 'import', 'history.jsonl']);
    expect(imported.exitCode, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(new RegExp(`^imported ${lines.length} of ${lines.length} invocations into postgres://mlreg:\\*\\*\\*@`));
    const again = await inShared(local, ['history', 'import', 'history.jsonl']);
    expect(again.stdout).toMatch(new RegExp(`^imported 0 of ${lines.length} invocations .* \\(${lines.length} already there\\)`));

    const elsewhere = await testProject();
    const history = await inShared(elsewhere, ['history', '--config', 'wider', '--metric', 'loss', '--json']);
    const compared = lines.filter((line) => (JSON.parse(line) as { comparisons: unknown[] }).comparisons.length > 0).length;
    expect(compared).toBeGreaterThan(0);
    expect((JSON.parse(history.stdout) as HistoryJson).series[0]!.points).toHaveLength(compared);
  }, 120_000);

  it('is exit 3 naming the store, password masked, when the database does not answer', async () => {
    const dir = await testProject({}, { withExampleConfigs: true });
    const down = new URL(url);
    down.port = '9';
    const result = await mlreg(dir, ['history', '--runs'], { env: { MLREG_DATABASE_URL: down.toString() } });
    outputs.push(result.stdout, result.stderr);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toMatch(/cannot use the run history postgres:\/\/mlreg:\*\*\*@127\.0\.0\.1:9\/mlreg_test_\w+: /);
  });

  it('never prints the password', () => {
    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs) expect(output).not.toContain(password);
  });
});
