#!/usr/bin/python3
"""Reference vectors for Experimentation.Statistics, from scipy and statsmodels.

Run with Debian's interpreter (python3-scipy 1.10, python3-statsmodels 0.13):

    /usr/bin/python3 tests/Experimentation.Statistics.Tests/vectors/generate.py

It rewrites vectors.json beside this script. Every case names the library function that produced its expected
values. Where scipy has no function (mSPRT, delta-method CIs, novelty), the formula from docs/statistics.md is
evaluated here with numpy/scipy special functions, independently of the C# code.
"""
import json
import math
import os
from fractions import Fraction

import numpy as np
import scipy
import statsmodels
from scipy import stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.power import NormalIndPower

rng = np.random.default_rng(20240611)
cases = []


def add(kind, source, inputs, expected):
    cases.append({"id": f"{kind}-{sum(1 for c in cases if c['kind'] == kind) + 1:03d}", "kind": kind,
                  "source": source, "input": inputs, "expected": expected})


def f(x):
    return float(x)


# --- Student t tail probabilities and quantiles -------------------------------------------------------------------
for t, df in [(0.5, 3), (2.0, 10), (8.0, 4), (40.0, 10), (3.0, 2.5), (12.0, 1e6), (5.0, 2e6), (0.01, 1e7),
              (25.0, 30), (1.5, 1.2), (60.0, 50), (1.0, 1.0), (38.0, 3000), (6.0, 5000), (2.0, 3500),
              (0.3, 1e5), (2.5, 96000)]:
    add("t_pvalue", "scipy.stats.t.cdf (p = 2*cdf(-|t|, df))", {"t": t, "df": df},
        {"p": f(2 * stats.t.cdf(-abs(t), df))})
for tail, df in [(0.025, 1.0), (0.025, 2.0), (0.025, 3.3), (0.025, 9), (0.005, 4), (1e-6, 12), (1e-10, 30),
                 (0.025, 1e3), (0.025, 2e6), (0.05, 1.5), (0.4, 7), (1e-4, 2.2), (1e-10, 1000), (0.025, 999),
                 (0.025, 1500), (0.005, 96000)]:
    add("t_quantile", "scipy.stats.t.isf", {"tail": tail, "df": df}, {"q": f(stats.t.isf(tail, df))})


# --- Welch t-test ------------------------------------------------------------------------------------------------
def welch_expected(c, t, alpha, method):
    se2 = t["var"] / t["n"] + c["var"] / c["n"]
    se = math.sqrt(se2)
    delta = t["mean"] - c["mean"]
    if method == "welch":
        df = se2 ** 2 / ((t["var"] / t["n"]) ** 2 / (t["n"] - 1) + (c["var"] / c["n"]) ** 2 / (c["n"] - 1))
        res = stats.ttest_ind_from_stats(t["mean"], math.sqrt(t["var"]), t["n"], c["mean"], math.sqrt(c["var"]),
                                         c["n"], equal_var=False)
        tstat, p = res.statistic, res.pvalue
    else:
        df = t["n"] + c["n"] - 2.0
        tstat = delta / se
        p = 2 * stats.t.cdf(-abs(tstat), df)
    q = stats.t.isf(alpha / 2, df)
    out = {"delta": delta, "se": se, "t": f(tstat), "df": df, "p": f(p),
           "ci_lower": delta - q * se, "ci_upper": delta + q * se, "error": "None"}
    out.update(lift_expected(c, t, q))
    return out


def lift_expected(c, t, q):
    if c["mean"] == 0:
        return {"error": "ZeroBaseline"}
    lift = (t["mean"] - c["mean"]) / abs(c["mean"])
    var = t["var"] / (t["n"] * c["mean"] ** 2) + c["var"] * t["mean"] ** 2 / (c["n"] * c["mean"] ** 4)
    half = q * math.sqrt(var)
    return {"lift": lift, "lift_lower": lift - half, "lift_upper": lift + half}


def arm(n, mean, var):
    return {"n": int(n), "mean": float(mean), "var": float(var)}


