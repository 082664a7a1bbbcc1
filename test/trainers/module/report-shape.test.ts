import { describe, expect, it } from 'vitest';
import { reportProblem } from '../../../src/trainers/module/report-shape.js';

describe('reportProblem', () => {
  it('accepts a step and an object of numbers', () => {
    expect(reportProblem([100, { loss: 0.42, acc: 0.9 }])).toBeUndefined();
    expect(reportProblem([0, {}])).toBeUndefined();
  });

  it('names the signature and what it received', () => {
    expect(reportProblem([{ loss: 1 }])).toMatch(/^report\(\) takes 2 arguments: report\(step: number, values: .*received report\(\{"loss":1\}\)$/);
    expect(reportProblem(['10', { loss: 1 }])).toMatch(/^report\(\): the step must be a finite number: .*received report\("10", \{"loss":1\}\)$/);
    expect(reportProblem([10, [0.5]])).toMatch(/the values must be an object of metric numbers: .*received report\(10, an array of 1\)$/);
    expect(reportProblem([10, { loss: '0.5' }])).toMatch(/^report\(\): values\.loss must be a number/);
    expect(reportProblem([10, { loss: 1 }, 'extra'])).toMatch(/takes 2 arguments/);
  });
});
