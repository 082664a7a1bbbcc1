/** Settings fields several plugins and the config share. */

/** The name of an environment variable (POSIX portable). */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
