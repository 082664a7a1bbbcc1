/**
 * mlreg's command line: parses arguments, runs a command, maps errors to the exit-code contract
 * of PRODUCT.md. The only module (with src/cli/*) that touches process.exit and the console.
 * Commands are registered here and load their implementation only when they run.
 */
import { Command, CommanderError } from 'commander';
import { MLREG_VERSION } from '../version.js';
import { registerRun } from './commands/run.js';
import { registerBaseline } from './commands/baseline.js';
import { registerCompare } from './commands/compare.js';
import { registerConfig } from './commands/config.js';
import { registerInternal } from './commands/internal.js';
import { registerSuite } from './commands/suite.js';
import { registerHistory } from './commands/history.js';
import { registerPower } from './commands/power.js';
import { registerInit } from './commands/init.js';
import { exitCodeOf, describeError } from './errors.js';
import { scrubConsole } from './scrub-console.js';

/** Builds the program with every command. */
export function buildProgram(): Command {
  const program = new Command('mlreg')
    .description('Statistical regression tests for ML training: N seeded runs of a config against a baseline distribution.')
    .version(MLREG_VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  registerRun(program);
  registerBaseline(program);
  registerCompare(program);
  registerConfig(program);
  registerSuite(program);
  registerHistory(program);
  registerPower(program);
  registerInit(program);
  registerInternal(program);
  return program;
}

/** Runs mlreg with `argv` (as process.argv) and exits with the contract's code. */
export async function main(argv: string[]): Promise<void> {
  scrubConsole();
  exitOnUncaughtErrors();
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end with code 0; every other parse error is a usage error.
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    process.stderr.write(`mlreg: ${describeError(error, process.env.MLREG_DEBUG === '1')}\n`);
    process.exitCode = exitCodeOf(error);
  }
}

/**
 * An error thrown where no caller catches it (an event handler, a promise nobody awaits) ends
 * mlreg with the contract's code and an "internal error" message. Node would exit 1, which
 * belongs to a verdict alone.
 */
function exitOnUncaughtErrors(): void {
  const exit = (error: unknown) => {
    process.stderr.write(`mlreg: ${describeError(error, process.env.MLREG_DEBUG === '1')}\n`);
    process.exit(exitCodeOf(error));
  };
  process.on('uncaughtException', exit);
  process.on('unhandledRejection', exit);
}
