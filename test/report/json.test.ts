import { describe, expect, it } from 'vitest';
import { jsonReporter } from '../../src/report/json.js';
import { loadDocument, suiteDocument } from './fixtures.js';

describe('json reporter', () => {
  it('prints the document itself, pretty, with the words of each reason beside its code', () => {
    const doc = loadDocument('softmax-bug');
    const text = jsonReporter.render(doc);
    expect(JSON.parse(text)).toEqual({
      ...doc,
      reasons: [
        { code: 'regression', metric: 'fid', detail: 'worse than the baseline distribution' },
        { code: 'regression', metric: 'loss', detail: 'worse than the baseline distribution' },
      ],
    });
    expect(text).toMatch(/^\{\n {2}"mlregVersion"/);
  });

  it("words a suite's reasons and those of each of its configs", () => {
    const parsed = JSON.parse(jsonReporter.render(suiteDocument()));
    expect(parsed.reasons[0]).toEqual({ code: 'regression', config: 'softmax-bug', metric: 'fid', detail: 'worse than the baseline distribution' });
    expect(parsed.configs[1].reasons[0].detail).toMatch(/^better than the baseline distribution allows/);
  });
});
