/** ANSI styling for the console reporter, applied only when colours were asked for. */
import type { MetricVerdict } from '../../model/comparison.js';
import type { OverallVerdict } from '../../model/run-document.js';

export interface Styler {
  bold(text: string): string;
  dim(text: string): string;
  verdict(verdict: MetricVerdict | OverallVerdict, text: string): string;
}

const CODES = { red: 31, green: 32, yellow: 33, magenta: 35, bold: 1, dim: 2 } as const;

const VERDICT_COLOR: Record<MetricVerdict | OverallVerdict, keyof typeof CODES | undefined> = {
  regression: 'red',
  suspicious: 'magenta',
  improvement: 'green',
  equivalent: undefined,
  inconclusive: 'yellow',
  pass: 'green',
  fail: 'red',
  error: 'yellow',
};

/** A styler that emits ANSI codes when `color` is true and returns text untouched otherwise. */
export function createStyler(color: boolean): Styler {
  const wrap = (code: keyof typeof CODES, text: string): string => (color ? `\u001b[${CODES[code]}m${text}\u001b[0m` : text);
  return {
    bold: (text) => wrap('bold', text),
    dim: (text) => wrap('dim', text),
    verdict: (verdict, text) => {
      const code = VERDICT_COLOR[verdict];
      return code ? wrap(code, text) : text;
    },
  };
}
