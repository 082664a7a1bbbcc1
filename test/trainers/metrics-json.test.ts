import { describe, expect, it } from 'vitest';
import { parseLenientJson, parseTrainerLine } from '../../src/trainers/metrics-json.js';

describe('parseLenientJson', () => {
  it('reads the non-finite tokens that Python writes, as numbers', () => {
    expect(parseLenientJson('{"a": NaN, "b": Infinity, "c": -Infinity, "d": [1, NaN]}')).toEqual({
      a: Number.NaN,
      b: Number.POSITIVE_INFINITY,
      c: Number.NEGATIVE_INFINITY,
      d: [1, Number.NaN],
    });
    expect(parseLenientJson('{"a": nan, "b": inf, "c": -inf}')).toEqual({ a: Number.NaN, b: Infinity, c: -Infinity });
    expect(parseLenientJson('NaN')).toBeNaN();
  });

  it('leaves strings that contain those words alone', () => {
    expect(parseLenientJson('{"note": "a, NaN}", "x": "[inf"}')).toEqual({ note: 'a, NaN}', x: '[inf' });
    expect(parseLenientJson('{"q": "say \\"NaN\\", then", "v": 1}')).toEqual({ q: 'say "NaN", then', v: 1 });
  });

  it('still rejects JSON that is malformed in other ways', () => {
    expect(() => parseLenientJson('{"fid": 31.5, ')).toThrow(SyntaxError);
    expect(() => parseLenientJson('{"fid": NaNa}')).toThrow(SyntaxError);
    expect(() => parseLenientJson('{"fid": infinity}')).toThrow(SyntaxError);
  });
});

describe('parseTrainerLine', () => {
  it('reads a metric line with and without a step', () => {
    expect(parseTrainerLine('MLREG_METRIC {"step": 100, "fid": 31.2, "note": "x"}')).toEqual({ kind: 'metric', step: 100, values: { fid: 31.2 } });
    expect(parseTrainerLine('MLREG_METRIC {"loss": NaN}')).toMatchObject({ kind: 'metric', step: undefined });
  });

  it('calls a broken metric line malformed, saying why', () => {
    expect(parseTrainerLine('MLREG_METRIC fid=3')).toMatchObject({ kind: 'malformed', problem: expect.stringMatching(/^not JSON/) });
    expect(parseTrainerLine('MLREG_METRIC [1, 2]')).toMatchObject({ kind: 'malformed', problem: 'expected a JSON object, received an array' });
    expect(parseTrainerLine('MLREG_METRIC {"step": "ten", "a": 1}')).toMatchObject({ kind: 'malformed', problem: expect.stringMatching(/"step"/) });
  });

  it("keeps links, from MLREG_LINK and from W&B's start banner", () => {
    expect(parseTrainerLine('MLREG_LINK https://example.org/run/1 ')).toEqual({ kind: 'link', url: 'https://example.org/run/1' });
    expect(parseTrainerLine('MLREG_LINK not a url')).toMatchObject({ kind: 'malformed' });
    expect(parseTrainerLine('wandb: 🚀 View run head-seed3 at: https://wandb.ai/team/proj/runs/abc123')).toEqual({
      kind: 'link',
      url: 'https://wandb.ai/team/proj/runs/abc123',
    });
    expect(parseTrainerLine('wandb: ⭐️ View project at: https://wandb.ai/team/proj')).toEqual({ kind: 'other' });
  });

  it('ignores every other line', () => {
    expect(parseTrainerLine('epoch 3: loss 0.2')).toEqual({ kind: 'other' });
    expect(parseTrainerLine('MLREG_METRICS {"a": 1}')).toEqual({ kind: 'other' });
  });
});