WELCH = "scipy.stats.ttest_ind_from_stats(equal_var=False); df, CI (scipy.stats.t.isf) and delta-method lift by formula"
POOLED = "scipy.stats.t.cdf with df = nT+nC-2 on the Welch SE; CI with scipy.stats.t.isf; delta-method lift by formula"
welch_inputs = [
    (arm(2, 10.0, 4.0), arm(2, 13.0, 9.0), 0.05),
    (arm(3, 1.0, 0.25), arm(5, 1.8, 0.5), 0.05),
    (arm(4, 100.0, 20.0), arm(3, 90.0, 35.0), 0.1),
    (arm(5, 5.0, 1.0), arm(5, 5.0, 1.0), 0.05),
    (arm(1_000_000, 20.0, 400.0), arm(1_000_000, 20.05, 410.0), 0.05),
    (arm(3_000_000, 0.5, 0.25), arm(2_500_000, 0.498, 0.2499), 0.05),
    (arm(10_000_000, 3.2, 9.0), arm(10_000_000, 3.25, 9.5), 0.01),
    (arm(50, 10.0, 1.0), arm(20, 11.0, 100.0), 0.05),
    (arm(1000, 50.0, 2500.0), arm(40, 40.0, 25.0), 0.05),
    (arm(200, -3.0, 4.0), arm(200, -2.0, 5.0), 0.05),
    (arm(30, 10.0, 4.0), arm(30, 40.0, 4.0), 0.05),
    (arm(1000, 1e6, 0.01), arm(1000, 1e6 + 0.001, 0.012), 0.05),
    (arm(10, 7.0, 0.0), arm(12, 8.0, 3.0), 0.05),
]
for _ in range(17):
    nc, nt = (int(x) for x in rng.choice([2, 3, 4, 5, 12, 80, 500, 5000, 200000], size=2))
    mc = float(rng.normal(10, 5))
    mt = mc * float(1 + rng.normal(0, 0.1))
    vc, vt = float(rng.uniform(0.5, 30)), float(rng.uniform(0.5, 60))
    welch_inputs.append((arm(nc, mc, vc), arm(nt, mt, vt), float(rng.choice([0.05, 0.1, 0.01]))))
for c, t, alpha in welch_inputs:
    add("welch", WELCH, {"control": c, "treatment": t, "alpha": alpha, "df_method": "welch"},
        welch_expected(c, t, alpha, "welch"))
for c, t, alpha in welch_inputs[:10]:
    add("welch", POOLED, {"control": c, "treatment": t, "alpha": alpha, "df_method": "pooled"},
        welch_expected(c, t, alpha, "pooled"))


# --- Numerical stability: values near 1e6 with a small spread, exact rational reference --------------------------
def exact_variance(values):
    xs = [Fraction(v) for v in values]
    mean = sum(xs) / len(xs)
    return float(sum((x - mean) ** 2 for x in xs) / (len(xs) - 1)), float(mean)


for base, spread, n in [(1e6, 0.1, 1000), (1e6, 1e-3, 500), (1e9, 1.0, 300), (123456.789, 1e-4, 200)]:
    values = [float(v) for v in base + spread * rng.standard_normal(n)]
    var, mean = exact_variance(values)
    add("stability", "fractions.Fraction (exact rational arithmetic on the float64 inputs)",
        {"values": values}, {"mean": mean, "var": var})


# --- Conversions: 2x2 chi-squared --------------------------------------------------------------------------------
def conversion_expected(c, t, alpha, correction):
    obs = np.array([[c["c"], c["n"] - c["c"]], [t["c"], t["n"] - t["c"]]])
    chi2, p, _, _ = stats.chi2_contingency(obs, correction=correction)
    pc, pt = c["c"] / c["n"], t["c"] / t["n"]
    vc, vt = pc * (1 - pc), pt * (1 - pt)
    se = math.sqrt(vt / t["n"] + vc / c["n"])
    z = stats.norm.isf(alpha / 2)
    out = {"chi2": f(chi2), "p": f(p), "delta": pt - pc, "se": se, "ci_lower": pt - pc - z * se,
           "ci_upper": pt - pc + z * se, "error": "None"}
    out.update(lift_expected({"n": c["n"], "mean": pc, "var": vc}, {"n": t["n"], "mean": pt, "var": vt}, z))
    return out


