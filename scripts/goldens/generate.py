"""Generates mlreg's own SciPy goldens: test/fixtures/goldens/scipy-goldens.json.

    python3 scripts/goldens/generate.py

Covers what ../shared/reference/stats-cases.json does not: exact permutation tests, the BCa
interval from fixed bootstrap replicates, Holm and Benjamini-Hochberg adjustments, the variance
posterior, one-sided Mann-Whitney p, far-tail distribution values, and the Jeffreys posterior
P(candidate mean lower) by adaptive quadrature, and comparisons of data at the edges of the
floating-point range (1e-300, 1e150 and 1e308 scales, 1e9 +- 1e-3), descriptive statistics of every\narm (for the checks of simple-statistics against the hand-written ones), and ln Γ and the\nregularized incomplete gamma (for the checks of jstat).

    python3 scripts/goldens/generate.py --only scaledData

rewrites one section and leaves the others as they are (so a section can be added without
regenerating the rest with another SciPy version).
"""
import json
import math
import sys
from fractions import Fraction
from pathlib import Path

import numpy as np
import scipy
from scipy import integrate, optimize, special, stats

rng = np.random.default_rng(20260101)
OUT = Path(__file__).resolve().parents[2] / "test" / "fixtures" / "goldens" / "scipy-goldens.json"


def rounded(values, digits=6):
    return [round(float(v), digits) for v in values]


def permutation_cases():
    cases = []
    shapes = [(5, 6, "normal"), (7, 7, "exponential"), (4, 9, "ties"), (3, 3, "normal"), (8, 10, "lognormal")]
    for nb, nc, kind in shapes:
        if kind == "normal":
            b, c = rng.normal(10, 2, nb), rng.normal(11, 2, nc)
        elif kind == "exponential":
            b, c = rng.exponential(1, nb), rng.exponential(1.8, nc)
        elif kind == "lognormal":
            b, c = np.exp(rng.normal(0, 1, nb)), np.exp(rng.normal(0.6, 1, nc))
        else:
            b, c = np.round(rng.normal(5, 1, nb)), np.round(rng.normal(6, 1, nc))
        b, c = np.array(rounded(b)), np.array(rounded(c))
        res = stats.permutation_test(
            (c, b), lambda x, y, axis: np.mean(x, axis=axis) - np.mean(y, axis=axis),
            permutation_type="independent", alternative="two-sided", n_resamples=np.inf, vectorized=True,
        )
        cases.append({"baseline": b.tolist(), "candidate": c.tolist(), "statistic": float(res.statistic), "pValue": float(res.pvalue)})
    return cases


def jackknife_diff(b, c, stat):
    """Per-arm jackknife values of stat(c) - stat(b), as scipy's _bca_interval forms them."""
    jb = [stat(c) - stat(np.delete(b, i)) for i in range(len(b))]
    jc = [stat(np.delete(c, i)) - stat(b) for i in range(len(c))]
    return [jb, jc]


def bca_from_replicates(theta_hat, theta_b, jackknife, level):
    """The BCa interval exactly as scipy.stats.bootstrap (1.10+) computes it from replicates."""
    alpha = (1 - level) / 2
    percentile = ((theta_b < theta_hat).sum() + (theta_b <= theta_hat).sum()) / (2 * len(theta_b))
    z0 = special.ndtri(percentile)
    nums, dens = 0.0, 0.0
    for values in jackknife:
        values = np.asarray(values)
        n = len(values)
        u = (n - 1) * (values.mean() - values)
        nums += (u ** 3).sum() / n ** 3
        dens += (u ** 2).sum() / n ** 2
    a = nums / (6 * dens ** 1.5)
    z_lo, z_hi = special.ndtri(alpha), -special.ndtri(alpha)
    a1 = special.ndtr(z0 + (z0 + z_lo) / (1 - a * (z0 + z_lo)))
    a2 = special.ndtr(z0 + (z0 + z_hi) / (1 - a * (z0 + z_hi)))
    return float(np.percentile(theta_b, a1 * 100)), float(np.percentile(theta_b, a2 * 100))


