/** What each verdict means and what to do about it, in words the reader of a report needs. */
import type { DetailedComparison, MetricComparison, MetricVerdict, RopeUsed, VarianceVerdict } from '../model/comparison.js';
import { MAX_UNPAIRED_SHARE, MIN_PAIRS } from '../verdict/pairing.js';
import { ropeOf } from './derive.js';
import { formatNumber } from './format/numbers.js';
import type { BaselinePool, FingerprintChange, RunDocument } from '../model/run-document.js';

const VERDICT_ADVICE: Record<MetricVerdict, string> = {
  regression: 'The candidate is worse than the baseline distribution. Look for a bug introduced by the change, or justify the trade-off in the PR.',
  suspicious:
    'The candidate is far better than the baseline distribution, and no improvement was expected. An unexpected jump is most often a bug in how the metric is computed. If the improvement is real, record new baseline runs in the PR (`mlreg baseline record`) or rerun with `--expect-improvement`.',
  improvement: 'The candidate is better than the baseline. Consider recording it as the new baseline in this PR.',
  equivalent: 'The difference lies within the region of practical equivalence.',
  inconclusive: 'The runs cannot tell the arms apart yet. More seeds (or `--sequential`) would narrow it down.',
};

const VARIANCE_ADVICE: Record<VarianceVerdict, string> = {
  increased: 'The spread across seeds grew: results are less reproducible and more runs are needed to see differences.',
  reduced: 'The spread across seeds shrank: a win on its own, since fewer runs are needed to see differences.',
  unchanged: 'No significant change in the spread across seeds.',
};

/** What a metric verdict means and the next step for the reader. */
export function explainVerdict(verdict: MetricVerdict): string {
  return VERDICT_ADVICE[verdict];
}

/** What a variance verdict means for the reader. */
export function explainVariance(verdict: VarianceVerdict): string {
  return VARIANCE_ADVICE[verdict];
}

/** A variance or failed-run verdict in words: `unchanged` only means the test found nothing significant. */
export function describeChange(verdict: VarianceVerdict | 'regression'): string {
  return verdict === 'unchanged' ? 'no significant change' : verdict;
}

/** A ROPE half-width with where it came from: "±0.05", "±0.0123 (½ baseline sd)". */
export function formatRope(rope: RopeUsed): string {
  const width = `±${formatNumber(rope.halfWidth, 3)}`;
  return rope.source === 'default' ? `${width} (½ baseline sd)` : rope.source === 'relative' ? `${width} (share of the baseline mean)` : width;
}

/**
 * What P(better) means, with the ROPE of every metric: the same definition in every reporter and
 * in the JSON (`tests.bayes.probBetter`, with `tests.bayes.rope`).
 */
export function probBetterNote(comparisons: readonly MetricComparison[]): string {
  const ropes = comparisons.flatMap((c) => {
    const rope = ropeOf(c);
    return rope ? [`${c.metric} ${formatRope(rope)}`] : [];
  });
  const base = "P(better): posterior probability that the candidate's mean is better than the baseline's by more than the ROPE";
  return ropes.length > 0 ? `${base} (${ropes.join(', ')})` : base;
}

/** "P(better by more than ±0.05)": P(better) labelled with its ROPE, for a single comparison. */
export function probBetterLabel(comparison: MetricComparison): string {
  const rope = ropeOf(comparison);
  return rope ? `P(better by more than ${formatRope(rope)})` : 'P(better)';
}

/** Why the history chart starts where it does: the config changed what it trains. */
export function explainFingerprintChange(change: FingerprintChange): string {
  return `the config's fingerprint changed (${change.previous.slice(0, 12)} → ${change.current.slice(0, 12)}) at ${change.at}: its history series starts there, and change points are looked for only since; the earlier results are a series of their own (mlreg history).`;
}

/** Where a pooled baseline's samples came from: how many from the file, how many from the history and when. */
export function explainBaselinePool(pool: BaselinePool, baselineFile: string | undefined): string {
  const file = baselineFile ?? 'the baseline file';
  const counts = (of: Record<string, number>) => {
    const distinct = [...new Set(Object.values(of))];
    return distinct.length <= 1
      ? String(distinct[0] ?? 0)
      : Object.entries(of)
          .map(([metric, n]) => `${n} (${metric})`)
          .join(', ');
  };
  const since = pool.changePointAt ? `, since the change point of ${pool.changePointAt}` : '';
  if (pool.skipped === 'changed-after-baseline') {
    return `nothing pooled from the history: HEAD's series changed at ${pool.changePointAt}, after ${file} was recorded; record the baseline again`;
  }
  if (pool.runs === 0) return `${counts(pool.fileSamples)} samples from ${file}; no earlier runs of HEAD in the history to pool${since}`;
  return `${counts(pool.fileSamples)} samples from ${file} + ${counts(pool.historySamples)} from the history (${pool.runs} runs of ${pool.invocations} invocations, ${pool.firstAt} – ${pool.lastAt}${since})`;
}

/**
 * How one comparison used the runs' seeds, in words; undefined when no seeds were known.
 * `sameConfig`: the candidate is the baseline's own config (HEAD against itself).
 */
export function describePairing(comparison: Pick<DetailedComparison, 'pairing'>, sameConfig: boolean): string | undefined {
  const pairing = comparison.pairing;
  if (!pairing) return undefined;
  if (pairing.paired && pairing.identical) {
    return sameConfig
      ? `identical on all ${pairing.pairs} seeds: training is deterministic per seed, so this run cannot measure nondeterminism`
      : `identical on all ${pairing.pairs} seeds: the change does not alter training`;
  }
  const leftOver = [
    pairing.unpairedBaseline > 0 ? `${pairing.unpairedBaseline} baseline` : '',
    pairing.unpairedCandidate > 0 ? `${pairing.unpairedCandidate} candidate` : '',
  ].filter(Boolean);
  const without = leftOver.length > 0 ? `${leftOver.join(' and ')} run${pairing.unpairedBaseline + pairing.unpairedCandidate === 1 ? '' : 's'} without a partner` : '';
  if (pairing.paired) return `paired by seed (${pairing.pairs} pairs${without ? `; ${without}, left out` : ''})`;
  if (pairing.reason === 'too-few-pairs') {
    return `compared as independent samples: ${pairing.pairs} runs share a seed, and a paired test needs ${pairing.minimumPairs ?? MIN_PAIRS} to be able to fail the gate`;
  }
  return `compared as independent samples: ${without} of the same seed (pairing leaves out at most ${MAX_UNPAIRED_SHARE * 100}% of an arm)`;
}

/**
 * The pairing of a run's comparisons as report lines: one line when every metric was paired alike,
 * else one per metric ("fid: paired by seed (20 pairs)"); none without seeds.
 */
export function pairingLines(doc: Pick<RunDocument, 'comparisons' | 'baseline' | 'candidate'>): string[] {
  const sameConfig = doc.baseline.fingerprint !== '' && doc.baseline.fingerprint === doc.candidate.fingerprint;
  const described = doc.comparisons.flatMap((c) => {
    const text = describePairing(c, sameConfig);
    return text ? [{ metric: c.metric, text }] : [];
  });
  if (described.length === 0) return [];
  const distinct = new Set(described.map((d) => d.text));
  if (distinct.size === 1 && described.length === doc.comparisons.length) return [described[0]!.text];
  return described.map((d) => `${d.metric}: ${d.text}`);
}
