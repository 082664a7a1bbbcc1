import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { endStrayTrainer, writeProcessRecord } from '../../../src/trainers/command/process-tree.js';
import { isAlive, runContext } from './context.js';

/** A detached process group that outlives its parent, as a trainer does when mlreg is killed. */
function strayGroup() {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { detached: true, stdio: 'ignore' });
  child.unref();
  return child.pid!;
}

describe('stray trainers of a killed mlreg', () => {
  it('ends the process group recorded in the run directory', async () => {
    const { runDir } = await runContext({});
    const pid = strayGroup();
    await writeProcessRecord(runDir, pid);
    expect(await endStrayTrainer(runDir)).toBe(true);
    expect(await isAlive(pid)).toBe(false);
  });

  it('leaves alone a process whose start time differs (a reused pid)', async () => {
    const { runDir } = await runContext({});
    const pid = strayGroup();
    try {
      await writeFile(join(runDir, 'process.json'), JSON.stringify({ pid, startTime: '1' }));
      expect(await endStrayTrainer(runDir)).toBe(false);
      expect(await isAlive(pid)).toBe(true);
    } finally {
      process.kill(-pid, 'SIGKILL');
    }
  });

  it('does nothing without a record', async () => {
    const { runDir } = await runContext({});
    expect(await endStrayTrainer(runDir)).toBe(false);
  });
});
