/** Limits on config values that the command line applies too (kept apart from the schema, which loads zod). */

export { MAX_SEEDS } from '../model/defaults.js';
