/**
 * The metric distributions of the benchmark, each standardised to mean 0 and standard deviation 1
 * so that a shift is expressed in baseline standard deviations.
 */

import type { Random } from '../../stats/random.js';

export interface Distribution {
  name: string;
  /** A draw with mean 0 and standard deviation 1. */
  draw(random: Random): number;
}

const LOG_NORMAL_SIGMA = 1;
const logNormalMean = Math.exp(LOG_NORMAL_SIGMA ** 2 / 2);
const logNormalSd = Math.sqrt((Math.exp(LOG_NORMAL_SIGMA ** 2) - 1) * Math.exp(LOG_NORMAL_SIGMA ** 2));
// Bimodal: an even mixture of N(±1.5, 0.5²); its standard deviation is √(1.5² + 0.5²).
const BIMODAL_SD = Math.sqrt(1.5 ** 2 + 0.5 ** 2);

/** Student's t with 3 degrees of freedom as Z / √(χ²₃/3); its standard deviation is √3. */
function studentT3(random: Random): number {
  const z = random.normal();
  let chiSquare = 0;
  for (let i = 0; i < 3; i++) chiSquare += random.normal() ** 2;
  return z / Math.sqrt(chiSquare / 3) / Math.sqrt(3);
}

export const DISTRIBUTIONS: readonly Distribution[] = [
  { name: 'normal', draw: (random) => random.normal() },
  {
    name: 'log-normal',
    draw: (random) => (Math.exp(LOG_NORMAL_SIGMA * random.normal()) - logNormalMean) / logNormalSd,
  },
  { name: 'exponential', draw: (random) => -Math.log(1 - random.next()) - 1 },
  { name: 'student-t(3)', draw: studentT3 },
  {
    name: 'bimodal',
    draw: (random) => ((random.next() < 0.5 ? -1.5 : 1.5) + 0.5 * random.normal()) / BIMODAL_SD,
  },
  { name: 'uniform', draw: (random) => (random.next() - 0.5) * Math.sqrt(12) },
];