conv_inputs = [((2, 1), (3, 2)), ((5, 1), (4, 3)), ((100, 10), (100, 20)), ((1000, 100), (1000, 90)),
               ((1_000_000, 50_000), (1_000_000, 51_000)), ((5_000_000, 100_000), (5_000_000, 103_000)),
               ((20, 0), (20, 5)), ((30, 30), (30, 25)), ((10_000, 1200), (9_000, 1000)), ((500, 250), (500, 320)),
               ((2_000_000, 20_000), (2_000_000, 19_000)), ((40, 3), (45, 4))]
for (nc, cc), (nt, ct) in conv_inputs:
    for correction in (False, True):
        c, t = {"n": nc, "c": cc}, {"n": nt, "c": ct}
        add("conversion", f"scipy.stats.chi2_contingency(correction={correction}); unpooled normal CI and "
            "delta-method lift by formula with scipy.stats.norm.isf",
            {"control": c, "treatment": t, "alpha": 0.05, "correction": correction},
            conversion_expected(c, t, 0.05, correction))


# --- Ratio metrics by the delta method ---------------------------------------------------------------------------
def ratio_arm(n, sessions, value, lift=0.0):
    d = rng.poisson(sessions, n) + 1.0
    m = d * rng.gamma(2.0, value * (1 + lift) / 2.0, n)
    s = {"n": n, "sum_m": math.fsum(m), "sum_d": math.fsum(d), "sum_mm": math.fsum(m * m),
         "sum_dd": math.fsum(d * d), "sum_md": math.fsum(m * d)}
    mu_m, mu_d = s["sum_m"] / n, s["sum_d"] / n
    cov = np.cov(m, d, ddof=1)
    var = cov[0, 0] / mu_d ** 2 + cov[1, 1] * mu_m ** 2 / mu_d ** 4 - 2 * cov[0, 1] * mu_m / mu_d ** 3
    return s, arm(n, mu_m / mu_d, var)


for n_c, n_t, lift in [(3, 4, 0.0), (5, 5, 0.2), (50, 60, -0.1), (1000, 1000, 0.05), (20000, 25000, -0.02),
                       (200000, 200000, 0.01), (8, 30, 0.3), (400, 90, -0.2)]:
    sc, ac = ratio_arm(n_c, 3.0, 10.0)
    st, at = ratio_arm(n_t, 3.0, 10.0, lift)
    add("ratio", "numpy.cov(ddof=1) delta-method variance + scipy.stats.ttest_ind_from_stats(equal_var=False)",
        {"control": sc, "treatment": st, "alpha": 0.05}, welch_expected(ac, at, 0.05, "welch"))


# --- Sample size, MDE, power -------------------------------------------------------------------------------------
power_solver = NormalIndPower()
for var, mde, alpha, power in [(9.0, 0.1, 0.05, 0.8), (1.0, 0.05, 0.05, 0.8), (400.0, 1.0, 0.05, 0.9),
                               (2.5, 0.3, 0.01, 0.8), (0.25, 0.01, 0.1, 0.95), (100.0, 5.0, 0.05, 0.5)]:
    za, zb = stats.norm.isf(alpha / 2), stats.norm.ppf(power)
    exact = (za + zb) ** 2 * 2 * var / mde ** 2
    nobs = power_solver.solve_power(effect_size=mde / math.sqrt(var), alpha=alpha, power=power, ratio=1.0)
    add("sample_size", "formula with scipy.stats.norm.isf/ppf; ceiling checked against "
        "statsmodels NormalIndPower.solve_power", {"var": var, "mde": mde, "alpha": alpha, "power": power},
        {"exact": exact, "n": math.ceil(exact), "statsmodels_n": math.ceil(nobs)})
    n = math.ceil(exact)
    add("power", "statsmodels NormalIndPower.power (two-sided)", {"var": var, "mde": mde, "alpha": alpha, "n": n},
        {"power": f(power_solver.power(effect_size=mde / math.sqrt(var), nobs1=n, alpha=alpha, ratio=1.0))})
    add("mde", "formula with scipy.stats.norm.isf/ppf", {"var": var, "n": n, "alpha": alpha, "power": power},
        {"mde": (za + zb) * math.sqrt(2 * var / n)})
