/**
 * Live metrics of runs on a cluster. The worker on the compute node (`mlreg internal run-seed`)
 * prints every point its trainer streams as an `MLREG_METRIC` line to its task's log, whatever
 * the adapter; at each poll the submitting mlreg reads the lines added since its last look and
 * reports their points as progress, as the local launcher does the moment they arrive.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { MetricPoint } from '../../trainers/types.js';
import { collectTrainerOutput, lineSplitter } from '../../trainers/command/output.js';

/** The most a look reads: a task that printed more since the last one has its older lines skipped. */
const MOST_READ_BYTES = 1 << 20;

export interface TaskProgress {
  /** Reads what the log gained since the last look and reports its points. */
  look(): void;
}

/** Follows the task log `file` (it may not exist yet), reporting each streamed point to `onPoint`. */
export function followTaskProgress(file: string, onPoint: (point: MetricPoint) => void): TaskProgress {
  const output = collectTrainerOutput(onPoint);
  const noLog = { write: () => undefined };
  let offset = 0;
  let decoder = new StringDecoder('utf8');
  let lines = lineSplitter(noLog, output.onStdoutLine);
  const restartAt = (position: number) => {
    offset = position;
    decoder = new StringDecoder('utf8');
    lines = lineSplitter(noLog, output.onStdoutLine);
  };
  return {
    look() {
      let fd: number;
      try {
        fd = openSync(file, 'r');
      } catch {
        return; // not written yet
      }
      try {
        const { size } = fstatSync(fd);
        if (size < offset) restartAt(0); // a new attempt rewrote the log
        if (size - offset > MOST_READ_BYTES) restartAt(size - MOST_READ_BYTES);
        const buffer = Buffer.alloc(size - offset);
        const read = buffer.length > 0 ? readSync(fd, buffer, 0, buffer.length, offset) : 0;
        offset += read;
        lines.push(decoder.write(buffer.subarray(0, read)));
      } finally {
        closeSync(fd);
      }
    },
  };
}

/** The `MLREG_METRIC` line a worker prints for a point its trainer streamed. */
export function progressLine(point: MetricPoint): string {
  return `MLREG_METRIC ${JSON.stringify({ step: point.step, ...point.values })}\n`;
}
