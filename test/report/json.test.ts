import { describe, expect, it } from 'vitest';
import { jsonReporter } from '../../src/report/json.js';
import { loadDocument } from './fixtures.js';

describe('json reporter', () => {
  it('prints the document itself, pretty', () => {
    const doc = loadDocument('softmax-bug');
    const text = jsonReporter.render(doc);
    expect(JSON.parse(text)).toEqual(doc);
    expect(text).toMatch(/^\{\n {2}"mlregVersion"/);
  });
});
