/**
 * simple-statistics and jstat against the SciPy goldens, beside mlreg's hand-written functions:
 * for each function, the worst error of each over the goldens that cover it, and how long each
 * takes on a typical input. test/stats/libraries.test.ts asserts the choice each makes;
 * `npm run bench:libraries` prints the table.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import jStat from 'jstat';
import * as ss from 'simple-statistics';
import { meanAndSd, medianOfSorted, quantileOfSorted } from '../../src/stats/describe.js';
import { chiSquareQuantile } from '../../src/stats/distributions/chi-square.js';
import { fSf } from '../../src/stats/distributions/f.js';
import { logGamma, regularizedGammaP } from '../../src/stats/distributions/gamma.js';
import { normalCdf, normalQuantile } from '../../src/stats/distributions/normal.js';
import { regularizedBeta } from '../../src/stats/distributions/beta.js';
import { studentTQuantile, studentTTwoSided } from '../../src/stats/distributions/student-t.js';
import { rankWithTies } from '../../src/stats/ranks.js';
import { sampleShape } from '../../src/stats/shape.js';

const goldens = JSON.parse(readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/goldens/scipy-goldens.json'), 'utf8'));

interface Descriptive {
  name: string;
  values: number[];
  mean: number;
  sd: number;
  median: number;
  quantiles: Record<string, number>;
  ranks: number[];
  skewness: number;
  excessKurtosis: number;
}
const arms = goldens.descriptive as Descriptive[];
const d = goldens.distributions;
const special = goldens.specialFunctions;

/**
 * One golden value and how far a function may be from it: `statistic`, 1e-9 relative, and
 * `pValue`, 1e-6 relative or 1e-12 absolute below 1e-6 (test/fixtures/reference/README.md); or the
 * relative bound test/stats/scipy-goldens.test.ts states for a distribution function, tighter because
 * its errors compound (tails inverted by Newton steps, p-values multiplied by Holm).
 */
interface Golden {
  expected: number;
  kind: 'statistic' | 'pValue' | { relative: number };
}

/** How many tolerances `actual` is from the golden (≤ 1 meets it); NaN or an infinity that is not expected counts as Infinity. */
function toleranceMultiples(actual: number, { expected, kind }: Golden): number {
  if (actual === expected) return 0;
  if (!Number.isFinite(actual)) return Infinity;
  const absolute = Math.abs(actual - expected);
  if (kind === 'pValue') return Math.abs(expected) < 1e-6 ? Math.min(absolute / 1e-12, absolute / (1e-6 * Math.abs(expected))) : absolute / (1e-6 * Math.abs(expected));
  const bound = kind === 'statistic' ? 1e-9 : kind.relative;
  // A golden of exactly 0 has no relative scale: the bound is then absolute.
  return expected === 0 ? absolute / bound : absolute / (bound * Math.abs(expected));
}

/** Relative error, for the printed table. */
function relativeError(actual: number, expected: number): number {
  if (actual === expected) return 0;
  if (!Number.isFinite(actual)) return Infinity;
  return expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
}

export interface LibraryCheck {
  /** mlreg's function. */
  ours: string;
  /** The library function it is checked against. */
  library: string;
  /** Golden values: each case evaluates both implementations. */
  cases: Array<{ golden: Golden; ours: () => number; library: () => number }>;
  /** A typical call of each, for the speed ratio. */
  timing: { ours: () => unknown; library: () => unknown };
}

const safely = (f: () => number): number => {
  try {
    return f();
  } catch {
    return NaN;
  }
};
const sortedOf = (values: number[]): number[] => [...values].sort((a, b) => a - b);
const timingSample = Array.from({ length: 1000 }, (_, i) => 30 + Math.sin(i * 12.9898) * 3);
const timingSorted = sortedOf(timingSample);

function armCases(
  kind: Golden['kind'],
  expected: (arm: Descriptive) => number[],
  ours: (arm: Descriptive) => number[],
  library: (arm: Descriptive) => number[],
): LibraryCheck['cases'] {
  return arms.flatMap((arm) => {
    const e = expected(arm);
    const o = ours(arm);
    let l: number[];
    try {
      l = library(arm);
    } catch {
      l = e.map(() => NaN);
    }
    return e.map((value, k) => ({ golden: { expected: value, kind }, ours: () => o[k]!, library: () => l[k] ?? NaN }));
  });
}

const quantileLevels = ['0.1', '0.25', '0.75', '0.9'];

