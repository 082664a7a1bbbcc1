import { describe, expect, it } from 'vitest';
import { junitReporter } from '../../src/report/junit.js';
import { findAll, parseXml } from './xml-check.js';
import { loadDocument, suiteDocument } from './fixtures.js';

describe('xml-check', () => {
  it('rejects what is not well-formed', () => {
    expect(() => parseXml('<a><b></a></b>')).toThrow(/does not match/);
    expect(() => parseXml('<a>1 < 2</a>')).toThrow();
    expect(() => parseXml('<a x="1" x="2"/>')).toThrow(/duplicate/);
    expect(() => parseXml('<a>&nbsp;</a>')).toThrow(/entity/);
    expect(() => parseXml('<a>\u001b[31m</a>')).toThrow(/not allowed/);
    expect(() => parseXml('<a/><b/>')).toThrow(/second root/);
  });
});

describe('junit reporter', () => {
  it('writes one testsuite per config and one testcase per metric, failing regressions', () => {
    const xml = parseXml(junitReporter.render(loadDocument('softmax-bug')));
    expect(xml.name).toBe('testsuites');
    const suites = findAll(xml, 'testsuite');
    expect(suites).toHaveLength(1);
    expect(suites[0]?.attributes.name).toBe('softmax-bug');
    const cases = findAll(xml, 'testcase');
    expect(cases.map((c) => c.attributes.name)).toEqual(['fid', 'loss', 'accuracy', 'failed-runs']);
    const failing = cases.filter((c) => findAll(c, 'failure').length > 0).map((c) => c.attributes.name);
    expect(failing).toEqual(['fid', 'loss']);
    expect(xml.attributes.failures).toBe('2');
    expect(suites[0]?.attributes.tests).toBe('4');
    const failure = findAll(cases[0]!, 'failure')[0]!;
    expect(failure.attributes.type).toBe('regression');
    expect(failure.attributes.message).toMatch(/^fid regression: baseline 30\.84/);
  });

  it('marks a suspicious result as a failure with advice', () => {
    const xml = parseXml(junitReporter.render(loadDocument('wider-suspicious')));
    const fid = findAll(xml, 'testcase').find((c) => c.attributes.name === 'fid')!;
    const failure = findAll(fid, 'failure')[0]!;
    expect(failure.attributes.type).toBe('suspicious');
    expect(failure.text).toMatch(/bug in how the metric is computed/);
  });

  it('escapes markup and drops terminal escapes from failed-run reasons', () => {
    const doc = loadDocument('softmax-bug');
    doc.runs[0]!.status = 'failed';
    doc.runs[0]!.reason = 'bad </system-out> ]]> "quoted" & \u001b[31mred\u001b[0m \u0007bell';
    doc.config.name = 'a"b<c>&\'d';
    const text = junitReporter.render(doc);
    const xml = parseXml(text);
    expect(findAll(xml, 'testsuite')[0]?.attributes.name).toBe('a"b<c>&\'d');
    const out = findAll(xml, 'system-out').at(-1)!;
    expect(out.text).toContain('bad </system-out> ]]> "quoted" & red bell');
    expect(text).not.toMatch(/\u001b|\u0007/);
  });

  it('renders a suite with a testsuite per config', () => {
    const xml = parseXml(junitReporter.render(suiteDocument()));
    expect(findAll(xml, 'testsuite').map((s) => s.attributes.name)).toEqual(['softmax-bug', 'wider']);
    expect(xml.attributes.failures).toBe('3');
  });

  it('adds an error test case when the run could not reach a verdict', () => {
    const doc = loadDocument('softmax-bug');
    doc.verdict = 'error';
    doc.exitCode = 3;
    doc.reasons = [{ code: 'too-few-runs', arm: 'candidate', ok: 2, total: 10, minimum: 3 }];
    const xml = parseXml(junitReporter.render(doc));
    const errors = findAll(xml, 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.attributes.message).toMatch(/only 2 of 10/);
    expect(xml.attributes.errors).toBe('1');
  });
});
