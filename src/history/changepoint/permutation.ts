/**
 * The permutation null of E-divisive's split statistic, one segment at a time. Under "no further
 * change", the values of each current segment are exchangeable; permuting within every segment
 * and taking the largest Q̂ over all segments gives one draw of the statistic's null (Matteson &
 * James 2014, §3.2). Segments are permuted independently, so each keeps its own draws: when a
 * segment splits, only its two halves need new ones, and the rest are reused by every later test
 * (and by later detections, cache.ts).
 */

/** The permutation draws of one segment's largest Q̂ (segment.ts). */
export interface SegmentNull {
  /** Whether the r-th draw is already known (cheap to read). */
  has(r: number): boolean;
  /** The largest Q̂ of the r-th permutation (0-based), −∞ when the segment cannot be split. */
  maximum(r: number): number;
  /** Share of all orderings reaching `threshold` when the segment is short enough to enumerate; else undefined. */
  exactTail(threshold: number): number | undefined;
}

/**
 * The exact permutation p-value of `observed` when every segment is short enough to enumerate:
 * segments are permuted independently, so P(largest Q̂ over segments ≥ observed) =
 * 1 − Π (1 − tail of each segment). Undefined when a segment is too long.
 */
export function exactPermutationPValue(nulls: readonly SegmentNull[], observed: number): number | undefined {
  const threshold = tieTolerant(observed);
  let below = 1;
  for (const segment of nulls) {
    const tail = segment.exactTail(threshold);
    if (tail === undefined) return undefined;
    below *= 1 - tail;
  }
  return 1 - below;
}

export interface PermutationTest {
  /** Monte Carlo p-value (1 + #{null ≥ observed}) / (1 + draws made). */
  pValue: number;
  /** Whether the test rejects "no further change" at its level. */
  significant: boolean;
  /** Whether the test stopped before drawing all `permutations`. */
  stoppedEarly: boolean;
}

/**
 * The permutation p-value of `observed` against the largest Q̂ over all segments. Stops as soon
 * as too many draws reach `observed` for the p-value to be ≤ `level` (Besag & Clifford 1991,
 * "Sequential Monte Carlo p-values", Biometrika 78(2)): on a series without a further change this
 * usually takes a few dozen draws instead of all of them, and the decision is the same.
 */
export function permutationTest(nulls: readonly SegmentNull[], observed: number, permutations: number, level: number): PermutationTest {
  const threshold = tieTolerant(observed);
  const allowed = Math.floor(level * (permutations + 1) + 1e-9) - 1;
  let atLeastAsLarge = 0;
  for (let r = 0; r < permutations; r++) {
    if (reaches(nulls, r, threshold)) atLeastAsLarge++;
    if (atLeastAsLarge > allowed) return { pValue: (1 + atLeastAsLarge) / (2 + r), significant: false, stoppedEarly: r + 1 < permutations };
  }
  return { pValue: (1 + atLeastAsLarge) / (1 + permutations), significant: true, stoppedEarly: false };
}

/**
 * A two-stage Monte Carlo test that also stops early when the change is clear: significant after
 * `design.firstStage` draws if none of them reaches `observed`; otherwise it goes on to all
 * `permutations` and is significant when at most `design.allowed` reach it; it stops, not
 * significant, as soon as more do (as permutationTest does). Its level is `design.level` ≤ the
 * requested one, exactly (see earlyAcceptanceDesign): a change as clear as most that get
 * reported costs `firstStage` draws instead of all of them.
 */
export function twoStagePermutationTest(nulls: readonly SegmentNull[], observed: number, permutations: number, design: EarlyAcceptanceDesign): PermutationTest {
  const threshold = tieTolerant(observed);
  let atLeastAsLarge = 0;
  for (let r = 0; r < permutations; r++) {
    if (reaches(nulls, r, threshold)) atLeastAsLarge++;
    if (atLeastAsLarge > design.allowed) return { pValue: (1 + atLeastAsLarge) / (2 + r), significant: false, stoppedEarly: r + 1 < permutations };
    if (r + 1 === design.firstStage && atLeastAsLarge === 0) return { pValue: 1 / (2 + r), significant: true, stoppedEarly: r + 1 < permutations };
  }
  return { pValue: (1 + atLeastAsLarge) / (1 + permutations), significant: true, stoppedEarly: false };
}

export interface EarlyAcceptanceDesign {
  /** Draws after which a test none of them reaches is significant. */
  firstStage: number;
  /** Most draws of all `permutations` that may reach the observed value for it to be significant. */
  allowed: number;
  /** Chance of a significant result when there is no change (exact, ≤ the requested level). */
  level: number;
}

/**
 * The earliest first stage for `permutations` draws at `level`, with the final allowance one
 * below the plain test's. Under "no change" the observed Q̂ and the draws are exchangeable, so the
 * number c of all n draws reaching it is uniform on 0..n and, given c, those draws are a random
 * c-subset: P(none among the first k) = C(n−k, c) / C(n, c). The level of "c ≤ a, or none among
 * the first k" is therefore (1/(n+1)) · Σ_c [c ≤ a or C(n−k, c)/C(n, c)], computed exactly here.
 * Undefined when no first stage fits (the plain test's allowance is already 0).
 */
export function earlyAcceptanceDesign(permutations: number, level: number): EarlyAcceptanceDesign | undefined {
  const n = permutations;
  const allowed = Math.floor(level * (n + 1) + 1e-9) - 2;
  if (allowed < 0) return undefined;
  for (let k = Math.ceil(1 / level) - 1; k < n; k++) {
    let total = allowed + 1;
    let noneInFirst = 1;
    for (let c = 1; c <= n; c++) {
      noneInFirst *= Math.max(0, n - k - c + 1) / (n - c + 1);
      if (c > allowed) total += noneInFirst;
    }
    const designLevel = total / (n + 1);
    if (designLevel <= level + 1e-12) return { firstStage: k, allowed, level: designLevel };
  }
  return undefined;
}

/** A relative tolerance keeps permutations that reproduce the observed split from losing ties to rounding. */
function tieTolerant(observed: number): number {
  return observed - 1e-12 * Math.abs(observed);
}

// Whether the r-th draw of any segment reaches the threshold; draws already made are read first.
function reaches(nulls: readonly SegmentNull[], r: number, threshold: number): boolean {
  for (const segment of nulls) if (segment.has(r) && segment.maximum(r) >= threshold) return true;
  for (const segment of nulls) if (!segment.has(r) && segment.maximum(r) >= threshold) return true;
  return false;
}
