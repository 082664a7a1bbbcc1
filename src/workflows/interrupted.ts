/** Thrown when a run was interrupted (SIGINT/SIGTERM): finished runs are saved, `--resume` continues. */
export class InterruptedError extends Error {
  override name = 'InterruptedError';
  constructor(readonly invocationDir: string) {
    super(`interrupted; finished runs are saved in ${invocationDir}. Run again with --resume to run only the missing seeds.`);
  }
}
