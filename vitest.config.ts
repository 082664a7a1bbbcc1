import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Four projects, from fast to slow; `vitest run` (npm test) runs them all, `npm run test:<name>` one.
 *   unit         pure code: no child processes, worker threads, servers or built files (seconds)
 *   integration  one module against real parts: child processes, worker threads, SQLite files,
 *                an HTTP server on 127.0.0.1, the stand-in Slurm commands
 *   e2e          the built command line (bin/mlreg.js, so `npm run build` first) on fixture projects
 *   cluster      what needs a service of the machine: the Slurm dev cluster, PostgreSQL, Chromium
 *                (each skips when its service does not answer, unless CI marks it required)
 * A file belongs to the first project whose list names it; unit takes the rest.
 *
 * Vitest 4 runs files on one worker fewer than the machine has cores, which is one on CI's two:
 * the files ran one after another while most e2e and integration files wait on child processes.
 * One worker per core runs two at once there. The cluster files still run one at a time: they
 * share one single-node Slurm cluster and one PostgreSQL server.
 */
const cluster = ['test/e2e/slurm*.test.ts', 'test/launchers/slurm/cluster.test.ts', 'test/e2e/postgres.test.ts', 'test/report/html/html.test.ts', 'test/e2e/report-dir.test.ts'];

const e2e = ['test/e2e/**/*.test.ts', 'test/cli/bundle.test.ts'];

const integration = [
  'test/launchers/slurm/launcher.test.ts',
  'test/launchers/slurm/client.test.ts',
  'test/launchers/slurm/job-script.test.ts',
  'test/store/history.test.ts',
  'test/store/history-store.test.ts',
  'test/store/history-series.test.ts',
  'test/store/git.test.ts',
  'test/workflows/steps/baseline-pool.test.ts',
  'test/trainers/builtin/adapter*.test.ts',
  'test/trainers/module/adapter.test.ts',
  'test/trainers/command/adapter.test.ts',
  'test/trainers/command/process-tree.test.ts',
  'test/trainers/command/spawn.test.ts',
  'test/runner/owner.test.ts',
  'test/ci/ci-configs.test.ts',
  'test/notify/slack.test.ts',
  'test/workflows/steps/publish.test.ts',
];

export default defineConfig({
  test: {
    maxWorkers: availableParallelism(),
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [...cluster, ...e2e, ...integration] } },
      { extends: true, test: { name: 'integration', include: integration, exclude: cluster } },
      { extends: true, test: { name: 'e2e', include: e2e, exclude: cluster } },
      { extends: true, test: { name: 'cluster', include: cluster, maxWorkers: 1 } },
    ],
  },
});
