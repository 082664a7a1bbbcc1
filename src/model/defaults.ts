/**
 * The statistical defaults every layer shares, in one place: the config schema, the comparison,
 * the sequential rule and the sample-size planning read them from here.
 */

/** Significance level of a metric's tests when the config sets none. */
export const DEFAULT_ALPHA = 0.05;

/** Suspicious results are rare by construction: the default false-alarm level per metric. */
export const SUSPICIOUS_LEVEL = 0.001;

/** Without a configured ROPE, differences under half a baseline sd count as practically equivalent. */
export const DEFAULT_ROPE_SD_FRACTION = 0.5;

/** Significance of the one-sided test that the candidate crashes more often than the baseline. */
export const FAILURE_RATE_ALPHA = 0.05;

/** An upper bound on the seeds count, so a typo (1e9) fails fast instead of allocating. */
export const MAX_SEEDS = 10_000;
