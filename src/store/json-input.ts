/**
 * Reading a JSON data file a user hands mlreg (`compare` inputs, baseline files) with bounds:
 * a size limit checked before the file is read, a nesting limit checked before `JSON.parse`
 * builds anything (a 500,000-deep array parses, but every recursive walk over it then overflows
 * the stack), and numbers too large for a double named by their literal rather than by the
 * `Infinity` that `JSON.parse` silently turns them into.
 */
import { readFile, stat } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { jsonSyntaxProblem } from '../json-syntax.js';

/** Largest data file read (bytes): far above any baseline of the 10,000-seed cap, far below memory trouble. */
const MAX_JSON_INPUT_BYTES = 100 * 1024 * 1024;
/** Deepest nesting of arrays and objects accepted; a baseline file needs five levels. */
const MAX_JSON_INPUT_DEPTH = 64;

export interface JsonInputLimits {
  maxBytes?: number;
  maxDepth?: number;
}

/** Reads and parses `file`; every problem is an InputError naming the file (and line where there is one). */
export async function readJsonInput(file: string, limits: JsonInputLimits = {}): Promise<unknown> {
  const maxBytes = limits.maxBytes ?? MAX_JSON_INPUT_BYTES;
  let text: string;
  try {
    const size = (await stat(file)).size;
    if (size > maxBytes) {
      throw new InputError(`${file}: expected a data file of at most ${formatBytes(maxBytes)}, received ${formatBytes(size)}`);
    }
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, {
      cause: error,
    });
  }
  return parseJsonInput(file, text, limits);
}

/** Parses JSON text read from `file` with the nesting and overflow checks of `readJsonInput`. */
function parseJsonInput(file: string, text: string, limits: JsonInputLimits = {}): unknown {
  scanJson(file, text, limits.maxDepth ?? MAX_JSON_INPUT_DEPTH);
  try {
    return JSON.parse(text);
  } catch (error) {
    // The message names where the JSON broke, never what the file holds (it may be the wrong file).
    throw new InputError(`${file}: expected JSON (an array of numbers, {metric: numbers} or a baseline file), but ${jsonSyntaxProblem(text, error)}`);
  }
}

/**
 * One linear pass over the text outside string literals: refuses nesting deeper than `maxDepth`
 * and a number literal that overflows a double. Syntax errors are left to `JSON.parse`.
 */
function scanJson(file: string, text: string, maxDepth: number): void {
  let depth = 0;
  let line = 1;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x22 /* " */) {
      index = endOfString(text, index);
    } else if (code === 0x5b /* [ */ || code === 0x7b /* { */) {
      depth++;
      if (depth > maxDepth) {
        throw new InputError(`${file}: line ${line}: expected arrays and objects nested at most ${maxDepth} deep, received deeper nesting`);
      }
    } else if (code === 0x5d /* ] */ || code === 0x7d /* } */) {
      depth--;
    } else if (code === 0x0a /* \n */) {
      line++;
    } else if (code === 0x2d /* - */ || (code >= 0x30 && code <= 0x39)) {
      const end = endOfNumber(text, index);
      const literal = text.slice(index, end);
      // Only a literal with an exponent or over 300 digits can exceed ±1.8e308.
      if ((literal.length > 300 || /[eE]/.test(literal)) && !Number.isFinite(Number(literal))) {
        throw new InputError(`${file}: line ${line}: expected a finite number, received ${clip(literal)}, which overflows a double (largest magnitude 1.8e308)`);
      }
      index = end - 1;
    }
  }
}

/** The index of the closing quote of the string literal that opens at `start` (or the text's end). */
function endOfString(text: string, start: number): number {
  for (let index = start + 1; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x5c /* \ */) index++;
    else if (code === 0x22) return index;
  }
  return text.length;
}

/** The index just past the number literal that starts at `start`. */
function endOfNumber(text: string, start: number): number {
  let index = start + 1;
  while (index < text.length && /[0-9eE.+-]/.test(text[index]!)) index++;
  return index;
}

function clip(literal: string): string {
  return literal.length > 40 ? `${literal.slice(0, 20)}…${literal.slice(-12)}` : literal;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB` : `${bytes} bytes`;
}
