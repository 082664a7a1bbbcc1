import { describe, expect, it } from 'vitest';
import { fileReporterNames, getReporter, reporterNames } from '../../src/report/index.js';
import { templateReporter } from '../../src/report/_template.js';
import { loadDocument, suiteDocument } from './fixtures.js';

describe('reporter registry', () => {
  it('resolves every plain name to a reporter of that name with its own file', () => {
    expect(reporterNames).toEqual(['console', 'markdown', 'junit', 'json', 'html']);
    const files = reporterNames.map((name) => {
      const reporter = getReporter(name);
      expect(reporter.name).toBe(name);
      return reporter.fileName;
    });
    expect(new Set(files).size).toBe(files.length);
    expect(fileReporterNames.every((name) => reporterNames.includes(name))).toBe(true);
  });

  it('names the known reporters when asked for an unknown one', () => {
    expect(() => getReporter('pdf')).toThrow('Unknown reporter "pdf": expected one of console, markdown, junit, json, html.');
    expect(() => getReporter('toString')).toThrow(/Unknown reporter/);
  });

  it('renders run and suite documents with every reporter, and the template too', () => {
    for (const reporter of [...reporterNames.map((n) => getReporter(n)), templateReporter]) {
      expect(reporter.render(loadDocument('softmax-bug'))).toContain('softmax-bug');
      expect(reporter.render(suiteDocument())).toContain('wider');
    }
  });

  it('passes the colour option to the console reporter only', () => {
    expect(getReporter('console', { color: true }).render(loadDocument('softmax-bug'))).toContain('\u001b[');
    expect(getReporter('console').render(loadDocument('softmax-bug'))).not.toContain('\u001b[');
  });
});
