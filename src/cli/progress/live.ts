/** The live progress block for a terminal, as text: pure (state and clock in, lines out). */
import { etaSeconds, type ArmProgress, type ProgressState } from './state.js';
import { formatDuration, formatMetrics } from './format.js';

const BAR_WIDTH = 12;

/** The block's lines for the arm running now (none when no arm runs), each at most `columns` wide. */
export function renderLive(state: ProgressState, now: number, columns: number): string[] {
  const active = [...state.arms].reverse().find((entry) => entry.endedAt === undefined);
  if (!active) return [];
  const lines = [armLine(active, now)];
  const latest = state.latest;
  if (latest && latest.arm === active.arm) {
    const step = `step ${latest.point.step}`;
    lines.push(`  latest: seed ${latest.seed} ${step}  ${formatMetrics(latest.point.values)}`);
  }
  // biome-ignore lint/suspicious/noFocusedTests: fit() fits a line to the terminal's width; this is not a test file
  return lines.map((line) => fit(line, columns));
}

/** `candidate wider  [#####·····]  5/20 done · 2 running · 1 failed · 0:42 elapsed · ETA 1:30`. */
function armLine(entry: ArmProgress, now: number): string {
  const elapsed = (now - entry.startedAt) / 1000;
  const eta = etaSeconds(entry, now);
  const parts = [
    `${entry.done}/${entry.total} done`,
    `${entry.running.size} running`,
    `${entry.notOk} failed`,
    `${formatDuration(elapsed)} elapsed`,
    `ETA ${eta === undefined ? '–' : formatDuration(eta)}`,
  ];
  return `${entry.arm} ${entry.configName}  ${bar(entry.done, entry.total)}  ${parts.join(' · ')}`;
}

function bar(done: number, total: number): string {
  const filled = total > 0 ? Math.round((done / total) * BAR_WIDTH) : 0;
  return `[${'#'.repeat(filled)}${'·'.repeat(BAR_WIDTH - filled)}]`;
}

/** Cuts a line to the terminal's width, so it never wraps (a wrapped line breaks the redraw). */
function fit(line: string, columns: number): string {
  const width = Math.max(columns - 1, 10);
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
}
