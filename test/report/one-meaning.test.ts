/** P(better) reads the same everywhere, labelled with its ROPE; a non-significant spread change reads "no significant change". */
import { describe, expect, it } from 'vitest';
import { createConsoleReporter } from '../../src/report/console/index.js';
import { htmlReporter } from '../../src/report/html/index.js';
import { junitReporter } from '../../src/report/junit.js';
import { markdownReporter } from '../../src/report/markdown.js';
import { compareSamples } from '../../src/verdict/index.js';
import { loadDocument } from './fixtures.js';

function documentWithRopes() {
  const doc = loadDocument('softmax-bug');
  const [first] = doc.comparisons;
  const fresh = compareSamples([30.1, 29.4, 31.2, 30.8, 29.9, 30.3], [30.4, 29.9, 31.0, 31.1, 30.2, 30.6], { direction: 'lower', metric: first!.metric, rope: 0.5 });
  doc.comparisons = [fresh, { ...compareSamples([1, 1.2, 0.9, 1.1, 1.0], [1.1, 1.0, 1.2, 0.95, 1.05], { direction: 'lower', metric: 'loss' }) }];
  return doc;
}

const consoleReporter = createConsoleReporter();

describe('one meaning per number', () => {
  const doc = documentWithRopes();

  it('names the ROPE of every metric where P(better) is shown', () => {
    const note = "P(better): posterior probability that the candidate's mean is better than the baseline's by more than the ROPE (fid ±0.5, loss ±0.057 (½ baseline sd))";
    expect(consoleReporter.render(doc)).toContain(note);
    expect(markdownReporter.render(doc)).toContain(note);
    expect(htmlReporter.render(doc)).toContain(note.replace(/'/g, '&#39;'));
    expect(junitReporter.render(doc)).toContain('P(better by more than ±0.5) = ');
  });

  it('says "no significant change" rather than "unchanged" for a spread the test cannot tell apart', () => {
    expect(doc.comparisons.every((c) => c.variance.verdict === 'unchanged')).toBe(true);
    expect(consoleReporter.render(doc)).toContain('no significant change for any metric');
    expect(markdownReporter.render(doc)).toMatch(/- `fid`: no significant change \(Brown-Forsythe p = /);
    expect(junitReporter.render(doc)).toContain('variance: no significant change');
    expect(markdownReporter.render(doc)).not.toMatch(/: unchanged \(/);
  });
});