export const libraryChecks: LibraryCheck[] = [
  {
    ours: 'meanAndSd (mean)',
    library: 'simple-statistics mean',
    cases: armCases(
      'statistic',
      (a) => [a.mean],
      (a) => [meanAndSd(a.values).mean],
      (a) => [ss.mean(a.values)],
    ),
    timing: { ours: () => meanAndSd(timingSample).mean, library: () => ss.mean(timingSample) },
  },
  {
    ours: 'meanAndSd (sd)',
    library: 'simple-statistics sampleStandardDeviation',
    cases: armCases(
      'statistic',
      (a) => [a.sd],
      (a) => [meanAndSd(a.values).sd],
      (a) => [ss.sampleStandardDeviation(a.values)],
    ),
    timing: { ours: () => meanAndSd(timingSample).sd, library: () => ss.sampleStandardDeviation(timingSample) },
  },
  {
    ours: 'medianOfSorted',
    library: 'simple-statistics medianSorted',
    cases: armCases(
      'statistic',
      (a) => [a.median],
      (a) => [medianOfSorted(sortedOf(a.values))],
      (a) => [ss.medianSorted(sortedOf(a.values))],
    ),
    timing: { ours: () => medianOfSorted(timingSorted), library: () => ss.medianSorted(timingSorted) },
  },
  {
    ours: 'quantileOfSorted (type 7)',
    library: 'simple-statistics quantileSorted',
    cases: armCases(
      'statistic',
      (a) => quantileLevels.map((p) => a.quantiles[p]!),
      (a) => quantileLevels.map((p) => quantileOfSorted(sortedOf(a.values), Number(p))),
      (a) => quantileLevels.map((p) => ss.quantileSorted(sortedOf(a.values), Number(p))),
    ),
    timing: { ours: () => quantileOfSorted(timingSorted, 0.25), library: () => ss.quantileSorted(timingSorted, 0.25) },
  },
  {
    ours: 'rankWithTies',
    library: 'jstat rank (simple-statistics has none)',
    cases: armCases(
      'statistic',
      (a) => a.ranks,
      (a) => Array.from(rankWithTies(a.values).ranks),
      (a) => jStat.rank(a.values),
    ),
    timing: { ours: () => rankWithTies(timingSample), library: () => jStat.rank(timingSample) },
  },
  {
    ours: 'sampleShape (skewness, bias=True)',
    library: 'simple-statistics sampleSkewness',
    cases: armCases(
      'statistic',
      (a) => [a.skewness],
      (a) => [sampleShape(a.values).skewness],
      (a) => [ss.sampleSkewness(a.values)],
    ),
    timing: { ours: () => sampleShape(timingSample), library: () => ss.sampleSkewness(timingSample) },
  },
  {
    ours: 'sampleShape (excess kurtosis, bias=True)',
    library: 'simple-statistics sampleKurtosis',
    cases: armCases(
      'statistic',
      (a) => [a.excessKurtosis],
      (a) => [sampleShape(a.values).excessKurtosis],
      (a) => [ss.sampleKurtosis(a.values)],
    ),
    timing: { ours: () => sampleShape(timingSample), library: () => ss.sampleKurtosis(timingSample) },
  },
  {
    ours: 'logGamma',
    library: 'simple-statistics gammaln',
    cases: (special.logGamma as { x: number; value: number }[]).map((c) => ({
      golden: { expected: c.value, kind: { relative: 1e-13 } },
      ours: () => logGamma(c.x),
      library: () => ss.gammaln(c.x),
    })),
    timing: { ours: () => logGamma(7.3), library: () => ss.gammaln(7.3) },
  },
  {
    ours: 'logGamma',
    library: 'jstat gammaln',
    cases: (special.logGamma as { x: number; value: number }[]).map((c) => ({
      golden: { expected: c.value, kind: { relative: 1e-13 } },
      ours: () => logGamma(c.x),
      library: () => jStat.gammaln(c.x),
    })),
    timing: { ours: () => logGamma(7.3), library: () => jStat.gammaln(7.3) },
  },
  {
    ours: 'regularizedGammaP',
    library: 'jstat lowRegGamma',
    cases: (special.regularizedGammaP as { a: number; x: number; value: number }[]).map((c) => ({
      golden: { expected: c.value, kind: { relative: 1e-12 } },
      ours: () => regularizedGammaP(c.a, c.x),
      library: () => jStat.lowRegGamma(c.a, c.x),
    })),
    timing: { ours: () => regularizedGammaP(10, 6), library: () => jStat.lowRegGamma(10, 6) },
  },
  {
    ours: 'normalCdf',
    library: 'jstat normal.cdf',
    cases: (d.normalCdf as { z: number; value: number }[]).map((c) => ({
      golden: { expected: c.value, kind: { relative: 1e-13 } },
      ours: () => normalCdf(c.z),
      library: () => jStat.normal.cdf(c.z, 0, 1),
    })),
    timing: { ours: () => normalCdf(-2.1), library: () => jStat.normal.cdf(-2.1, 0, 1) },
  },
  {
    ours: 'normalCdf',
    library: 'simple-statistics cumulativeStdNormalProbability',
    cases: (d.normalCdf as { z: number; value: number }[]).map((c) => ({
      golden: { expected: c.value, kind: { relative: 1e-13 } },
      ours: () => normalCdf(c.z),
      library: () => ss.cumulativeStdNormalProbability(c.z),
    })),
    timing: { ours: () => normalCdf(-2.1), library: () => ss.cumulativeStdNormalProbability(-2.1) },
  },
  {
    ours: 'normalQuantile',
    library: 'jstat normal.inv',
    cases: (d.normalQuantile as { p: number; z: number }[]).map((c) => ({
      golden: { expected: c.z, kind: { relative: 1e-13 } },
      ours: () => normalQuantile(c.p),
      library: () => jStat.normal.inv(c.p, 0, 1),
    })),
    timing: { ours: () => normalQuantile(0.025), library: () => jStat.normal.inv(0.025, 0, 1) },
  },
  {
    ours: 'normalQuantile',
    library: 'simple-statistics probit',
    cases: (d.normalQuantile as { p: number; z: number }[]).map((c) => ({
      golden: { expected: c.z, kind: { relative: 1e-13 } },
      ours: () => normalQuantile(c.p),
      library: () => ss.probit(c.p),
    })),
    timing: { ours: () => normalQuantile(0.025), library: () => ss.probit(0.025) },
  },
  {
    ours: 'studentTTwoSided',
    library: 'jstat studentt.cdf',
    cases: (d.studentTTwoSided as { t: number; df: number; p: number }[]).map((c) => ({
      golden: { expected: c.p, kind: { relative: 1e-12 } },
      ours: () => studentTTwoSided(c.t, c.df),
      library: () => 2 * jStat.studentt.cdf(-Math.abs(c.t), c.df),
    })),
    timing: { ours: () => studentTTwoSided(2.3, 17.5), library: () => 2 * jStat.studentt.cdf(-2.3, 17.5) },
  },
  {
    ours: 'studentTQuantile',
    library: 'jstat studentt.inv',
    cases: [...d.studentTQuantile, ...special.studentTQuantileGrid].map((c: { p: number; df: number; t: number }) => ({
      golden: { expected: c.t, kind: { relative: 1e-10 } },
      ours: () => studentTQuantile(c.p, c.df),
      library: () => jStat.studentt.inv(c.p, c.df),
    })),
    timing: { ours: () => studentTQuantile(0.975, 17.5), library: () => jStat.studentt.inv(0.975, 17.5) },
  },
  {
    ours: 'regularizedBeta',
    library: 'jstat ibeta',
    cases: (d.regularizedBeta as { x: number; a: number; b: number; value: number }[]).map((c) => ({
      golden: { expected: c.value, kind: { relative: 1e-11 } },
      ours: () => regularizedBeta(c.x, c.a, c.b),
      library: () => jStat.ibeta(c.x, c.a, c.b),
    })),
    timing: { ours: () => regularizedBeta(0.3, 2.5, 7), library: () => jStat.ibeta(0.3, 2.5, 7) },
  },
  {
    ours: 'fSf',
    library: 'jstat centralF.cdf',
    cases: (d.fSf as { f: number; d1: number; d2: number; value: number }[]).map((c) => ({
      golden: { expected: c.value, kind: { relative: 1e-12 } },
      ours: () => fSf(c.f, c.d1, c.d2),
      library: () => 1 - jStat.centralF.cdf(c.f, c.d1, c.d2),
    })),
    timing: { ours: () => fSf(5, 9, 9), library: () => 1 - jStat.centralF.cdf(5, 9, 9) },
  },
  {
    ours: 'chiSquareQuantile',
    library: 'jstat chisquare.inv',
    cases: [...d.chiSquareQuantile, ...special.chiSquareQuantileGrid].map((c: { p: number; k: number; x: number }) => ({
      golden: { expected: c.x, kind: { relative: 1e-10 } },
      ours: () => chiSquareQuantile(c.p, c.k),
      library: () => jStat.chisquare.inv(c.p, c.k),
    })),
    timing: { ours: () => chiSquareQuantile(0.2, 9), library: () => jStat.chisquare.inv(0.2, 9) },
  },
];

export interface CheckResult {
  check: LibraryCheck;
  /** Worst tolerance multiple of each (≤ 1 meets every golden). */
  oursWorst: number;
  libraryWorst: number;
  /** Worst relative error of each. */
  oursError: number;
  libraryError: number;
}

/** Evaluates one check over its goldens. */
export function evaluateCheck(check: LibraryCheck): CheckResult {
  let oursWorst = 0;
  let libraryWorst = 0;
  let oursError = 0;
  let libraryError = 0;
  for (const c of check.cases) {
    const o = safely(c.ours);
    const l = safely(c.library);
    oursWorst = Math.max(oursWorst, toleranceMultiples(o, c.golden));
    libraryWorst = Math.max(libraryWorst, toleranceMultiples(l, c.golden));
    oursError = Math.max(oursError, relativeError(o, c.golden.expected));
    libraryError = Math.max(libraryError, relativeError(l, c.golden.expected));
  }
  return { check, oursWorst, libraryWorst, oursError, libraryError };
}
