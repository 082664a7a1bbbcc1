import { describe, expect, it } from 'vitest';
import { createProgress, wantsLiveDisplay } from '../../../src/cli/progress.js';
import { renderLive } from '../../../src/cli/progress/live.js';
import { lineProgress } from '../../../src/cli/progress/lines.js';
import { armStarted, createProgressState, etaSeconds, runEnded, runProgressed, runStarted } from '../../../src/cli/progress/state.js';
import { terminalProgress } from '../../../src/cli/progress/terminal.js';
import type { RunRecord } from '../../../src/model/run-record.js';

// Anything below 0x20 except the newline, and DEL: what a CI log must not contain.
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f]/;

function record(seed: number, status: RunRecord['status'] = 'ok', metrics: Record<string, number> = { fid: 30 + seed }): RunRecord {
  return {
    seed,
    status,
    ...(status === 'ok' ? {} : { reason: 'trainer exited with code 3; stderr ends with:\nCUDA error' }),
    metrics,
    runDir: `/tmp/seed-${seed}`,
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 12_340,
    attempts: 1,
  };
}

describe('the live block', () => {
  it('shows done, running, failed, elapsed, ETA and the latest metrics', () => {
    const state = createProgressState();
    armStarted(state, 'candidate', 'wider', [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 0);
    for (const seed of [0, 1, 2, 3]) runStarted(state, 'candidate', seed, 0);
    runEnded(state, 'candidate', record(0), false);
    runEnded(state, 'candidate', record(1, 'failed'), false);
    runProgressed(state, 'candidate', 2, { step: 300, values: { fid: 31.23456, loss: 0.000412 } });
    // Two runs in 40 s: eight more take 160 s.
    expect(renderLive(state, 40_000, 120)).toEqual([
      'candidate wider  [##··········]  2/10 done · 2 running · 1 failed · 0:40 elapsed · ETA 2:40',
      '  latest: seed 2 step 300  fid=31.23 loss=4.12e-4',
    ]);
  });

  it('has no ETA before a run finished, and does not count resumed runs as speed', () => {
    const state = createProgressState();
    armStarted(state, 'baseline', 'head', [0, 1, 2, 3], 0);
    expect(renderLive(state, 5_000, 120)[0]).toMatch(/0\/4 done .* ETA –$/);
    runEnded(state, 'baseline', record(0), true);
    runEnded(state, 'baseline', record(1), true);
    expect(etaSeconds(state.arms[0]!, 5_000)).toBeUndefined();
    runEnded(state, 'baseline', record(2), false);
    expect(etaSeconds(state.arms[0]!, 10_000)).toBe(10);
  });

  it('never draws a line wider than the terminal', () => {
    const state = createProgressState();
    armStarted(state, 'candidate', 'a-config-with-a-very-long-name', [0, 1], 0);
    const lines = renderLive(state, 1000, 40);
    expect(lines[0]).toHaveLength(39);
    expect(lines[0]!.endsWith('…')).toBe(true);
  });
});

describe('the terminal display', () => {
  it('redraws the block in place and keeps failures and summaries above it', () => {
    let clock = 0;
    const writes: string[] = [];
    const progress = terminalProgress({ stream: { write: (text) => writes.push(text), columns: 200 }, now: () => clock });
    progress.onArmStart!('candidate', 'wider', [0, 1]);
    progress.onRunStart!('candidate', 0);
    clock = 2_000;
    progress.onRunEnd!('candidate', record(0, 'failed'), false);
    progress.onRunEnd!('candidate', record(1), false);
    clock = 4_000;
    progress.onArmEnd!('candidate', [record(0, 'failed'), record(1)]);
    progress.close();
    const screen = writes.join('');
    expect(screen).toContain('\u001b[1A\r\u001b[0J');
    expect(screen).toContain('  candidate [1/2] seed 0 failed: trainer exited with code 3 (stderr: CUDA error)\n');
    expect(screen).not.toContain('seed 1 ok');
    expect(screen).toContain('mlreg: candidate arm done: 1 ok, 1 not ok, 4.0 s\n');
    // The arm's end erased the block for good: close() has nothing left to clear.
    expect(writes.at(-1)).toBe('\u001b[1A\r\u001b[0Jmlreg: candidate arm done: 1 ok, 1 not ok, 4.0 s\n');
  });
});

describe('line progress', () => {
  it('writes one plain line per event, without control characters', () => {
    const lines: string[] = [];
    let clock = 0;
    const progress = lineProgress({ write: (line) => lines.push(line), now: () => clock });
    progress.onArmStart!('candidate', 'wider', [0, 1]);
    progress.onRunStart!('candidate', 0);
    progress.onRunEnd!('candidate', record(0), false);
    progress.onRunEnd!('candidate', record(1, 'timeout'), true);
    clock = 1500;
    progress.onArmEnd!('candidate', [record(0), record(1, 'timeout')]);
    expect(lines).toEqual([
      'mlreg: candidate arm: wider, 2 seeds',
      '  candidate [1/2] seed 0 ok fid=30 (12.3 s)',
      '  candidate [2/2] seed 1 timeout: trainer exited with code 3 (stderr: CUDA error) (from the interrupted run)',
      'mlreg: candidate arm done: 1 ok, 1 not ok, 1.5 s',
    ]);
    for (const line of lines) expect(line).not.toMatch(CONTROL);
  });

  it('says only notices when quiet, and run starts when verbose', () => {
    const quiet: string[] = [];
    const observer = lineProgress({ quiet: true, write: (line) => quiet.push(line) });
    observer.onArmStart?.('candidate', 'wider', [0]);
    observer.onNotice?.('resuming /x');
    expect(quiet).toEqual(['mlreg: resuming /x']);
    const verbose: string[] = [];
    lineProgress({ verbose: true, write: (line) => verbose.push(line) }).onRunStart!('candidate', 4);
    expect(verbose).toEqual(['  candidate seed 4 started']);
  });
});

describe('choosing a display', () => {
  it('is live only in an interactive terminal outside CI', () => {
    expect(wantsLiveDisplay({ isTTY: true }, {})).toBe(true);
    expect(wantsLiveDisplay({ isTTY: true }, { CI: 'true' })).toBe(false);
    expect(wantsLiveDisplay({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
    expect(wantsLiveDisplay({ isTTY: false }, {})).toBe(false);
    expect(wantsLiveDisplay({}, {})).toBe(false);
  });

  it('logs plain lines to a pipe', () => {
    const writes: string[] = [];
    const progress = createProgress({ stream: { write: (text) => writes.push(text), isTTY: false }, env: {} });
    progress.onArmStart!('candidate', 'wider', [0]);
    progress.close();
    expect(writes).toEqual(['mlreg: candidate arm: wider, 1 seeds\n']);
  });
});
