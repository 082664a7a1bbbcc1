/**
 * A trainer's log file, created on its first write: a trainer that says nothing costs no file.
 *
 * Output is held in memory for up to a second (or 64 KB) before the file is opened: most short
 * runs end within that time and their log is then written with one synchronous call at close.
 * That is cheaper than a write stream's open, write and close round trips through libuv's thread
 * pool, which on the runner benchmark (`npm run bench:runner`, hundreds of short runs) cost a
 * noticeable share of mlreg's time; the call blocks for a few microseconds on a local disk. A long
 * run's log lags its output by at most the second, then streams as usual.
 */
import { createWriteStream, writeFileSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';

export interface LazyLog {
  write(text: string): void;
  close(): Promise<void>;
}

export interface LazyLogOptions {
  /** How long output may wait in memory before the file is opened (ms). */
  holdMs?: number;
  /** How much output may wait in memory before the file is opened (UTF-16 code units). */
  holdChars?: number;
}

const HOLD_MS = 1000;
const HOLD_CHARS = 64 * 1024;

/** A log at `path`, written when the first output has waited long enough or at close. */
export function lazyLog(path: string, options: LazyLogOptions = {}): LazyLog {
  const holdMs = options.holdMs ?? HOLD_MS;
  const holdChars = options.holdChars ?? HOLD_CHARS;
  let held: string[] = [];
  let heldChars = 0;
  let timer: NodeJS.Timeout | undefined;
  let stream: WriteStream | undefined;

  const openStream = () => {
    clearTimeout(timer);
    stream = createWriteStream(path);
    stream.write(held.join(''));
    held = [];
  };
  return {
    write(text) {
      if (stream) {
        stream.write(text);
        return;
      }
      held.push(text);
      heldChars += text.length;
      if (heldChars >= holdChars) openStream();
      else if (!timer) timer = setTimeout(openStream, holdMs).unref();
    },
    async close() {
      clearTimeout(timer);
      if (!stream) {
        if (held.length > 0) writeFileSync(path, held.join(''));
        held = [];
        return;
      }
      if (stream.closed) return;
      stream.end();
      await once(stream, 'close');
    },
  };
}