for rate, mde, two_rates in [(0.1, 0.01, False), (0.1, 0.01, True), (0.5, 0.02, False), (0.02, 0.002, True),
                             (0.3, -0.03, True), (0.05, 0.005, False)]:
    za, zb = stats.norm.isf(0.025), stats.norm.ppf(0.8)
    v2 = rate * (1 - rate) + (rate + mde) * (1 - rate - mde) if two_rates else 2 * rate * (1 - rate)
    exact = (za + zb) ** 2 * v2 / mde ** 2
    expected = {"exact": exact, "n": math.ceil(exact)}
    if not two_rates:
        expected["statsmodels_n"] = math.ceil(power_solver.solve_power(
            effect_size=mde / math.sqrt(rate * (1 - rate)), alpha=0.05, power=0.8, ratio=1.0))
    add("conversion_sample_size", "formula with scipy.stats.norm.isf/ppf; baseline form checked against "
        "statsmodels NormalIndPower.solve_power", {"rate": rate, "mde": mde, "two_rates": two_rates}, expected)


# --- mSPRT -------------------------------------------------------------------------------------------------------
def msprt_sequence(looks, alpha, nstar, tau2_fixed, mde, theta0):
    p_run, lo_run, hi_run, out = 1.0, -math.inf, math.inf, []
    for d, s2, total in looks:
        if tau2_fixed is None:
            m2la = -2 * np.log(alpha)
            tau2 = (m2la + np.log(m2la + 1)) / nstar * total * s2
        else:
            tau2 = tau2_fixed
        log_lam = 0.5 * np.log(s2 / (s2 + tau2)) + tau2 * (d - theta0) ** 2 / (2 * s2 * (s2 + tau2))
        p = min(1.0, float(np.exp(-log_lam)))
        half = math.sqrt(s2 * (s2 + tau2) / tau2 * np.log((s2 + tau2) / (s2 * alpha ** 2)))
        p_run, lo_run, hi_run = min(p_run, p), max(lo_run, d - half), min(hi_run, d + half)
        out.append({"tau2": f(tau2), "log_lambda": f(log_lam), "p": p, "av_p": p_run, "ci_lower": d - half,
                    "ci_upper": d + half, "av_lower": lo_run, "av_upper": hi_run, "efficacy": p_run < alpha,
                    "futility": bool(mde > 0 and lo_run <= hi_run and -mde < lo_run and hi_run < mde)})
    return out


def random_looks(k, effect, sd, per_look):
    looks = []
    for i in range(1, k + 1):
        n = per_look * i
        s2 = 2 * sd ** 2 / n
        looks.append((float(effect + rng.normal(0, math.sqrt(s2))), s2, 2 * n))
    return looks


for k, effect, sd, per_look, alpha, nstar, tau2, mde, theta0 in [
        (6, 0.0, 1.0, 500, 0.05, 5000, None, 0.1, 0.0), (8, 0.2, 1.0, 200, 0.05, 5000, None, 0.0, 0.0),
        (5, 0.05, 2.0, 10000, 0.05, 5000, None, 0.2, 0.0), (10, -0.1, 1.0, 1000, 0.01, 20000, None, 0.0, 0.0),
        (4, 0.3, 1.0, 50, 0.1, 1000, None, 0.0, 0.0), (6, 0.02, 1.0, 100000, 0.05, 5000, None, 0.05, 0.0),
        (5, 0.1, 1.0, 300, 0.05, 5000, 0.01, 0.0, 0.0), (7, 0.0, 5.0, 2000, 0.05, 5000, 0.5, 1.0, 0.0),
        (5, 0.05, 1.0, 5000, 0.05, 5000, None, 0.0, -0.05), (3, 1.0, 1.0, 1000, 0.05, 5000, None, 0.0, 0.0)]:
    looks = random_looks(k, effect, sd, per_look)
    add("msprt", "formula (Johari, Pekelis, Walsh normal-mixture SPRT; GrowthBook tau2 tuning) with numpy",
        {"looks": [{"delta": d, "se2": s2, "total": n} for d, s2, n in looks], "alpha": alpha, "nstar": nstar,
         "tau2": tau2, "mde": mde, "theta0": theta0},
        {"looks": msprt_sequence(looks, alpha, nstar, tau2, mde, theta0)})


