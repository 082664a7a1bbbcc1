import { describe, expect, it } from 'vitest';
import { createConsoleReporter } from '../../src/report/console/index.js';
import { loadDocument, pooledBaseline, recordedDocument, suiteDocument } from './fixtures.js';

// Any control character but newline: what must not reach a log file or a non-TTY.
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe('console reporter', () => {
  const plain = createConsoleReporter({ color: false });

  it("puts each metric's learning curve against the baseline band at 10%, 25%, 50% and 100% of training, marking where the curves stopped the runs", () => {
    const doc = loadDocument('softmax-bug');
    const fid = doc.comparisons.find((c) => c.metric === 'fid')!;
    const last = doc.baseline.curves!.fid![0]!.at(-1)!.step;
    const first = doc.baseline.curves!.fid![0]![0]!.step;
    fid.checkpoint = { step: first, finalStep: last, runs: 4 };
    const text = plain.render(doc);
    expect(text).toContain('Learning curves (candidate mean against the baseline band, mean [min–max]):');
    const line = text.split('\n').find((l) => l.startsWith('  fid: step'))!;
    expect(line).toMatch(new RegExp(`step ${first} \\(stopped\\): [\\d.]+ vs [\\d.]+ \\[[\\d.]+–[\\d.]+\\]`));
    expect(line).toContain(`step ${last}: `);
  });

  it('says how many baseline samples came from the file and how many from the history, or why none did', () => {
    const doc = loadDocument('softmax-bug');
    doc.baseline.pool = { ...pooledBaseline(3), changePointAt: '2026-11-20T02:00:00.000Z' };
    expect(plain.render(doc)).toContain(
      'pooled:    10 samples from baselines/head.json + 9 from the history (9 runs of 3 invocations, 2026-11-28T02:00:00.000Z – 2026-11-30T02:00:00.000Z, since the change point of 2026-11-20T02:00:00.000Z)',
    );
    doc.baseline.pool = {
      ...doc.baseline.pool,
      historySamples: { fid: 0, loss: 0, accuracy: 0 },
      runs: 0,
      invocations: 0,
      seeds: [],
      changePointAt: '2026-12-01T00:00:00.000Z',
      skipped: 'changed-after-baseline',
    };
    expect(plain.render(doc)).toContain(
      "pooled:    nothing pooled from the history: HEAD's series changed at 2026-12-01T00:00:00.000Z, after baselines/head.json was recorded; record the baseline again",
    );
    expect(plain.render(loadDocument('softmax-bug'))).not.toContain('pooled:');
  });

  it('prints one table row per metric with means, difference, p-value, P(better) and verdict', () => {
    const text = plain.render(loadDocument('softmax-bug'));
    const lines = text.split('\n');
    const header = lines.find((l) => l.startsWith('metric'))!;
    expect(header.split(/\s{2,}/)).toEqual(['metric', 'baseline', 'candidate', 'difference', 'p-value', 'P(better)', 'verdict']);
    const fid = lines.find((l) => l.startsWith('fid'))!;
    expect(fid.split(/\s{2,}/).map((s) => s.trim())).toEqual(['fid ↓', '30.84 ± 0.54', '32.86 ± 1.4', '+2.03 (+6.6%) [+0.901, +3.15]', '0.00244', '< 0.1%', 'regression']);
    // Columns line up: every verdict starts at the same column.
    const rows = lines.filter((l) => /^(fid|loss|accuracy) /.test(l));
    expect(new Set(rows.map((l) => l.search(/(regression|inconclusive)/))).size).toBe(1);
  });

  it('reports variance, failed runs with reasons, and what to do', () => {
    const text = plain.render(loadDocument('softmax-bug'));
    expect(text).toMatch(/Variance:\n {2}fid: increased\./);
    expect(text).toContain('candidate seed 7 (failed): exit code 1: RuntimeError: expected logits');
    expect(text).toMatch(/regression \(fid, loss\): The candidate is worse/);
  });

  it('names the GPU of a failed run when the runs shared GPU slots', () => {
    const doc = loadDocument('softmax-bug');
    doc.runs = doc.runs.map((run) => ({ ...run, gpu: String(run.seed % 2) }));
    expect(plain.render(doc)).toContain('candidate seed 7 on GPU 1 (failed): exit code 1');
  });

  it('shows what a first run recorded, without an empty comparison', () => {
    const text = plain.render(recordedDocument());
    const lines = text.split('\n');
    expect(lines[1]).toBe('runs:      softmax-bug, 10 runs, 1 failed, run now, no baseline to compare with yet');
    expect(lines.find((l) => l.startsWith('metric'))!.split(/\s{2,}/)).toEqual(['metric', 'runs', 'mean ± sd', 'min', 'max']);
    expect(
      lines
        .find((l) => l.startsWith('fid'))!
        .split(/\s{2,}/)
        .map((s) => s.trim()),
    ).toEqual(['fid ↓', '9', '32.86 ± 1.4', '30.36', '34.51']);
    expect(text).toContain('seed 7 (failed): exit code 1');
    expect(text).toContain('recorded baselines/softmax-bug.json from 9 runs');
    expect(text).not.toMatch(/candidate|Variance|p-value/);
  });

  it('says once, on the first run with a new fingerprint, that the history series starts afresh', () => {
    const doc = loadDocument('softmax-bug');
    doc.fingerprintChange = { previous: 'a'.repeat(64), current: 'b'.repeat(64), at: '2031-01-01T00:00:00.000Z', runsSince: 1 };
    expect(plain.render(doc)).toContain(
      `history: the config's fingerprint changed (${'a'.repeat(12)} → ${'b'.repeat(12)}) at 2031-01-01T00:00:00.000Z: its history series starts there`,
    );
    doc.fingerprintChange.runsSince = 2;
    expect(plain.render(doc)).not.toContain('fingerprint changed');
    expect(plain.render(loadDocument('softmax-bug'))).not.toContain('fingerprint changed');
  });

  it('explains a suspicious result', () => {
    const text = plain.render(loadDocument('wider-suspicious'));
    expect(text).toMatch(/suspicious \(fid\): .*bug in how the metric is computed/);
    expect(text).toMatch(/fid: reduced\. The spread across seeds shrank/);
  });

  it('emits no control characters without colour, even from a trainer stderr with ANSI codes', () => {
    const doc = loadDocument('softmax-bug');
    expect(JSON.stringify(doc)).toMatch(/\\u001b\[31m/);
    expect(plain.render(doc)).not.toMatch(CONTROL);
    expect(plain.render(suiteDocument())).not.toMatch(CONTROL);
  });

  it('colours verdicts only when asked', () => {
    const coloured = createConsoleReporter({ color: true }).render(loadDocument('softmax-bug'));
    expect(coloured).toContain('\u001b[31mregression\u001b[0m');
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(plain.render(loadDocument('softmax-bug')));
  });

  it('summarises a suite and its adjustment before each config', () => {
    const text = plain.render(suiteDocument());
    expect(text).toMatch(/^mlreg suite nightly {2}FAIL/);
    expect(text).toContain('Holm (family-wise error rate) at 0.05');
    expect(text).toMatch(/softmax-bug +fail +fid \(regression\), loss \(regression\)/);
    expect(text).toMatch(/wider +fail +fid \(suspicious\)/);
  });
});
