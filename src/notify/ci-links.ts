/** The CI build that produced a result, read from the CI's own environment variables. */

export interface CiLink {
  label: string;
  url: string;
}

/**
 * A link to the current CI build: CircleCI (`CIRCLE_BUILD_URL`), GitHub Actions
 * (`GITHUB_SERVER_URL`/`GITHUB_REPOSITORY`/actions/runs/`GITHUB_RUN_ID`) or Jenkins (`BUILD_URL`);
 * undefined outside CI.
 */
export function ciBuildLink(env: Readonly<Record<string, string | undefined>>): CiLink | undefined {
  if (env.CIRCLE_BUILD_URL) return { label: 'CircleCI build', url: env.CIRCLE_BUILD_URL };
  if (env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID) {
    return { label: 'GitHub Actions run', url: `${env.GITHUB_SERVER_URL.replace(/\/+$/, '')}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` };
  }
  if (env.BUILD_URL) return { label: 'CI build', url: env.BUILD_URL };
  return undefined;
}
