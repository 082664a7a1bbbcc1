/**
 * The words for what was found before the runs: a baseline recorded for other values of its
 * config, a gate that cannot fail on a metric, and what the gate can detect. Every reporter (and
 * the exit-2 message) says them the same way; each escapes them for its own format.
 */
import { shortFingerprint } from '../config/fingerprint.js';
import type { MetricPower } from '../model/gate-power.js';
import type { BaselineMismatch, RunDocument } from '../model/run-document.js';
import type { ConfigGate } from '../model/config-gate.js';
import type { SuiteDocument } from '../model/suite-document.js';
import { formatNumber, formatPValue, formatSigned } from './format/numbers.js';

/** A finding worth the top of a report: one line of title, lines of detail, what to do. */
export interface Headline {
  code: 'stale-baseline' | 'cannot-fail';
  title: string;
  details: string[];
  advice: string;
}

/** How many names a headline lists before "and N more". */
const LISTED = 6;

/** The headline of a baseline recorded for other values of its config. */
export function describeMismatch(m: BaselineMismatch, config?: string): Omit<Headline, 'code'> {
  const where = config && config !== m.config.name ? `${config}: ` : '';
  const title = `${where}Stale baseline: ${m.baselineFile} was recorded for other values of ${m.config.name} (${m.config.file})`;
  const details =
    m.differences === undefined
      ? [
          `The file predates stored configs, so the differing values are unknown: fingerprint ${shortFingerprint(m.recordedFingerprint)} when recorded, ${shortFingerprint(m.currentFingerprint)} now.`,
        ]
      : Object.keys(m.differences).length === 0
        ? [
            `No shown value differs (a redacted trainer.env value may have): fingerprint ${shortFingerprint(m.recordedFingerprint)} when recorded, ${shortFingerprint(m.currentFingerprint)} now.`,
          ]
        : Object.entries(m.differences).map(([key, [recorded, now]]) => `${key}: ${showValue(recorded)} when recorded, ${showValue(now)} now`);
  const advice =
    `If the change is intended, run \`mlreg run --config ${m.config.file}\` and ` +
    `\`mlreg baseline promote --config ${m.config.file}\`, and commit the new baseline in this PR; otherwise record it again with ` +
    `\`mlreg baseline record --config ${m.config.file}\`.`;
  return { title, details, advice };
}

/** The headline of metrics on which the gate cannot fail: no result could be significant after the adjustment. */
export function describeUnderpowered(metrics: Array<{ config?: string; power: MetricPower }>, allowed: boolean): Omit<Headline, 'code'> {
  const names = metrics.map(({ config, power }) => (config ? `${config}/${power.metric}` : power.metric));
  const listed = names.length > LISTED ? `${names.slice(0, LISTED).join(', ')} and ${names.length - LISTED} more` : names.join(', ');
  const title = `This gate cannot fail on ${listed}: no result can be significant with these seeds`;
  const groups = new Map<string, { power: MetricPower; count: number }>();
  for (const { power } of metrics) {
    const key = `${power.baselineRuns}/${power.candidateRuns}/${power.family.size}/${power.family.correction}/${power.alpha}`;
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { power, count: 1 });
  }
  const details = [...groups.values()].map(({ power: p, count }) => {
    const adjusted = p.family.correction === 'holm' && p.family.size > 1 ? `; Holm over ${p.family.size} tests makes it ${formatPValue(p.smallestAdjustedPValue)}` : '';
    const more = p.seedsToCanFail;
    const seeds =
      more === undefined
        ? ' No seed count up to 1,000 would make it possible against this baseline.'
        : ` ${more.candidate} candidate seeds${more.baseline > p.baselineRuns ? ` and ${more.baseline} baseline runs` : ''} would make it possible.`;
    return `${groups.size > 1 ? `${count} test${count === 1 ? '' : 's'}: ` : ''}with ${p.baselineRuns} baseline and ${p.candidateRuns} candidate runs the smallest p-value the test can give is ${formatPValue(p.smallestPValue)}${adjusted}, above alpha ${formatNumber(p.alpha)}.${seeds}`;
  });
  const advice = allowed
    ? 'Ran anyway (--allow-underpowered): a pass says nothing about these metrics.'
    : 'Run more seeds (`--seeds N`, or `seeds:` in the suite), decide fewer configs × metrics together, or use `correction: bh` in the suite; `--allow-underpowered` runs anyway and says so in every report.';
  return { title, details, advice };
}