# --- SRM ---------------------------------------------------------------------------------------------------------
for counts, weights in [([5000, 5000], [1, 1]), ([5000, 5200], [1, 1]), ([50000, 51000], [1, 1]),
                        ([1_000_000, 1_003_000], [1, 1]), ([1_000_000, 1_010_000], [1, 1]), ([900, 100], [9, 1]),
                        ([880, 120], [9, 1]), ([3300, 3350, 3250], [1, 1, 1]), ([3300, 3500, 3200], [1, 1, 1]),
                        ([2, 3], [1, 1]), ([10_000, 20_500, 9_800, 10_100], [1, 2, 1, 1]),
                        ([500_000, 400_000], [1, 1])]:
    total = sum(counts)
    expected_counts = [w / sum(weights) * total for w in weights]
    res = stats.chisquare(counts, f_exp=expected_counts)
    add("srm", "scipy.stats.chisquare(f_exp = weight/sum(weight)*N)", {"counts": counts, "weights": weights},
        {"chi2": f(res.statistic), "p": f(res.pvalue), "df": len(counts) - 1, "flagged": bool(res.pvalue < 0.001)})


# --- Multiple comparisons ----------------------------------------------------------------------------------------
p_sets = [[0.01, 0.04, 0.03, 0.005], [0.5], [0.001, 0.001, 0.2, 0.8, 0.04], [1e-12, 0.3, 0.02],
          [0.049, 0.051], [0.9, 0.8, 0.7]] + [sorted(rng.uniform(0, 0.2, 8).tolist(), key=lambda _: rng.random())]
for ps in p_sets:
    for method, name in (("fdr_bh", "BenjaminiHochberg"), ("holm", "Holm")):
        add("multiple", f"statsmodels.stats.multitest.multipletests(method='{method}')",
            {"p": ps, "method": name}, {"adjusted": [f(x) for x in multipletests(ps, method=method)[1]]})


# --- Novelty -----------------------------------------------------------------------------------------------------
# Per user: e = the metric over days since first exposure in [0, E), l = over the rest. The test is a z-test on
# D = ln(e_T/e_C) - ln(l_T/l_C) of the arm means, Var(D) = sum over arms of
# s_e^2/(n e^2) + s_l^2/(n l^2) - 2 s_el/(n e l) (docs/statistics.md, Novelty).
NOVELTY = ("exact fractions.Fraction moments per arm (cross-checked with numpy.cov(ddof=1)), delta-method Var(D), "
           "D with math.log1p, p = 2*scipy.stats.norm.sf(|z|)")


def shifted_sums(early, late):
    # The shifts are the first user's values, as a shard fixes K at first sight; sums exact in rationals.
    ke, kl = early[0], late[0]
    de = [Fraction(x) - Fraction(ke) for x in early]
    dl = [Fraction(x) - Fraction(kl) for x in late]
    return {"n": len(early), "shift_early": ke, "shift_late": kl, "sum_early": f(sum(de)), "sum_late": f(sum(dl)),
            "sum_early_squares": f(sum(d * d for d in de)), "sum_late_squares": f(sum(d * d for d in dl)),
            "sum_products": f(sum(a * b for a, b in zip(de, dl)))}


def novelty_arm(early, late):
    """n, means, variances and covariance (n - 1) in exact rationals, and Var(ln e - ln l) of the arm."""
    n = len(early)
    fe, fl = [Fraction(x) for x in early], [Fraction(x) for x in late]
    me, ml = sum(fe) / n, sum(fl) / n
    ve = sum((x - me) ** 2 for x in fe) / (n - 1) if n > 1 else None
    vl = sum((x - ml) ** 2 for x in fl) / (n - 1) if n > 1 else None
    cv = sum((a - me) * (b - ml) for a, b in zip(fe, fl)) / (n - 1) if n > 1 else None
    if n > 1:
        cov = np.cov(np.vstack([np.array(early, dtype=float), np.array(late, dtype=float)]), ddof=1)
        for numpy_value, exact in [(cov[0, 0], ve), (cov[1, 1], vl), (cov[0, 1], cv)]:
            assert abs(numpy_value - float(exact)) <= 1e-12 * float(ve + vl), (numpy_value, exact)
    var = (ve / me ** 2 + vl / ml ** 2 - 2 * cv / (me * ml)) / n if n > 1 and me != 0 and ml != 0 else None
    return {"n": n, "e": me, "l": ml, "var": var}


