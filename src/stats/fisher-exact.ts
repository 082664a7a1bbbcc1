/**
 * One-sided Fisher exact test that the candidate's failure rate exceeds the baseline's.
 * Table [[candidateFailed, candidateOk], [baselineFailed, baselineOk]]; the p-value is
 * P(X ≥ candidateFailed) under the hypergeometric null with all margins fixed
 * (Fisher 1935; SciPy's `fisher_exact(table, alternative='greater')`).
 */

/** P(X ≥ observed failures in the candidate arm) given the margins. */
export function fisherExactGreater(candidateFailed: number, candidateTotal: number, baselineFailed: number, baselineTotal: number): number {
  for (const [name, value] of Object.entries({ candidateFailed, candidateTotal, baselineFailed, baselineTotal })) {
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`fisherExactGreater: ${name} must be a non-negative integer, received ${value}`);
  }
  if (candidateFailed > candidateTotal || baselineFailed > baselineTotal) {
    throw new RangeError('fisherExactGreater: failures cannot exceed the total runs of an arm');
  }
  const failures = candidateFailed + baselineFailed;
  const total = candidateTotal + baselineTotal;
  const low = Math.max(0, failures - baselineTotal);
  const high = Math.min(failures, candidateTotal);
  const logDenominator = logChoose(total, failures);
  let tail = 0;
  let all = 0;
  for (let k = low; k <= high; k++) {
    const probability = Math.exp(logChoose(candidateTotal, k) + logChoose(baselineTotal, failures - k) - logDenominator);
    all += probability;
    if (k >= candidateFailed) tail += probability;
  }
  // Normalising by the summed support removes the rounding of the exp(log) terms.
  return Math.min(1, tail / all);
}

function logChoose(n: number, k: number): number {
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
}

const logFactorials: number[] = [0];
function logFactorial(n: number): number {
  for (let i = logFactorials.length; i <= n; i++) logFactorials[i] = logFactorials[i - 1]! + Math.log(i);
  return logFactorials[n]!;
}
