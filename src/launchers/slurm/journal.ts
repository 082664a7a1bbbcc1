/**
 * `<armDir>/slurm-job.json`: the arm's job arrays, written before mlreg waits on them, so that
 * `--resume` (even after the submitting shell was lost) re-attaches instead of submitting again.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeJsonAtomic } from '../../store/atomic-write.js';

const JOURNAL_FILE = 'slurm-job.json';
export const JOURNAL_SCHEMA = 'mlreg.slurm-job/1';

export interface JournalSubmission {
  jobId: string;
  /** The cluster sbatch named, on multi-cluster setups. */
  cluster?: string;
  submittedAt: string;
  /** The `--array` value, e.g. `0-9%2`. */
  array: string;
  /** The seeds this array runs (task `i` runs the journal's `seeds[i]`). */
  seeds: number[];
  /**
   * Why it was submitted: the arm's first array, a resubmission (node failure), seeds a resumed
   * invocation still lacked, or seeds continuing in their run directories after preemption or
   * their time limit (launcher.slurm.requeue_on_timeout).
   */
  cause: 'initial' | 'retry' | 'preempted' | 'timeout' | 'resume';
}

export interface SlurmJobJournal {
  schema: typeof JOURNAL_SCHEMA;
  config: string;
  arm: string;
  plan: string;
  script: string;
  /** Array task index → seed, the same for every array of this arm. */
  seeds: number[];
  submissions: JournalSubmission[];
  /**
   * The array being submitted, written before sbatch runs: if sbatch's answer is lost (it timed
   * out, the controller failed after queueing it), mlreg looks for the array by its comment
   * (`token`) before it submits those seeds again.
   */
  pending?: PendingSubmission;
}

export interface PendingSubmission extends Omit<JournalSubmission, 'jobId' | 'cluster'> {
  /** The array's `--comment` (sbatch-args.ts submissionToken). */
  token: string;
}

/** Reads an arm's journal, or undefined when none was written (or it is unreadable). */
export async function readJournal(armDir: string): Promise<SlurmJobJournal | undefined> {
  let text: string;
  try {
    text = await readFile(join(armDir, JOURNAL_FILE), 'utf8');
  } catch {
    return undefined;
  }
  const value = JSON.parse(text) as Partial<SlurmJobJournal>;
  if (value.schema !== JOURNAL_SCHEMA || !Array.isArray(value.seeds) || !Array.isArray(value.submissions)) {
    throw new Error(`${join(armDir, JOURNAL_FILE)}: expected a ${JOURNAL_SCHEMA} record with seeds and submissions; received ${text.slice(0, 80)}`);
  }
  return value as SlurmJobJournal;
}

/** Replaces the arm's journal atomically. */
export function writeJournal(armDir: string, journal: SlurmJobJournal): Promise<void> {
  return writeJsonAtomic(join(armDir, JOURNAL_FILE), journal);
}

/** The array task index of a seed, adding the seed to the mapping when it is new. */
export function taskOfSeed(journal: SlurmJobJournal, seed: number): number {
  const index = journal.seeds.indexOf(seed);
  if (index >= 0) return index;
  journal.seeds.push(seed);
  return journal.seeds.length - 1;
}

/** The latest array that ran a seed, and how many arrays have run it. */
export function lastSubmissionOf(journal: SlurmJobJournal, seed: number): { submission: JournalSubmission; attempts: number } | undefined {
  const runs = journal.submissions.filter((submission) => submission.seeds.includes(seed));
  const last = runs.at(-1);
  return last ? { submission: last, attempts: runs.length } : undefined;
}
