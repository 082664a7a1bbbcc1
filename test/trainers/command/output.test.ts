import { describe, expect, it } from 'vitest';
import { collectTrainerOutput, lineSplitter } from '../../../src/trainers/command/output.js';

describe('lineSplitter', () => {
  it('joins lines split across chunks, drops CR before LF, keeps a last line without newline, and logs everything', () => {
    const lines: string[] = [];
    let logged = '';
    const split = lineSplitter({ write: (text: string) => (logged += text) }, (line) => lines.push(line));
    for (const chunk of ['epoch 1\r\nMLREG_ME', 'TRIC {"a": 1}\n', '', 'tail']) split.push(chunk);
    split.end();
    expect(lines).toEqual(['epoch 1', 'MLREG_METRIC {"a": 1}', 'tail']);
    expect(logged).toBe('epoch 1\r\nMLREG_METRIC {"a": 1}\ntail');
  });

  it('redraws a line at each carriage return followed by text, as a terminal shows it, across chunks', () => {
    const lines: string[] = [];
    const split = lineSplitter({ write: () => {} }, (line) => lines.push(line));
    for (const chunk of ['10%|█', '    |\r50%|███  |\r', '100%|█████|\r', '\nMLREG_METRIC {"a": 1}\n', 'x\r', 'MLREG_METRIC {"b": 2}\n']) split.push(chunk);
    split.end();
    expect(lines).toEqual(['100%|█████|', 'MLREG_METRIC {"a": 1}', 'MLREG_METRIC {"b": 2}']);
  });

  it('holds at most maxLineChars of a line that never ends, whatever arrives', () => {
    const lines: string[] = [];
    let logged = 0;
    const split = lineSplitter({ write: (text: string) => (logged += text.length) }, (line) => lines.push(line), undefined, 100);
    const chunk = 'x'.repeat(64 * 1024);
    for (let i = 0; i < 320; i++) split.push(chunk); // 20 MiB without a newline
    split.push('\rMLREG_METRIC {"a": 1}\n');
    split.push('y'.repeat(150));
    split.end();
    expect(logged).toBe(320 * 64 * 1024 + 23 + 150);
    expect(lines).toEqual(['MLREG_METRIC {"a": 1}', 'y'.repeat(100)]);
  });
});

describe('collectTrainerOutput', () => {
  it('keeps the last 20 stderr lines, as a terminal would show progress bars', () => {
    const output = collectTrainerOutput();
    for (let line = 1; line <= 25; line++) output.onStderrLine(`line ${line}`);
    output.onStderrLine('10%|█         |\r50%|█████     |\r100%|██████████|\r');
    const tail = output.result().stderrTail.split('\n');
    expect(tail).toHaveLength(20);
    expect(tail[0]).toBe('line 7');
    expect(tail.at(-1)).toBe('100%|██████████|');
  });

  it('counts malformed protocol lines and describes the first few with their line numbers', () => {
    const output = collectTrainerOutput();
    output.onStdoutLine('hello');
    for (let i = 0; i < 5; i++) output.onStdoutLine('MLREG_METRIC {oops}');
    const said = output.result();
    expect(said.malformedCount).toBe(5);
    expect(said.malformed).toHaveLength(3);
    expect(said.malformed[0]).toMatch(/^stdout line 2: not JSON/);
  });
});