def bca_cases():
    cases = []
    for nb, nc, stat_name in [(8, 10, "mean"), (12, 9, "median"), (5, 5, "mean"), (20, 15, "median")]:
        stat = np.mean if stat_name == "mean" else np.median
        b = np.array(rounded(np.exp(rng.normal(0, 0.7, nb))))
        c = np.array(rounded(np.exp(rng.normal(0.3, 0.7, nc))))
        theta_b = np.array([stat(rng.choice(c, nc)) - stat(rng.choice(b, nb)) for _ in range(999)])
        theta_hat = float(stat(c) - stat(b))
        jack = jackknife_diff(b, c, stat)
        lo, hi = bca_from_replicates(theta_hat, theta_b, jack, 0.95)
        # Cross-check the formula against SciPy's own bootstrap on the same data (different resamples).
        scipy_ci = stats.bootstrap((c, b), lambda x, y, axis: stat(x, axis=axis) - stat(y, axis=axis),
                                   method="BCa", n_resamples=20000, random_state=1, vectorized=True).confidence_interval
        cases.append({
            "statistic": stat_name, "baseline": b.tolist(), "candidate": c.tolist(),
            "estimate": theta_hat, "replicates": theta_b.tolist(), "jackknife": jack,
            "lower": lo, "upper": hi, "scipyBootstrap": [float(scipy_ci.low), float(scipy_ci.high)],
        })
    return cases


def holm(p):
    p = np.asarray(p, float)
    m = len(p)
    order = np.argsort(p, kind="stable")
    out = np.empty(m)
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p[i]))
        out[i] = running
    return out


def adjustment_cases():
    sets = [[0.01, 0.04, 0.03, 0.2, 0.005], [0.5, 0.001, 0.049, 0.051, 0.9, 0.02, 0.02], list(rng.uniform(0, 0.2, 12))]
    return [{"p": [float(x) for x in s], "holm": holm(s).tolist(), "bh": stats.false_discovery_control(s, method="bh").tolist()} for s in sets]


def variance_cases():
    cases = []
    for nb, nc, ratio in [(10, 10, 1.0), (5, 8, 0.5), (20, 12, 2.0), (3, 4, 0.3)]:
        b = np.array(rounded(rng.normal(0, 1, nb)))
        c = np.array(rounded(rng.normal(0, ratio, nc)))
        vb, vc = b.var(ddof=1), c.var(ddof=1)
        prob = stats.f.cdf(vb / vc, nb - 1, nc - 1)
        # Monte Carlo check of the posterior, sigma^2 = nu s^2 / chi2(nu).
        sb = (nb - 1) * vb / rng.chisquare(nb - 1, 400000)
        sc = (nc - 1) * vc / rng.chisquare(nc - 1, 400000)
        cases.append({"baseline": b.tolist(), "candidate": c.tolist(), "probCandidateVarianceLower": float(prob), "monteCarlo": float(np.mean(sc < sb))})
    return cases


def modified_deviations(x):
    """|x - median| with structural zeros removed (Hines & Hines 2000): odd n drops the median's
    zero; even n replaces the two equal middle deviations d, d by one, sqrt(2) * d."""
    x = np.sort(np.asarray(x, dtype=float))
    n, mid = len(x), len(x) // 2
    if n % 2 == 1:
        return np.abs(np.delete(x, mid) - x[mid])
    median = (x[mid - 1] + x[mid]) / 2
    rest = np.abs(np.delete(x, [mid - 1, mid]) - median)
    return np.append(rest, np.sqrt(2) * (x[mid] - x[mid - 1]) / 2)


def brown_forsythe_szr_cases():
    """Brown-Forsythe with structural zeros removed: scipy's one-way ANOVA on the modified deviations.
    Own generator, so the other sections keep their draws."""
    local = np.random.default_rng(20260102)
    cases = []
    for nb, nc, ratio in [(3, 3, 4.0), (5, 5, 1.0), (6, 6, 3.0), (5, 8, 0.4), (10, 10, 12.0), (20, 15, 1.5)]:
        b = np.array(rounded(local.normal(0, 1, nb)))
        c = np.array(rounded(local.normal(0, ratio, nc)))
        res = stats.f_oneway(modified_deviations(b), modified_deviations(c))
        plain = stats.levene(c, b, center="median")
        cases.append({"baseline": b.tolist(), "candidate": c.tolist(), "statistic": float(res.statistic), "pValue": float(res.pvalue), "plainPValue": float(plain.pvalue)})
    return cases


