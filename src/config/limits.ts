/** Limits on config values that the command line applies too (kept apart from the schema, which loads zod). */

/** An upper bound on the seeds count, so a typo (1e9) fails fast instead of allocating. */
export const MAX_SEEDS = 10_000;
