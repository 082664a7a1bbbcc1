/** Exit codes and messages of errors: 1 is never one of them. */
import { describe, expect, it } from 'vitest';
import { describeError, exitCodeOf } from '../../src/cli/errors.js';
import { ConfigError } from '../../src/config/index.js';
import { InfrastructureError, InputError } from '../../src/errors.js';

describe('exitCodeOf', () => {
  it('maps bad input to 2 and everything else that is not an interruption to 3', () => {
    expect(exitCodeOf(new InputError('x'))).toBe(2);
    expect(exitCodeOf(new ConfigError('/c.yaml', []))).toBe(2);
    expect(exitCodeOf(new InfrastructureError('x'))).toBe(3);
    expect(exitCodeOf(new TypeError('x'))).toBe(3);
    expect(exitCodeOf('a string')).toBe(3);
  });
});

describe('describeError', () => {
  it('prints an expected error as its message', () => {
    expect(describeError(new InputError('bad.yaml: seeds: expected …'), false)).toBe('bad.yaml: seeds: expected …');
  });

  it('calls anything unexpected an internal error, with the hint or the stack', () => {
    const error = new TypeError("Cannot read properties of undefined (reading 'x')");
    expect(describeError(error, false)).toBe("internal error: Cannot read properties of undefined (reading 'x') (set MLREG_DEBUG=1 for details)");
    expect(describeError(error, true)).toMatch(/^internal error: TypeError: Cannot read properties .*\n\s+at /);
    expect(describeError('thrown string', false)).toBe('internal error: thrown string (set MLREG_DEBUG=1 for details)');
  });

  it('names a failed system call as itself, not as an internal error', () => {
    const error = Object.assign(new Error("EACCES: permission denied, mkdir '/ro/.mlreg'"), { code: 'EACCES', syscall: 'mkdir' });
    expect(describeError(error, false)).toBe("EACCES: permission denied, mkdir '/ro/.mlreg' (set MLREG_DEBUG=1 for details)");
  });
});