def one_sided_mann_whitney():
    cases = []
    for nb, nc in [(6, 7), (10, 10), (4, 12)]:
        b = np.array(rounded(rng.normal(0, 1, nb)))
        c = np.array(rounded(rng.normal(-1, 1, nc)))
        cases.append({
            "baseline": b.tolist(), "candidate": c.tolist(),
            "less": float(stats.mannwhitneyu(c, b, alternative="less", method="exact").pvalue),
            "greater": float(stats.mannwhitneyu(c, b, alternative="greater", method="exact").pvalue),
            "lessAsymptotic": float(stats.mannwhitneyu(c, b, alternative="less", method="asymptotic").pvalue),
        })
    return cases


def distribution_values():
    t_cases = [(40.0, 3.0), (8.0, 2.5), (-12.0, 17.3), (3.0, 1000.0), (25.0, 200.0), (0.3, 5.0), (60.0, 1.0)]
    beta_cases = [(0.001, 500.0, 0.5), (0.3, 2.5, 7.0), (0.999, 0.5, 400.0), (0.5, 1000.0, 1000.0), (1e-8, 0.5, 0.5)]
    f_cases = [(30.0, 1.0, 40.0), (0.01, 1.0, 8.0), (5.0, 9.0, 9.0)]
    normal_cases = [-38.0, -20.0, -8.5, -1.0, 0.0, 2.5]
    return {
        "studentTTwoSided": [{"t": t, "df": df, "p": float(2 * stats.t.sf(abs(t), df))} for t, df in t_cases],
        "studentTQuantile": [{"p": p, "df": df, "t": float(stats.t.ppf(p, df))} for p, df in [(0.975, 3.0), (1e-6, 7.0), (0.8, 18.0), (0.5, 2.0)]],
        "regularizedBeta": [{"x": x, "a": a, "b": b, "value": float(special.betainc(a, b, x))} for x, a, b in beta_cases],
        "fSf": [{"f": f, "d1": d1, "d2": d2, "value": float(stats.f.sf(f, d1, d2))} for f, d1, d2 in f_cases],
        "normalCdf": [{"z": z, "value": float(stats.norm.cdf(z))} for z in normal_cases],
        "normalQuantile": [{"p": p, "z": float(stats.norm.ppf(p))} for p in [1e-300, 1e-10, 0.025, 0.5, 0.9]],
        "chiSquareQuantile": [{"p": p, "k": k, "x": float(stats.chi2.ppf(p, k))} for p, k in [(0.2, 9), (0.05, 2), (0.975, 30)]],
    }


def bayes_cases():
    """P(candidate mean lower) by adaptive quadrature for the shared cases with uniform 30-vs-25 arms."""
    shared = json.loads((Path(__file__).resolve().parents[3] / "shared" / "reference" / "stats-cases.json").read_text())
    out = []
    for case in shared["cases"]:
        b, c = np.asarray(case["baseline"]), np.asarray(case["candidate"])
        kb, kc = b.std(ddof=1) / np.sqrt(len(b)), c.std(ddof=1) / np.sqrt(len(c))
        f = lambda t: stats.t.pdf(t, len(c) - 1) * stats.t.sf((c.mean() + kc * t - b.mean()) / kb, len(b) - 1)
        value, _ = integrate.quad(f, -np.inf, np.inf, epsabs=1e-13, limit=500)
        out.append({"id": case["id"], "probCandidateMeanLower": float(value)})
    return out


def t_test_power_cases():
    """Power of the two-sided pooled two-sample t-test from the noncentral t, and the effect (in sds) it detects with 80% power."""
    def power(d, nb, nc, alpha):
        df = nb + nc - 2
        delta = d / np.sqrt(1 / nb + 1 / nc)
        c = stats.t.ppf(1 - alpha / 2, df)
        # The lower tail as sf(c; -delta) (= cdf(-c; delta)): SciPy 1.17 returns NaN for cdf far in the tail.
        return float(stats.nct.sf(c, df, delta) + stats.nct.sf(c, df, -delta))

    cases = [(1.0, 17, 17, 0.05), (2.0, 3, 3, 0.05 / 90), (0.5, 10, 6, 0.05 / 3), (3.0, 6, 6, 0.05 / 6), (1.2, 20, 5, 0.01)]
    detectable = [(17, 17, 0.05), (3, 3, 0.05 / 90), (10, 6, 0.05 / 6), (6, 6, 0.05 / 3), (30, 30, 0.001), (10, 3, 0.05)]
    return {
        "power": [{"d": d, "nb": nb, "nc": nc, "alpha": a, "power": power(d, nb, nc, a)} for d, nb, nc, a in cases],
        "detectableAt80": [
            {"nb": nb, "nc": nc, "alpha": a, "d": float(optimize.brentq(lambda d: power(d, nb, nc, a) - 0.8, 1e-6, 1e3, xtol=1e-12))}
            for nb, nc, a in detectable
        ],
    }


