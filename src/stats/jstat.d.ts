/** Types of the jstat functions mlreg uses, and of those test/stats/libraries.test.ts checks against the goldens (jstat ships none). */
declare module 'jstat' {
  const jStat: {
    normal: { cdf(x: number, mean: number, sd: number): number; inv(p: number, mean: number, sd: number): number };
    studentt: { cdf(x: number, df: number): number; inv(p: number, df: number): number };
    centralF: { cdf(x: number, d1: number, d2: number): number };
    chisquare: { inv(p: number, k: number): number };
    ibeta(x: number, a: number, b: number): number;
    gammaln(x: number): number;
    lowRegGamma(a: number, x: number): number;
    rank(values: number[]): number[];
  };
  export default jStat;
}
