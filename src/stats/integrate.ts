/**
 * Adaptive Gauss–Kronrod (7–15 point) quadrature on a finite interval.
 * Nodes and weights from QUADPACK `qk15` (Piessens et al. 1983); the error estimate is |K15 − G7|.
 */

const XGK = [
  0.991455371120812639206854697526329, 0.949107912342758524526189684047851, 0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
  0.586087235467691130294144845693013, 0.405845151377397166906606412076961, 0.207784955007898467600689403773245, 0,
];
const WGK = [
  0.02293532201052922496373200805897, 0.063092092629978553290700663189204, 0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
  0.16900472663926790282658342659855, 0.190350578064785409913256402421014, 0.204432940075298892414161999234649, 0.209482141084727828012999174891714,
];
const WG = [0.129484966168869693270611432679082, 0.27970539148927666790146777142378, 0.381830050505118944950369775488975, 0.417959183673469387755102040816327];

function kronrod(f: (x: number) => number, a: number, b: number): { value: number; error: number } {
  const centre = (a + b) / 2;
  const half = (b - a) / 2;
  const fc = f(centre);
  let kronrodSum = fc * WGK[7]!;
  let gaussSum = fc * WG[3]!;
  for (let j = 0; j < 7; j++) {
    const dx = half * XGK[j]!;
    const pair = f(centre - dx) + f(centre + dx);
    kronrodSum += WGK[j]! * pair;
    if (j % 2 === 1) gaussSum += WG[(j - 1) / 2]! * pair;
  }
  return { value: kronrodSum * half, error: Math.abs((kronrodSum - gaussSum) * half) };
}

/** ∫ₐᵇ f(x) dx to an absolute tolerance (default 1e-10), bisecting panels whose error is too large. */
export function integrate(f: (x: number) => number, a: number, b: number, tolerance = 1e-10, panels = 8): number {
  const step = (b - a) / panels;
  let total = 0;
  const refine = (lo: number, hi: number, tol: number, depth: number): number => {
    const { value, error } = kronrod(f, lo, hi);
    if (error <= tol || depth >= 30) return value;
    const mid = (lo + hi) / 2;
    return refine(lo, mid, tol / 2, depth + 1) + refine(mid, hi, tol / 2, depth + 1);
  };
  for (let i = 0; i < panels; i++) total += refine(a + i * step, a + (i + 1) * step, tolerance / panels, 0);
  return total;
}
