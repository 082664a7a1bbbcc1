/** The two jstat functions the goldens test compares against (jstat ships no types). */
declare module 'jstat' {
  const jStat: {
    studentt: { cdf(x: number, df: number): number };
    ibeta(x: number, a: number, b: number): number;
  };
  export default jStat;
}
