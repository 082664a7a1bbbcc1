import { describe, expect, it } from 'vitest';
import { parseSbatchOutput } from '../../../src/launchers/slurm/parse-sbatch.js';
import { fixture } from './fixtures.js';

describe('parseSbatchOutput', () => {
  it('reads a job id, and a job id with its cluster', () => {
    expect(parseSbatchOutput(fixture('sbatch-parsable.txt'))).toEqual({ jobId: '11' });
    expect(parseSbatchOutput('2;mlreg-dev\n')).toEqual({ jobId: '2', cluster: 'mlreg-dev' });
  });

  it('rejects the human-readable form', () => {
    expect(() => parseSbatchOutput('Submitted batch job 11\n')).toThrow(/received 'Submitted batch job 11'/);
  });
});
