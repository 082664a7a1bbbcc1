import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { endStrayTrainer } from '../../../src/trainers/command/process-tree.js';
import { isAlive, runContext } from './context.js';

/** A detached trainer-like process group for `runDir` that outlives its parent, as after a `kill -9` of mlreg. */
function strayTrainer(runDir: string) {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
    detached: true,
    stdio: 'ignore',
    env: { ...process.env, MLREG_RUN_DIR: runDir },
  });
  child.unref();
  return child.pid!;
}

describe('stray trainers of a killed mlreg', () => {
  it('ends the process group of a trainer still running for the run directory', async () => {
    const { runDir } = await runContext({ adapter: 'command' });
    const pid = strayTrainer(runDir);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(endStrayTrainer(runDir)).toBe(true);
    expect(await isAlive(pid)).toBe(false);
  });

  it('leaves alone trainers of other run directories, even one whose path extends this one', async () => {
    const { runDir } = await runContext({ adapter: 'command' });
    const other = strayTrainer(`${runDir}0`);
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(endStrayTrainer(runDir)).toBe(false);
      expect(await isAlive(other)).toBe(true);
    } finally {
      process.kill(-other, 'SIGKILL');
    }
  });
});
