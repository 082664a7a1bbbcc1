import { describe, expect, it } from 'vitest';
import { closestMatch, didYouMean, editDistance } from '../../src/config/suggest.js';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and adjacent swaps', () => {
    expect(editDistance('seed', 'seeds')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('metircs', 'metrics')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });
});

describe('closestMatch', () => {
  const keys = ['seeds', 'metrics', 'trainer', 'params', 'cpus_per_task'];
  it('suggests a close key and nothing for a far one', () => {
    expect(closestMatch('seed', keys)).toBe('seeds');
    expect(closestMatch('metircs', keys)).toBe('metrics');
    expect(closestMatch('cpusPerTask', keys)).toBe('cpus_per_task');
    expect(closestMatch('banana', keys)).toBeUndefined();
    expect(didYouMean('param', keys)).toBe('did you mean `params`?');
  });
});
