export interface SubmittedJob {
  jobId: string;
  /** Present when the cluster is one of several (multi-cluster or federated setups). */
  cluster?: string;
}

/** Reads `sbatch --parsable` output: `123` or `123;cluster`. */
export function parseSbatchOutput(text: string): SubmittedJob {
  const line = text.trim().split('\n').pop() ?? '';
  const match = /^(\d+)(?:;(\S+))?$/.exec(line.trim());
  if (!match) throw new Error(`Expected sbatch --parsable to print 'jobid' or 'jobid;cluster'; received '${text.trim()}'`);
  return match[2] === undefined ? { jobId: match[1]! } : { jobId: match[1]!, cluster: match[2] };
}
