import { describe, expect, it } from 'vitest';
import { aggregateCurves, curvesChart } from '../../../src/report/html/curves-chart.js';
import { historyChart } from '../../../src/report/html/history-chart.js';
import { stripChart } from '../../../src/report/html/strip-chart.js';
import { niceTicks } from '../../../src/report/html/scale.js';
import { findAll, parseXml } from '../xml-check.js';

describe('niceTicks', () => {
  it('steps by 1, 2 or 5 × 10^k inside the range', () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(30.1, 34.4, 6)).toEqual([31, 32, 33, 34]);
    expect(niceTicks(2, 2)).toEqual([2]);
  });
});

describe('aggregateCurves', () => {
  it('takes mean, min and max per step over the runs that reported it', () => {
    const band = aggregateCurves([
      [
        { step: 0, value: 10 },
        { step: 100, value: 4 },
      ],
      [
        { step: 0, value: 12 },
        { step: 100, value: 6 },
        { step: 200, value: 1 },
      ],
    ]);
    expect(band).toEqual([
      { step: 0, mean: 11, min: 10, max: 12 },
      { step: 100, mean: 5, min: 4, max: 6 },
      { step: 200, mean: 1, min: 1, max: 1 },
    ]);
  });
});

describe('charts', () => {
  it('strip chart is well-formed SVG with a point per run', () => {
    const svg = parseXml(
      stripChart('fid <&>', [
        { name: 'head', className: 'baseline', values: [1, 2, 3] },
        { name: 'cand', className: 'candidate', values: [2, 3, 4, 5] },
      ]),
    );
    expect(svg.name).toBe('svg');
    expect(findAll(svg, 'circle')).toHaveLength(7);
  });

  it('curves chart draws a band and a mean line per arm with curves, nothing without', () => {
    const runs = [
      [
        { step: 0, value: 3 },
        { step: 10, value: 1 },
      ],
    ];
    const svg = parseXml(
      curvesChart('loss', [
        { name: 'head', className: 'baseline', runs },
        { name: 'cand', className: 'candidate', runs: [] },
      ]),
    );
    expect(findAll(svg, 'path').map((p) => p.attributes.class)).toEqual(['band baseline', 'curve baseline']);
    expect(curvesChart('loss', [{ name: 'head', className: 'baseline', runs: [] }])).toBe('');
  });

  it('history chart marks failed points and change points', () => {
    const points = Array.from({ length: 10 }, (_, i) => ({ createdAt: `2026-11-0${i}T00:00:00Z`, value: i < 6 ? 1 : 2, failed: i === 7, changePoint: i === 6 }));
    const svg = parseXml(historyChart('fid', points));
    expect(findAll(svg, 'line').filter((l) => l.attributes.class === 'change-point')).toHaveLength(1);
    expect(findAll(svg, 'path').filter((p) => p.attributes.class === 'history-point failed')).toHaveLength(1);
    expect(findAll(svg, 'circle')).toHaveLength(9);
    const levels = findAll(svg, 'line').filter((l) => l.attributes.class === 'segment-mean');
    expect(levels.map((l) => Number(l.attributes.y1))).toHaveLength(2);
    expect(Number(levels[0]!.attributes.y1)).toBeGreaterThan(Number(levels[1]!.attributes.y1));
  });
});

describe('axes, legends and labels', () => {
  it('ticks that cross zero print 0, not a rounding residue', () => {
    for (const [lo, hi] of [
      [-0.2, 0.3],
      [-0.35, 0.12],
      [-1.3, 0.7],
      [-0.0021, 0.0019],
    ] as const) {
      const ticks = niceTicks(lo, hi, 5);
      expect(ticks).toContain(0);
      expect(ticks.filter((tick) => tick !== 0 && Math.abs(tick) < 1e-12)).toEqual([]);
      expect(
        Object.is(
          ticks.find((tick) => tick === 0),
          -0,
        ),
      ).toBe(false);
    }
    const svg = curvesChart('delta', [
      {
        name: 'head',
        className: 'baseline',
        runs: [
          [
            { step: 0, value: -0.2 },
            { step: 10, value: 0.3 },
          ],
        ],
      },
    ]);
    expect(svg).not.toMatch(/e-1\d/);
    expect(svg).toMatch(/>0<\/text>/);
  });

  it('puts the learning-curve legend above the plot, where it covers no curve', () => {
    const runs = [
      [
        { step: 0, value: 1 },
        { step: 100, value: 0.1 },
      ],
    ];
    const svg = curvesChart('loss', [
      { name: 'head', className: 'baseline', runs },
      { name: 'a-much-longer-ablation-name-with-a-suffix', className: 'candidate', runs },
    ]);
    const doc = parseXml(svg);
    const plotTop = Math.min(
      ...findAll(doc, 'line')
        .filter((el) => el.attributes.class === 'grid')
        .map((el) => Number(el.attributes.y1)),
    );
    const legendYs = findAll(doc, 'text')
      .filter((el) => el.attributes.class === 'legend')
      .map((el) => Number(el.attributes.y));
    expect(legendYs).toHaveLength(2);
    for (const y of legendYs) expect(y).toBeLessThan(plotTop);
    expect(svg).toContain('a-much-longer-ablation-');
    expect(svg).toContain('name-with-a-suffix');
  });

  it('wraps a long arm name in the strip chart instead of cutting it', () => {
    const name = 'ablation-with-a-very-long-name-that-used-to-run-off-the-chart';
    const svg = stripChart('fid', [
      { name: 'head', className: 'baseline', values: [1, 2, 3] },
      { name, className: 'candidate', values: [2, 3, 4] },
    ]);
    const tspans = [...svg.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((match) => match[1]!);
    expect(tspans.join('')).toContain(name);
    expect(Math.max(...tspans.map((line) => line.length))).toBeLessThanOrEqual(18);
  });
});
