/** The page around the charts: inline style and script, so the file needs no network to view. */
import { escapeHtml } from '../format/escape.js';

const STYLE = `
:root { --baseline: #4c78a8; --candidate: #f58518; --fail: #c0392b; --pass: #2e8540; --muted: #666; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; padding: 24px 32px; color: #1b1b1b; background: #fff; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; color: #fff; background: var(--muted); vertical-align: middle; }
.badge.pass, .badge.improvement { background: var(--pass); } .badge.fail, .badge.regression { background: var(--fail); }
.badge.suspicious { background: #8e44ad; } .badge.inconclusive, .badge.error { background: #b7950b; } .badge.equivalent { background: #7f8c8d; }
table { border-collapse: collapse; margin: 6px 0; } th, td { padding: 4px 10px; border-bottom: 1px solid #eee; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.meta, .note { color: var(--muted); } p.note { font-size: 13px; }
.headline { border-left: 4px solid #b7950b; background: #fdf6e3; padding: 4px 12px; margin: 12px 0; }
figure { margin: 0 0 8px; }
.charts > figure { flex: 0 1 545px; max-width: 545px; }
.charts { display: flex; flex-wrap: wrap; gap: 12px 24px; }
svg.chart { max-width: 100%; height: auto; font-size: 11px; }
svg .axis, svg .tick { stroke: #444; } svg .grid { stroke: #eee; } svg .tick-label, svg .legend, svg .row-label { fill: #333; }
svg .axis-label { fill: #555; font-size: 12px; } svg .note { fill: var(--muted); }
svg .point.baseline, svg .mean.baseline { fill: var(--baseline); } svg .point.candidate, svg .mean.candidate { fill: var(--candidate); }
svg .point { fill-opacity: 0.75; } svg .box { fill-opacity: 0.15; stroke-width: 1.2; }
svg .box.baseline, svg .whisker.baseline, svg .median.baseline { stroke: var(--baseline); fill: var(--baseline); }
svg .box.candidate, svg .whisker.candidate, svg .median.candidate { stroke: var(--candidate); fill: var(--candidate); }
svg .median { stroke-width: 2.5; } svg .whisker { stroke-width: 1; }
svg .rope { fill: #2e8540; fill-opacity: 0.12; } svg .rope-label { fill: #2e8540; }
svg .density { fill: none; stroke: #333; stroke-width: 1.8; } svg .density-fill { fill: #333; fill-opacity: 0.08; }
svg .zero { stroke: #999; stroke-dasharray: 3 3; }
svg .band.baseline { fill: var(--baseline); fill-opacity: 0.18; } svg .band.candidate { fill: var(--candidate); fill-opacity: 0.18; }
svg .stop-marker { stroke: var(--candidate); stroke-width: 1.5; stroke-dasharray: 4 3; } svg .curve { fill: none; stroke-width: 2; } svg .curve.baseline { stroke: var(--baseline); } svg .curve.candidate { stroke: var(--candidate); }
svg .history-line { fill: none; stroke: #4c78a8; stroke-width: 1.2; } svg .history-point { fill: #4c78a8; }
svg .history-point.failed { stroke: var(--fail); stroke-width: 2; fill: none; }
svg .segment-mean { stroke: #999; stroke-width: 1.5; stroke-dasharray: 6 3; }
svg .change-point { stroke: var(--fail); stroke-width: 1.5; stroke-dasharray: 4 3; } svg .change-label { fill: var(--fail); }
.legend-key { display: inline-block; width: 10px; height: 10px; border-radius: 5px; margin: 0 4px 0 10px; }
.legend-key.baseline { background: var(--baseline); } .legend-key.candidate { background: var(--candidate); }
details > summary { cursor: pointer; }
details.config { border-top: 1px solid #ddd; padding-top: 4px; } details.config > summary { font-size: 1.25em; font-weight: 600; margin: 8px 0; }
pre { white-space: pre-wrap; background: #f7f7f7; padding: 6px 8px; border-radius: 4px; }
`;

// Shows each <time> in the viewer's local zone as well, leaving the UTC text when parsing fails.
const SCRIPT = `
document.querySelectorAll('time[datetime]').forEach(function (el) {
  var when = new Date(el.getAttribute('datetime'));
  if (!isNaN(when.getTime())) el.title = 'local time: ' + when.toLocaleString();
});
`;

/** A complete HTML document with the report's body; `title` is plain text. */
export function page(title: string, body: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // No request may leave the file: scripts and styles are inline, images are inline SVG.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    body,
    `<script>${SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
