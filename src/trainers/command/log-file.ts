/** A log file that is created on its first write: a trainer that says nothing costs no file. */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

export interface LazyLog {
  write(text: string): void;
  close(): Promise<void>;
}

/** A log at `path`, opened when first written to. */
export function lazyLog(path: string): LazyLog {
  let stream: WriteStream | undefined;
  return {
    write(text) {
      stream ??= createWriteStream(path);
      stream.write(text);
    },
    async close() {
      if (!stream || stream.closed) return;
      stream.end();
      await once(stream, 'close');
    },
  };
}