def novelty_expected(c, t):
    ee, le = (t["e"] - c["e"]) / c["e"], (t["l"] - c["l"]) / c["l"]
    d = math.log1p(f(ee)) - math.log1p(f(le))
    se = math.sqrt(f(c["var"] + t["var"]))
    z = d / se
    p = 2 * stats.norm.sf(abs(z))
    return {"error": "None", "early_effect": f(ee), "late_effect": f(le), "difference": d, "se": se, "z": z,
            "p": f(p), "novelty": bool(p < 0.05 and abs(ee) > abs(le))}


def count_users(days, per_day, early_days, early_mult, late_mult):
    """Daily cohorts, each user with a gamma-distributed daily rate, observed at the end of the last day."""
    early, late = [], []
    for cohort in range(days):
        rates = rng.gamma(2.0, 0.5, per_day)
        exposure = days - cohort - rng.uniform(0, 1, per_day)
        e_len = np.minimum(exposure, early_days)
        l_len = np.maximum(exposure - early_days, 0)
        early += [int(x) for x in rng.poisson(rates * e_len * early_mult)]
        late += [int(x) for x in rng.poisson(rates * l_len * late_mult)]
    return early, late


def novelty_case(name, control, treatment):
    c, t = novelty_arm(*control), novelty_arm(*treatment)
    inputs = {"name": name, "control": {"early": list(control[0]), "late": list(control[1]),
                                        "shifted": shifted_sums(*control)},
              "treatment": {"early": list(treatment[0]), "late": list(treatment[1]), "shifted": shifted_sums(*treatment)}}
    add("novelty", NOVELTY, inputs, novelty_expected(c, t))


novelty_case("steady +5%", count_users(10, 30, 2, 1.0, 1.0), count_users(10, 30, 2, 1.05, 1.05))
novelty_case("novelty +30% in the first two days", count_users(10, 30, 2, 1.0, 1.0), count_users(10, 30, 2, 1.3, 1.0))
novelty_case("negative novelty -20% fading to +2%", count_users(10, 40, 2, 1.0, 1.0),
             count_users(10, 35, 2, 0.8, 1.02))
novelty_case("late effect larger than early", count_users(14, 25, 3, 1.0, 1.0), count_users(14, 25, 3, 1.05, 1.4))
novelty_case("unequal arms, 7 days", count_users(7, 20, 1, 1.0, 1.0), count_users(7, 60, 1, 1.1, 1.1))
latency = [[list(map(float, 1e6 + rng.normal(0, 0.1, 400))), None] for _ in range(2)]
for pair in latency:
    pair[1] = [x + 0.5 + rng.normal(0, 0.05) for x in pair[0]]
latency[1][0] = [x + 0.02 for x in latency[1][0]]
novelty_case("latency near 1e6 with sd 0.1 (shifted sums keep the digits)", tuple(latency[0]), tuple(latency[1]))
refunds = [(list(map(float, np.round(rng.normal(-3, 2, 300), 2))), list(map(float, np.round(rng.normal(-8, 4, 300), 2))))
           for _ in range(2)]
novelty_case("negative means in both arms (net revenue)", refunds[0], refunds[1])

for name, control, treatment, code in [
        ("one user in control", ([3], [4]), ([1, 2, 3], [2, 2, 5]), "TooFewUnits"),
        ("no late activity in control", ([1, 2, 0, 4], [0, 0, 0, 0]), ([2, 1, 3, 0], [1, 0, 2, 1]), "UndefinedRatio"),
        ("early means of opposite signs", ([-1.0, -2.0, 0.5], [1.0, 2.0, 3.0]), ([1.0, 2.0, 0.5], [1.0, 2.0, 3.5]),
         "UndefinedRatio"),
        ("every user identical", ([2, 2, 2], [5, 5, 5]), ([3, 3, 3, 3], [5, 5, 5, 5]), "ZeroVariance"),
        ("late exactly three times early for every user", ([1, 2, 5, 7], [3, 6, 15, 21]),
         ([2, 3, 4, 11, 1], [6, 9, 12, 33, 3]), "ZeroVariance")]:
    if code == "ZeroVariance":
        note = "exact fractions.Fraction: Var(D) = 0"
        assert all(novelty_arm(*a)["var"] == 0 for a in (control, treatment))
    elif code == "UndefinedRatio":
        note = "ln of a ratio of means that is 0 or negative"
    else:
        note = "a variance of one observation is undefined (numpy.cov(ddof=1) gives nan)"
    add("degenerate_novelty", note, {"name": name, "control": {"early": control[0], "late": control[1]},
                                     "treatment": {"early": treatment[0], "late": treatment[1]}}, {"error": code})


