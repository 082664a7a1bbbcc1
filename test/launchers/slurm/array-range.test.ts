import { describe, expect, it } from 'vitest';
import { expandTaskRange, formatTaskRange, parseArrayJobRef, WHOLE_JOB } from '../../../src/launchers/slurm/array-range.js';

describe('parseArrayJobRef', () => {
  it('reads a single task, a bare job and a throttled pending range', () => {
    expect(parseArrayJobRef('11_4')).toEqual({ jobId: '11', tasks: [4] });
    expect(parseArrayJobRef('18')).toEqual({ jobId: '18', tasks: [WHOLE_JOB] });
    expect(parseArrayJobRef('11_[0-5%2]')).toEqual({ jobId: '11', tasks: [0, 1, 2, 3, 4, 5] });
    expect(parseArrayJobRef('123_[4-7%2]')).toEqual({ jobId: '123', tasks: [4, 5, 6, 7] });
  });

  it('rejects step ids and junk, naming what it received', () => {
    expect(() => parseArrayJobRef('11_4.batch')).toThrow(/received '11_4.batch'/);
    expect(() => parseArrayJobRef('JOBID')).toThrow(/Expected a Slurm job id/);
  });
});

describe('expandTaskRange', () => {
  it('expands lists, ranges and stepped ranges', () => {
    expect(expandTaskRange('0,2-3')).toEqual([0, 2, 3]);
    expect(expandTaskRange('1-9:4%3')).toEqual([1, 5, 9]);
    expect(expandTaskRange('7')).toEqual([7]);
  });

  it('rejects decreasing ranges and malformed parts', () => {
    expect(() => expandTaskRange('5-2')).toThrow(/increasing/);
    expect(() => expandTaskRange('1-')).toThrow(/received '1-'/);
  });
});

describe('formatTaskRange', () => {
  it('writes the compact form and round-trips through expandTaskRange', () => {
    expect(formatTaskRange([5, 0, 1, 2, 2, 9, 10])).toBe('0-2,5,9-10');
    expect(expandTaskRange(formatTaskRange([3, 1, 4, 8]))).toEqual([1, 3, 4, 8]);
  });

  it('rejects negative or fractional indices', () => {
    expect(() => formatTaskRange([1, -1])).toThrow(/non-negative integer/);
    expect(() => formatTaskRange([1.5])).toThrow(/non-negative integer/);
  });
});