def exact_mean_sd(values):
    """Mean and sample sd of the doubles as given, in exact rational arithmetic (rounded once at the end)."""
    xs = [Fraction(float(v)) for v in values]
    mean = sum(xs) / len(xs)
    variance = sum((x - mean) ** 2 for x in xs) / (len(xs) - 1)
    # The variance of 1e308-scale data is no double: take the root of variance / 4^e, times 2^e.
    e = (variance.numerator.bit_length() - variance.denominator.bit_length()) // 2
    return float(mean), math.sqrt(float(variance / Fraction(4) ** e)) * 2.0**e


def paired_cases():
    """Paired comparisons: ttest_rel, wilcoxon (zeros dropped; exact without ties or zeros, else the
    normal approximation with tie correction, no continuity correction) and the sign-flip permutation
    test (permutation_type='samples', exact). Baselines and candidates share a per-seed component."""
    local = np.random.default_rng(20261130)
    cases = []
    shapes = [(6, "normal", 0.5), (8, "normal", 0.9), (10, "exponential", 0.5), (13, "normal", 0.0), (12, "zeros", 0.5), (9, "ties", 0.5), (30, "normal", 0.5)]
    for n, kind, rho in shapes:
        shared = local.normal(0, 1, n)
        b = 10 + math.sqrt(rho) * shared + math.sqrt(1 - rho) * local.normal(0, 1, n)
        c = 10.4 + math.sqrt(rho) * shared + math.sqrt(1 - rho) * local.normal(0, 1, n)
        if kind == "exponential":
            b, c = np.exp(b - 10), np.exp(c - 10)
        if kind == "zeros":
            c[: n // 3] = b[: n // 3]
        b, c = np.array(rounded(b, 3)), np.array(rounded(c, 3))
        if kind == "ties":
            c = np.round(b + np.round(local.normal(0.5, 1, n)), 3)
        d = c - b
        t = stats.ttest_rel(c, b)
        has_zero = bool(np.any(d == 0))
        has_tie = len(np.unique(np.abs(d[d != 0]))) < int(np.sum(d != 0))
        method = "approx" if (has_zero or has_tie) else "exact"
        w = stats.wilcoxon(c, b, zero_method="wilcox", correction=False, method=method)
        case = {
            "kind": kind, "baseline": b.tolist(), "candidate": c.tolist(),
            "pairedT": {"statistic": float(t.statistic), "df": n - 1, "pValue": float(t.pvalue)},
            "wilcoxon": {"statistic": float(w.statistic), "pValue": float(w.pvalue), "method": "exact" if method == "exact" else "asymptotic"},
        }
        if n <= 16:
            res = stats.permutation_test(
                (c, b), lambda x, y, axis: np.mean(x - y, axis=axis),
                permutation_type="samples", alternative="two-sided", n_resamples=np.inf, vectorized=True,
            )
            case["permutation"] = {"statistic": float(res.statistic), "pValue": float(res.pvalue)}
        cases.append(case)
    return cases


def comparison_expectations(b, c):
    """SciPy's statistics of candidate versus baseline, on well-conditioned data."""
    welch = stats.ttest_ind(c, b, equal_var=False)
    nb, nc = len(b), len(c)
    vb, vc = b.var(ddof=1) / nb, c.var(ddof=1) / nc
    welch_df = (vb + vc) ** 2 / (vb**2 / (nb - 1) + vc**2 / (nc - 1))
    pooled = np.sqrt(((nb - 1) * b.var(ddof=1) + (nc - 1) * c.var(ddof=1)) / (nb + nc - 2))
    hedges = (c.mean() - b.mean()) / pooled * (1 - 3 / (4 * (nb + nc) - 9))
    levene = stats.levene(b, c, center="median")
    kb, kc = b.std(ddof=1) / np.sqrt(nb), c.std(ddof=1) / np.sqrt(nc)
    f = lambda t: stats.t.pdf(t, nc - 1) * stats.t.sf((c.mean() + kc * t - b.mean()) / kb, nb - 1)
    bayes, _ = integrate.quad(f, -np.inf, np.inf, epsabs=1e-13, limit=500)
    perm = stats.permutation_test(
        (c, b), lambda x, y, axis: np.mean(x, axis=axis) - np.mean(y, axis=axis),
        permutation_type="independent", alternative="two-sided", n_resamples=np.inf, vectorized=True,
    )
    return {
        "welch": {"statistic": float(welch.statistic), "df": float(welch_df), "pValue": float(welch.pvalue)},
        "mannWhitneyPValue": float(stats.mannwhitneyu(c, b, alternative="two-sided").pvalue),  # auto: exact up to 8 per arm, as mlreg
        "brownForsythe": {"statistic": float(levene.statistic), "pValue": float(levene.pvalue)},
        "hedgesG": float(hedges),
        "probCandidateMeanLower": float(bayes),
        "permutationPValue": float(perm.pvalue),
    }


def scaled_cases():
    """
    Comparisons at the edges of the double range. Every statistic mlreg reports except the
    data-unit ones is invariant to the data's scale and location, so SciPy computes them on the
    well-conditioned data (the unscaled base, or x - 1e9, exact by Sterbenz's lemma), where it is
    accurate; mlreg gets the scaled doubles. Means and sds are exact rational arithmetic on the
    doubles mlreg gets; the permutation's mean difference is SciPy's times the power of two.
    """
    local = np.random.default_rng(20261130)
    base_b = np.array(rounded(local.normal(10, 2, 8)))
    base_c = np.array(rounded(local.normal(13.5, 2, 8)))
    cases = []
    for name, exponent in [("1e-300 scale", -1000), ("1e150 scale", 500), ("1e308 scale", 1019)]:
        factor = 2.0 ** exponent
        b, c = base_b * factor, base_c * factor
        expected = comparison_expectations(base_b, base_c)
        expected["meanDifference"] = float((base_c.mean() - base_b.mean())) * factor
        cases.append({"name": name, "scaleExponent": exponent, "baseline": b.tolist(), "candidate": c.tolist(), "expected": expected})
    offset_b = np.round(local.normal(0, 1e-3, 10), 6)
    offset_c = np.round(local.normal(1.2e-3, 1e-3, 10), 6)
    b, c = 1e9 + offset_b, 1e9 + offset_c
    expected = comparison_expectations(b - 1e9, c - 1e9)
    expected["meanDifference"] = float(np.mean(c - 1e9) - np.mean(b - 1e9))
    cases.append({"name": "1e9 +- 1e-3", "scaleExponent": 0, "baseline": b.tolist(), "candidate": c.tolist(), "expected": expected})
    for case in cases:
        for arm in ("baseline", "candidate"):
            mean, sd = exact_mean_sd(case[arm])
            case["expected"][f"{arm}Mean"] = mean
            case["expected"][f"{arm}Sd"] = sd
    return cases


def descriptive_cases():
    """Descriptive statistics of every arm of the reference cases and of the scaled cases, for the
    library-versus-hand-written checks: exact mean and sd, the median, type-7 quantiles, SciPy's
    mid-ranks, and the moment skewness and excess kurtosis (bias=True)."""
    shared = json.loads((Path(__file__).resolve().parents[2] / "test" / "fixtures" / "reference" / "stats-cases.json").read_text())
    arms = [(f"{case['id']} {arm}", case[arm]) for case in shared["cases"] for arm in ("baseline", "candidate")]
    arms += [(f"{case['name']} {arm}", case[arm]) for case in scaled_cases() for arm in ("baseline", "candidate")]
    out = []
    for name, values in arms:
        xs = sorted(Fraction(float(v)) for v in values)
        n = len(xs)
        median = xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2
        quantiles = {}
        for p in (0.1, 0.25, 0.75, 0.9):
            h = (n - 1) * Fraction(p)
            lower = math.floor(h)
            upper = min(lower + 1, n - 1)
            quantiles[str(p)] = float(xs[lower] + (h - lower) * (xs[upper] - xs[lower]))
        mean, sd = exact_mean_sd(values)
        arr = np.asarray(values, dtype=float)
        skewness, excess_kurtosis = exact_shape(xs)
        out.append({
            "name": name,
            "values": [float(v) for v in values],
            "mean": mean,
            "sd": sd,
            "median": float(median),
            "quantiles": quantiles,
            "ranks": [float(r) for r in stats.rankdata(arr, method="average")],
            "skewness": skewness,
            "excessKurtosis": excess_kurtosis,
        })
    return out


def exact_shape(xs):
    """scipy.stats.skew and kurtosis (bias=True) in exact rational arithmetic: g1 = m3/m2^1.5, g2 = m4/m2^2 - 3."""
    n = len(xs)
    mean = sum(xs) / n
    m2, m3, m4 = (sum((x - mean) ** k for x in xs) / n for k in (2, 3, 4))
    if m2 == 0:
        return 0.0, 0.0
    skew_squared = m3 * m3 / (m2 * m2 * m2)
    return math.copysign(math.sqrt(float(skew_squared)), 1 if m3 >= 0 else -1), float(m4 / (m2 * m2) - 3)


def t_quantile(p, df):
    """The Student t quantile by inverting SciPy's cdf to machine precision: stats.t.ppf misses the
    exact quantiles of 1 and 2 degrees of freedom by up to 2e-9 relative (SciPy 1.10)."""
    if p < 0.5:
        return float(optimize.brentq(lambda t: special.stdtr(df, t) - p, -1e12, 0, xtol=1e-300, rtol=8.9e-16, maxiter=2000))
    return float(optimize.brentq(lambda t: (1 - p) - special.stdtr(df, -t), 0, 1e12, xtol=1e-300, rtol=8.9e-16, maxiter=2000))


def chi_square_quantile(p, k):
    """The chi-square quantile by inverting SciPy's cdf (lower tail) or survival function (upper) to machine precision."""
    if p < 0.5:
        return float(optimize.brentq(lambda x: special.chdtr(k, x) - p, 0, 1e6, xtol=1e-300, rtol=8.9e-16, maxiter=2000))
    return float(optimize.brentq(lambda x: (1 - p) - special.chdtrc(k, x), 0, 1e6, xtol=1e-300, rtol=8.9e-16, maxiter=2000))


def special_function_values():
    """ln Γ, the regularized lower incomplete gamma P(a, x) (including far tails), and Student t and
    chi-square quantiles over a grid of levels and degrees of freedom."""
    log_gamma_points = [1e-8, 0.1, 0.5, 1.0, 1.5, 2.5, 7.3, 15.0, 40.5, 171.5, 1e4, 1e7]
    gamma_cases = [(0.5, 1e-6), (2.5, 0.3), (4.0, 9.0), (10.0, 60.0), (100.0, 80.0), (0.5, 40.0)]
    grid = [(p, k) for k in (1, 2, 3, 5, 9, 19, 49, 199, 999) for p in (1e-6, 0.01, 0.05, 0.2, 0.8, 0.95, 0.99, 1 - 1e-6)]
    return {
        "studentTQuantileGrid": [{"p": p, "df": k, "t": t_quantile(p, k)} for p, k in grid],
        "chiSquareQuantileGrid": [{"p": p, "k": k, "x": chi_square_quantile(p, k)} for p, k in grid],
        "logGamma": [{"x": x, "value": float(special.gammaln(x))} for x in log_gamma_points],
        "regularizedGammaP": [{"a": a, "x": x, "value": float(special.gammainc(a, x)), "complement": float(special.gammaincc(a, x))} for a, x in gamma_cases],
    }


SECTIONS = {
    "permutation": permutation_cases,
    "bca": bca_cases,
    "adjustments": adjustment_cases,
    "variancePosterior": variance_cases,
    "brownForsytheSzr": brown_forsythe_szr_cases,
    "mannWhitneyOneSided": one_sided_mann_whitney,
    "distributions": distribution_values,
    "bayesQuadrature": bayes_cases,
    "tTestPower": t_test_power_cases,
    "scaledData": scaled_cases,
    "paired": paired_cases,
    "descriptive": descriptive_cases,
    "specialFunctions": special_function_values,
}


def main():
    only = sys.argv[sys.argv.index("--only") + 1:] if "--only" in sys.argv else None
    if only:
        data = json.loads(OUT.read_text())
        for name in only:
            data[name] = SECTIONS[name]()
        data.setdefault("sectionGenerators", {}).update({name: f"scipy {scipy.__version__}" for name in only})
    else:
        data = {"generator": f"scipy {scipy.__version__}", **{name: make() for name, make in SECTIONS.items()}}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, indent=1) + "\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
