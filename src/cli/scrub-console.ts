/**
 * The terminal never shows a secret: everything mlreg writes to stdout and stderr (reports,
 * progress, warnings, error messages, commander's usage errors) passes through the process's
 * secrets (src/secrets) first. One guard at the two streams, rather than a call at every write,
 * so that no later message can forget it.
 */
import { processSecrets } from '../secrets/index.js';

type Write = NodeJS.WriteStream['write'];

/** Scrubs text written to stdout and stderr from now on; writes pass through untouched while no secret is known. */
export function scrubConsole(): void {
  guard(process.stdout);
  guard(process.stderr);
}

function guard(stream: NodeJS.WriteStream): void {
  const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
  const secrets = processSecrets();
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (secrets.size > 0) {
      if (typeof chunk === 'string') chunk = secrets.scrub(chunk);
      else if (chunk instanceof Uint8Array) chunk = secrets.scrub(Buffer.from(chunk).toString('utf8'));
    }
    return write(chunk, ...rest);
  }) as Write;
}
