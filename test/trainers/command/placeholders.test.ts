import { describe, expect, it } from 'vitest';
import { expandPlaceholders, placeholderProblems } from '../../../src/trainers/command/placeholders.js';

const values = { seed: 3, runDir: '/runs/seed-3', metricsFile: '/runs/seed-3/metrics.json', params: { lr: 0.1, model: { width: 64 } } };

describe('trainer.command placeholders', () => {
  it('expands {seed}, {run_dir}, {metrics_file} and {params.a.b}', () => {
    expect(expandPlaceholders('--seed={seed} --out {run_dir} {metrics_file} {params.model.width} {params.lr}', values)).toBe(
      '--seed=3 --out /runs/seed-3 /runs/seed-3/metrics.json 64 0.1',
    );
  });

  it('reads {{ and }} as literal braces, so a shell wrapper can use ${{HOME}} beside {seed}', () => {
    expect(expandPlaceholders('cd ${{HOME}}/proj && python train.py --seed {seed} --out "${{SCRATCH:-/tmp}}"', values)).toBe(
      'cd ${HOME}/proj && python train.py --seed 3 --out "${SCRATCH:-/tmp}"',
    );
    expect(expandPlaceholders('{{seed}} {{{seed}}}', values)).toBe('{seed} {3}');
    expect(expandPlaceholders('{"json": 1}', values)).toBe('{"json": 1}');
  });

  it('rejects ${HOME} as an unknown placeholder and says how to write it', () => {
    expect(() => expandPlaceholders('cd ${HOME}', values)).toThrow(
      "trainer.command: unknown placeholder {HOME}; expected {seed}, {run_dir}, {metrics_file} or {params.<key>} (write {{ and }} for literal braces, e.g. ${{HOME}} for the shell's ${HOME})",
    );
    expect(placeholderProblems(['bash', '-lc', 'cd ${HOME}', 'cd ${{HOME}}'], {}).map((problem) => problem.path)).toEqual(['trainer.command.2']);
  });
});
