/** Summary statistics of one sample, as every comparison and report shows it. */
export interface Describe {
  n: number;
  mean: number;
  sd: number;
  median: number;
  min: number;
  max: number;
}
