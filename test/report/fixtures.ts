/** Loads the RunDocument fixtures and builds a suite document from them. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BaselinePool, RunDocument } from '../../src/model/run-document.js';
import type { SuiteDocument } from '../../src/model/suite-document.js';

const DIR = fileURLToPath(new URL('../fixtures/documents/', import.meta.url));

/** A fixture document by file name (without `.json`), freshly parsed so tests may mutate it. */
export function loadDocument(name: 'softmax-bug' | 'wider-suspicious'): RunDocument {
  return JSON.parse(readFileSync(`${DIR}${name}.json`, 'utf8')) as RunDocument;
}

/**
 * A pooled baseline (`baseline.pool`): 10 samples per metric from the file, and three runs of each
 * of `invocations` nightly invocations up to 2026-11-30T02:00:00.000Z from the history.
 */
export function pooledBaseline(invocations: number, metrics: readonly string[] = ['fid', 'loss', 'accuracy']): BaselinePool {
  const runs = 3 * invocations;
  const perMetric = (count: number) => Object.fromEntries(metrics.map((metric) => [metric, count]));
  return {
    from: 'history',
    fileSamples: perMetric(10),
    historySamples: perMetric(runs),
    runs,
    invocations,
    firstAt: new Date(Date.UTC(2026, 10, 31 - invocations, 2)).toISOString(),
    lastAt: '2026-11-30T02:00:00.000Z',
    seeds: Array.from({ length: runs }, (_, run) => run % 3),
  };
}

/**
 * The document of a config's first run, when it had no baseline: its runs (the softmax-bug
 * fixture's candidate runs, one failed) recorded as its baseline, nothing compared.
 */
export function recordedDocument(): RunDocument {
  const { failureRate: _notCompared, ...doc } = loadDocument('softmax-bug');
  const arm = { ...doc.candidate, source: 'runs' as const, baselineFile: 'baselines/softmax-bug.json' };
  return {
    ...doc,
    config: { ...doc.config, diff: {} },
    baseline: arm,
    candidate: arm,
    runs: doc.runs.map((run) => ({ ...run, arm: 'baseline' })),
    comparisons: [],
    verdict: 'pass',
    exitCode: 0,
    reasons: [{ code: 'baseline-recorded', config: 'softmax-bug', baselineFile: 'baselines/softmax-bug.json', runs: 9 }],
  };
}

/** A nightly suite of both fixtures, adjusted with Holm across their 6 metric tests. */
export function suiteDocument(): SuiteDocument {
  const configs = [loadDocument('softmax-bug'), loadDocument('wider-suspicious')];
  const tests = configs.flatMap((doc) => doc.comparisons.map((c) => ({ config: doc.config.name, metric: c.metric, pValue: c.tests.welch.pValue })));
  return {
    kind: 'suite',
    mlregVersion: '0.1.0',
    createdAt: '2026-11-27T03:00:00.000Z',
    suite: { name: 'nightly', file: 'suites/nightly.yaml' },
    configs,
    adjustment: {
      method: 'holm',
      alpha: 0.05,
      family: tests.length,
      tests: tests.map((t) => ({ ...t, adjustedPValue: Math.min(1, t.pValue * tests.length), rejected: t.pValue * tests.length < 0.05 })),
    },
    verdict: 'fail',
    exitCode: 1,
    reasons: [
      { code: 'regression', config: 'softmax-bug', metric: 'fid' },
      { code: 'regression', config: 'softmax-bug', metric: 'loss' },
    ],
    links: [{ label: 'CI build', url: 'https://app.circleci.com/pipelines/github/latent/model/900' }],
  };
}

/**
 * A suite of `size` configs, all passing except the one at `failingIndex` (the softmax-bug
 * fixture, renamed `config-<index>-softmax-bug`), for reports that must scale: the passing ones are
 * the wider fixture with every comparison equivalent.
 */
export function largeSuiteDocument(size: number, failingIndex: number): SuiteDocument {
  const configs = Array.from({ length: size }, (_, index) => {
    if (index === failingIndex) {
      const failing = loadDocument('softmax-bug');
      failing.config.name = `config-${index}-softmax-bug`;
      return failing;
    }
    const passing = loadDocument('wider-suspicious');
    passing.config.name = `config-${index}-wider-with-a-longer-name`;
    passing.verdict = 'pass';
    passing.exitCode = 0;
    passing.reasons = [];
    for (const comparison of passing.comparisons) comparison.verdict = 'equivalent';
    return passing;
  });
  return { ...suiteDocument(), configs, reasons: [{ code: 'regression', config: `config-${failingIndex}-softmax-bug`, metric: 'fid' }] };
}
