/** The arms of an invocation, as their directories and run documents name them. */
export const CANDIDATE_ARM = 'candidate';
export const BASELINE_ARM = 'baseline';
