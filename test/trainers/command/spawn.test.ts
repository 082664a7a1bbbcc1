import { describe, expect, it } from 'vitest';
import { spawnTrainer, type SpawnRequest } from '../../../src/trainers/command/spawn.js';

const node = process.execPath;

/** Runs a request and collects what the handlers saw. */
async function run(request: Partial<SpawnRequest> & Pick<SpawnRequest, 'file' | 'args'>) {
  const seen = { pid: undefined as number | undefined, stdout: '', stderr: '', chunks: 0 };
  const result = await spawnTrainer(
    { cwd: process.cwd(), env: {}, ...request },
    {
      onSpawned: (pid) => (seen.pid = pid),
      onStdout: (chunk) => {
        seen.stdout += chunk;
        seen.chunks++;
      },
      onStderr: (chunk) => (seen.stderr += chunk),
    },
  );
  return { result, seen };
}

describe('spawning a trainer', () => {
  it('relays output (UTF-8 split across chunks stays whole) and reports the exit code', async () => {
    const source =
      "process.stdout.write(Buffer.from('é', 'utf8').subarray(0, 1)); setTimeout(() => { process.stdout.write(Buffer.from('é', 'utf8').subarray(1)); console.error('warn'); process.exit(3); }, 50)";
    const { result, seen } = await run({ file: node, args: ['-e', source] });
    expect(result).toEqual({ failed: true, exitCode: 3 });
    expect(seen.stdout).toBe('é');
    expect(seen.stderr).toBe('warn\n');
    expect(seen.pid).toBeGreaterThan(0);
  });

  it("runs in its own process group, with the extra environment on top of mlreg's", async () => {
    const source =
      "const { execSync } = require('child_process'); console.log(JSON.stringify({ pgid: execSync('ps -o pgid= -p ' + process.pid).toString().trim(), extra: process.env.EXTRA, path: !!process.env.PATH }))";
    const { result, seen } = await run({ file: node, args: ['-e', source], env: { EXTRA: 'yes' } });
    expect(result).toEqual({ failed: false, exitCode: 0 });
    const said = JSON.parse(seen.stdout) as { pgid: string; extra: string; path: boolean };
    expect(Number(said.pgid)).toBe(seen.pid);
    expect(said).toMatchObject({ extra: 'yes', path: true });
  });

  it('settles within outputGraceMs of the exit when a process it left behind holds its output open', async () => {
    // The child starts in its own session (as a wandb service does), out of reach of the trainer's group.
    const source =
      "const { spawn } = require('child_process'); const held = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { detached: true, stdio: ['ignore', 'inherit', 'inherit'] }); held.unref(); console.log('left ' + held.pid)";
    const started = Date.now();
    const { result, seen } = await run({ file: node, args: ['-e', source], outputGraceMs: 300 });
    const held = Number(/left (\d+)/.exec(seen.stdout)?.[1]);
    try {
      expect(result).toEqual({ failed: false, exitCode: 0 });
      expect(held).toBeGreaterThan(0);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      if (held > 0) process.kill(held, 'SIGKILL');
    }
  });

  it('reports death by signal', async () => {
    const { result } = await run({ file: node, args: ['-e', "process.kill(process.pid, 'SIGTERM')"] });
    expect(result).toEqual({ failed: true, signal: 'SIGTERM' });
  });

  it('says which program could not start, and when the working directory is the cause', async () => {
    const missing = await run({ file: '/nonexistent/trainer', args: [] });
    expect(missing.result).toMatchObject({ failed: true, code: 'ENOENT' });
    expect(missing.result.shortMessage).toMatch(/\/nonexistent\/trainer ENOENT$/);
    expect(missing.seen.pid).toBeUndefined();
    const badCwd = await run({ file: node, args: ['-e', '0'], cwd: '/nonexistent/dir' });
    expect(badCwd.result).toMatchObject({ failed: true, code: 'ENOENT' });
    expect(badCwd.result.shortMessage).toMatch(/the working directory \/nonexistent\/dir does not exist/);
  });

  it('turns a start failure that Node throws (not emits) into a result', async () => {
    const { result, seen } = await run({ file: node, args: ['a\0b'] });
    expect(result.failed).toBe(true);
    expect(result.code).toBe('ERR_INVALID_ARG_VALUE');
    expect(result.shortMessage).toMatch(/null bytes/);
    expect(seen.pid).toBeUndefined();
  });
});