# --- Binomial bounds used by the simulation tests --------------------------------------------------------------
for k, n, confidence in [(0, 200, 0.95), (5, 200, 0.95), (12, 400, 0.95), (25, 1000, 0.95), (50, 1000, 0.99),
                         (199, 200, 0.95), (7, 600, 0.99)]:
    add("clopper_pearson", "scipy.stats.beta.ppf(confidence, k + 1, n - k) (one-sided upper bound)",
        {"k": k, "n": n, "confidence": confidence}, {"upper": f(stats.beta.ppf(confidence, k + 1, n - k))})
for k, n, p in [(24, 400, 0.025), (5, 200, 0.05), (60, 1000, 0.05), (0, 1000, 0.001), (150, 200, 0.7)]:
    add("binomial_cdf", "scipy.stats.binom.cdf", {"k": k, "n": n, "p": p}, {"cdf": f(stats.binom.cdf(k, n, p))})


# --- Degenerate input --------------------------------------------------------------------------------------------
def nan_note(res):
    return "scipy returns nan" if any(np.isnan(res)) else "scipy returns a number"


for c, t, code in [(arm(1, 5.0, 0.0), arm(10, 6.0, 1.0), "TooFewUnits"), (arm(0, 0.0, 0.0), arm(0, 0.0, 0.0), "TooFewUnits"),
                   (arm(10, 5.0, 0.0), arm(10, 6.0, 0.0), "ZeroVariance"), (arm(10, 5.0, 0.0), arm(10, 5.0, 0.0), "ZeroVariance")]:
    with np.errstate(all="ignore"):
        res = stats.ttest_ind_from_stats(t["mean"], math.sqrt(t["var"]), t["n"], c["mean"], math.sqrt(c["var"]),
                                         c["n"], equal_var=False)
    add("degenerate_welch", f"scipy.stats.ttest_ind_from_stats(equal_var=False): {nan_note(res)}",
        {"control": c, "treatment": t}, {"error": code})
zero_baseline = (arm(100, 0.0, 1.0), arm(100, 0.3, 1.0), 0.05)
expected_zb = welch_expected(*zero_baseline, "welch")
add("welch", WELCH + " (relative lift undefined at a zero baseline)",
    {"control": zero_baseline[0], "treatment": zero_baseline[1], "alpha": 0.05, "df_method": "welch"}, expected_zb)
for c, t, code in [({"n": 100, "c": 0}, {"n": 120, "c": 0}, "NoConversions"),
                   ({"n": 100, "c": 100}, {"n": 120, "c": 120}, "AllConverted"),
                   ({"n": 1, "c": 1}, {"n": 50, "c": 5}, "TooFewUnits"),
                   ({"n": 10, "c": 11}, {"n": 50, "c": 5}, "InvalidInput")]:
    obs = np.array([[c["c"], c["n"] - c["c"]], [t["c"], t["n"] - t["c"]]])
    try:
        stats.chi2_contingency(obs)
        note = "scipy.stats.chi2_contingency returns a number"
    except ValueError as e:
        note = f"scipy.stats.chi2_contingency raises ValueError ({e})"
    add("degenerate_conversion", note, {"control": c, "treatment": t}, {"error": code})
add("degenerate_ratio", "delta method undefined: the denominator sums to 0",
    {"control": {"n": 5, "sum_m": 0.0, "sum_d": 0.0, "sum_mm": 0.0, "sum_dd": 0.0, "sum_md": 0.0},
     "treatment": {"n": 5, "sum_m": 3.0, "sum_d": 5.0, "sum_mm": 3.0, "sum_dd": 5.0, "sum_md": 3.0}},
    {"error": "ZeroDenominator"})


here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "vectors.json"), "w") as out:
    json.dump({"generator": "generate.py", "scipy": scipy.__version__, "statsmodels": statsmodels.__version__,
               "numpy": np.__version__, "cases": cases}, out, indent=1, allow_nan=False)
    out.write("\n")
print(f"{len(cases)} cases")
