/**
 * The records of an arm's runs, one JSON line per run as it ends, in `<armDir>/runs.jsonl`.
 * The runner is its only writer; `--resume`, `baseline promote` and people read it.
 *
 * One file appended per arm rather than a file per run: a run's record then costs one write to an
 * open file instead of creating a file, and file creation is the dearest system call of a short
 * run (ext4 without a journal, for one, scans past every inode freed in the last minutes before it
 * hands out a new one).
 *
 * A `kill -9` of mlreg can cut at most the last line short. A line that does not parse is
 * skipped, so that seed runs again; and a writer first ends a cut line with a newline, so the cut
 * never swallows the record written after it. A seed may have several lines (a cancelled run
 * that ran again): the last one is its record.
 */
import { closeSync, openSync, readSync, fstatSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunRecord } from '../model/run-record.js';

export const RECORDS_FILE = 'runs.jsonl';

/** The last record of each seed in the arm's journal; empty when there is none. */
export async function readRecordJournal(armDir: string): Promise<Map<number, RunRecord>> {
  const records = new Map<number, RunRecord>();
  let text: string;
  try {
    text = await readFile(join(armDir, RECORDS_FILE), 'utf8');
  } catch {
    return records;
  }
  for (const line of text.split('\n')) {
    const record = parseRecord(line);
    if (record) records.set(record.seed, record);
  }
  return records;
}

export interface RecordJournal {
  append(record: RunRecord): void;
  close(): void;
}

/** Opens the arm's journal for appending (the arm's directory must exist); the file is created on the first record. */
export function openRecordJournal(armDir: string): RecordJournal {
  const file = join(armDir, RECORDS_FILE);
  let fd: number | undefined;
  return {
    append(record) {
      // Synchronous: one small write to an open file, cheaper than a round trip through the thread pool.
      fd ??= openForAppend(file);
      writeSync(fd, `${JSON.stringify(record)}\n`);
    },
    close() {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}

function openForAppend(file: string): number {
  const fd = openSync(file, 'a+');
  const { size } = fstatSync(fd);
  if (size > 0) {
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    if (last[0] !== 0x0a) writeSync(fd, '\n');
  }
  return fd;
}

function parseRecord(line: string): RunRecord | undefined {
  if (line.trim() === '') return undefined;
  try {
    const record = JSON.parse(line) as RunRecord;
    return typeof record?.seed === 'number' && typeof record.status === 'string' ? record : undefined;
  } catch {
    return undefined;
  }
}