/** One metric's power in a line: "fid: can detect ≥ +0.042 fid, 1.3 sd (…)". */
export function describeMetricPower(p: MetricPower): string {
  const runs = `${p.baselineRuns} baseline vs ${p.candidateRuns} candidate runs`;
  const family = p.family.size > 1 && p.family.correction !== 'none' ? `, ${p.family.size} tests (${p.family.correction === 'holm' ? 'Holm' : 'BH'})` : '';
  if (!p.canFail)
    return `${p.metric}: cannot fail (smallest p ${formatPValue(p.smallestPValue)}, ${formatPValue(p.smallestAdjustedPValue)} after the adjustment, above alpha ${formatNumber(p.alpha)}; ${runs}${family})`;
  if (!p.detectable) return `${p.metric}: can fail; the detectable difference is known once the baseline has runs (${runs}${family})`;
  const d = p.detectable;
  const worse = p.direction === 'lower' ? d.difference : -d.difference;
  return `${p.metric}: can detect ≥ ${formatSigned(worse)} ${p.metric}, ${formatNumber(d.sds, 2)} sd (${formatNumber(d.power * 100, 2)}% power at level ${formatPValue(d.level)}; ${runs}${family})`;
}

/** The headlines of a run: a stale baseline, metrics that cannot fail. */
export function runHeadlines(doc: RunDocument): Headline[] {
  const headlines: Headline[] = [];
  if (doc.baselineMismatch) headlines.push({ code: 'stale-baseline', ...describeMismatch(doc.baselineMismatch) });
  const underpowered = (doc.power?.metrics ?? []).filter((m) => !m.canFail).map((power) => ({ power }));
  if (underpowered.length > 0) headlines.push({ code: 'cannot-fail', ...describeUnderpowered(underpowered, doc.power?.allowUnderpowered ?? false) });
  return headlines;
}

/** The headlines of a suite: each stale baseline, and one for every config × metric that cannot fail. */
export function suiteHeadlines(doc: SuiteDocument): Headline[] {
  const headlines: Headline[] = [];
  const seen = new Set<string>();
  for (const run of doc.configs) {
    const m = run.baselineMismatch;
    if (!m || seen.has(m.baselineFile)) continue;
    seen.add(m.baselineFile);
    headlines.push({ code: 'stale-baseline', ...describeMismatch(m) });
  }
  const underpowered = doc.configs.flatMap((run) => (run.power?.metrics ?? []).filter((m) => !m.canFail).map((power) => ({ config: run.config.name, power })));
  if (underpowered.length > 0) {
    const allowed = doc.configs.some((run) => run.power?.allowUnderpowered);
    headlines.push({ code: 'cannot-fail', ...describeUnderpowered(underpowered, allowed) });
  }
  return headlines;
}

function showValue(value: unknown): string {
  return value === undefined ? '(unset)' : JSON.stringify(value);
}

/** `config show`'s gate block, as YAML comments under the resolved config. */
export function formatConfigGate(gate: ConfigGate): string {
  const baseline =
    'file' in gate.baseline
      ? `compared with ${gate.baseline.file}`
      : 'runs' in gate.baseline
        ? `no baseline yet: ${gate.baseline.runs} runs first and records it`
        : 'unreadable' in gate.baseline
          ? `cannot be read: ${gate.baseline.unreadable.split('\n')[0]}`
          : 'no baseline yet: the first run records it';
  const lines = [`# baseline: ${baseline}`];
  if (gate.mismatch) {
    const { title, details, advice } = describeMismatch(gate.mismatch);
    lines.push(`# ${title}`, ...details.map((detail) => `#   ${detail}`), `#   ${advice}`);
  }
  if (gate.power.length > 0) lines.push("# power (with the config's seeds, its metrics decided together):", ...gate.power.map((m) => `#   ${describeMetricPower(m)}`));
  return `${lines.join('\n')}\n`;
}
