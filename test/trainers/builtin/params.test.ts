import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { BuiltinParamsError, builtinParamsSchema, parseBuiltinParams, validateBuiltinParams } from '../../../src/trainers/builtin/params.js';

describe('parseBuiltinParams', () => {
  it('fills every default, including the bugs (off)', () => {
    expect(parseBuiltinParams({})).toEqual({
      learning_rate: 0.05,
      momentum: 0.9,
      width: 32,
      steps: 400,
      batch_size: 32,
      weight_decay: 0.01,
      bugs: { softmax_into_logit_loss: false, eval_on_train: false },
    });
  });

  it('keeps given values and fills the rest of a partial bugs block', () => {
    const p = parseBuiltinParams({ width: 8, bugs: { eval_on_train: true } });
    expect(p.width).toBe(8);
    expect(p.bugs).toEqual({ softmax_into_logit_loss: false, eval_on_train: true });
  });

  it('names an unknown key with its path and the key it could have meant, in the words of config errors', () => {
    expect(() => parseBuiltinParams({ lerning_rate: 0.1 })).toThrow(BuiltinParamsError);
    expect(() => parseBuiltinParams({ lerning_rate: 0.1 })).toThrow(
      'params.lerning_rate: expected a known key, received unknown key `lerning_rate`; did you mean `learning_rate`?',
    );
  });

  it('names an unknown key inside bugs', () => {
    const issues = validateBuiltinParams({ bugs: { eval_on_test: true } });
    expect(issues).toEqual([
      {
        path: 'params.bugs.eval_on_test',
        expected: 'a known key',
        received: 'unknown key `eval_on_test`',
        hint: 'known keys: softmax_into_logit_loss, eval_on_train',
      },
    ]);
  });

  it('reports the expected type and the received value', () => {
    expect(validateBuiltinParams({ learning_rate: 'fast' })).toEqual([{ path: 'params.learning_rate', expected: 'a number', received: '"fast"' }]);
    expect(validateBuiltinParams({ width: 2.5 })).toEqual([{ path: 'params.width', expected: 'an integer', received: '2.5' }]);
  });

  it('reports bounds and lists every problem at once', () => {
    const issues = validateBuiltinParams({ steps: 0, momentum: 1, bugs: { eval_on_train: 'yes' } });
    expect(issues).toEqual([
      { path: 'params.momentum', expected: 'a number < 1', received: '1' },
      { path: 'params.steps', expected: 'a number >= 1', received: '0' },
      { path: 'params.bugs.eval_on_train', expected: 'a boolean (true or false)', received: '"yes"' },
    ]);
  });
});

describe('builtinParamsSchema', () => {
  it('documents every knob with a description and a default', () => {
    const schema = z.toJSONSchema(builtinParamsSchema, { io: 'input' }) as {
      properties: Record<string, { description?: string; default?: unknown }>;
    };
    for (const [key, property] of Object.entries(schema.properties)) {
      expect(property.description, key).toBeTruthy();
      expect(property.default, key).toBeDefined();
    }
  });
});
