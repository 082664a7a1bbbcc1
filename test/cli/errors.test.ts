/** Exit codes and messages of errors: 1 is never one of them. */
import { describe, expect, it } from 'vitest';
import { describeError, exitCodeOf } from '../../src/cli/errors.js';
import { ConfigError } from '../../src/config/index.js';
import { InfrastructureError, InputError, InterruptedError, isInputError } from '../../src/errors.js';

describe('exitCodeOf', () => {
  it('maps bad input to 2 and everything else that is not an interruption to 3', () => {
    expect(exitCodeOf(new InputError('x'))).toBe(2);
    expect(exitCodeOf(new ConfigError('/c.yaml', []))).toBe(2);
    expect(exitCodeOf(new InfrastructureError('x'))).toBe(3);
    expect(exitCodeOf(new TypeError('x'))).toBe(3);
    expect(exitCodeOf('a string')).toBe(3);
  });

  it('ends an interrupted command with the code of the signal that stopped it', () => {
    expect(exitCodeOf(new InterruptedError('.mlreg/runs/x', 'SIGINT'))).toBe(130);
    expect(exitCodeOf(new InterruptedError('.mlreg/runs/x', 'SIGTERM'))).toBe(143);
    // Aborted without a signal's name (an API caller's own AbortController): as Ctrl-C.
    expect(exitCodeOf(new InterruptedError('.mlreg/runs/x', new Error('aborted')))).toBe(130);
  });

  it('counts a config error as bad input, by its class rather than its name', () => {
    expect(new ConfigError('/c.yaml', [])).toBeInstanceOf(InputError);
    expect(isInputError(new ConfigError('/c.yaml', []))).toBe(true);
    expect(isInputError(Object.assign(new Error('x'), { name: 'InputError' }))).toBe(false);
    expect(isInputError(new InfrastructureError('x'))).toBe(false);
  });
});

describe('describeError', () => {
  it('prints an expected error as its message', () => {
    expect(describeError(new InputError('bad.yaml: seeds: expected …'), false)).toBe('bad.yaml: seeds: expected …');
    expect(describeError(new InterruptedError('.mlreg/runs/x', 'SIGINT'), false)).toMatch(/^interrupted; finished runs are saved in \.mlreg\/runs\/x\./);
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
