/**
 * A trainer's log file, created on its first write: a trainer that says nothing costs no file.
 *
 * Output is held in memory for up to a second (or 64 KB) before the file is opened: most short
 * runs end within that time and their log is then written with one synchronous call at close.
 * That is cheaper than a write stream's open, write and close round trips through libuv's thread
 * pool, which on the runner benchmark (`npm run bench:runner`, hundreds of short runs) cost a
 * noticeable share of mlreg's time; the call blocks for a few microseconds on a local disk. A long
 * run's log lags its output by at most the second, then streams as usual.
 *
 * A log may be capped (`limitBytes`): it then keeps the first half of the limit as it arrives and
 * the last half in memory until the end, with a line between them that says how much was cut.
 * A trainer that prints gigabytes (a progress bar redrawn for hours) costs a bounded file.
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
  /** Most bytes the file keeps: the first and last halves, with a marker of what was cut between. Default: no limit. */
  limitBytes?: number;
}

const HOLD_MS = 1000;
const encoder = new TextEncoder();
const HOLD_CHARS = 64 * 1024;

/** A log at `path`, written when the first output has waited long enough or at close. */
export function lazyLog(path: string, options: LazyLogOptions = {}): LazyLog {
  const file = uncappedLog(path, options);
  return options.limitBytes === undefined ? file : cappedLog(file, options.limitBytes);
}

/** Keeps the first half of `limitBytes` and the last half of what is written to `log`, with a marker between them. */
function cappedLog(log: LazyLog, limitBytes: number): LazyLog {
  const headLimit = Math.floor(limitBytes / 2);
  const tailLimit = limitBytes - headLimit;
  let headBytes = 0;
  let headFull = false;
  const tail: Array<{ text: string; bytes: number }> = [];
  let tailBytes = 0;
  let cutBytes = 0;
  return {
    write(text) {
      let rest = text;
      if (!headFull) {
        const { read, written } = encoder.encodeInto(text, new Uint8Array(Math.min(headLimit - headBytes, text.length * 3)));
        log.write(text.slice(0, read));
        headBytes += written;
        // A character that does not fit whole ends the head.
        if (read < text.length || headBytes >= headLimit) headFull = true;
        rest = text.slice(read);
      }
      if (rest.length === 0) return;
      const bytes = Buffer.byteLength(rest);
      tail.push({ text: rest, bytes });
      tailBytes += bytes;
      while (tail.length > 1 && tailBytes - tail[0]!.bytes >= tailLimit) {
        const dropped = tail.shift()!;
        tailBytes -= dropped.bytes;
        cutBytes += dropped.bytes;
      }
    },
    async close() {
      if (tailBytes > tailLimit) {
        const first = tail[0]!;
        const text = dropLeadingBytes(first.text, tailBytes - tailLimit);
        const bytes = Buffer.byteLength(text);
        cutBytes += first.bytes - bytes;
        tailBytes -= first.bytes - bytes;
        tail[0] = { text, bytes };
      }
      if (cutBytes > 0) log.write(cutMarker(cutBytes, headBytes, tailBytes));
      for (const piece of tail) log.write(piece.text);
      await log.close();
    },
  };
}

/** `text` without its first `count` UTF-8 bytes, and without the rest of a character they split. */
function dropLeadingBytes(text: string, count: number): string {
  const bytes = Buffer.from(text, 'utf8');
  let start = count;
  while (start < bytes.length && (bytes[start]! & 0xc0) === 0x80) start++;
  return bytes.subarray(start).toString('utf8');
}

/** The line a capped log carries where output was cut. */
function cutMarker(cutBytes: number, headBytes: number, tailBytes: number): string {
  const count = (bytes: number) => bytes.toLocaleString('en-US');
  return `\n[mlreg: ${count(cutBytes)} bytes of output cut here (runner.log_limit_mb); the log keeps the first ${count(headBytes)} and the last ${count(tailBytes)} bytes]\n`;
}

function uncappedLog(path: string, options: LazyLogOptions): LazyLog {
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
