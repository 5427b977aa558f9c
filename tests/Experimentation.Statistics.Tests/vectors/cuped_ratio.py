#!/usr/bin/python3
"""Reference vectors for CUPED on ratio metrics (docs/statistics.md, CUPED), from numpy and scipy.

Run with Debian's interpreter (python3-scipy 1.10, numpy 1.24):

    /usr/bin/python3 tests/Experimentation.Statistics.Tests/vectors/cuped_ratio.py

It rewrites cuped-ratio.json beside this script. gbstats is not installable here, so its formulas are written out
below from growthbook/growthbook packages/stats/gbstats/models/statistics.py (RegressionAdjustedRatioStatistic:
lambda_matrix, nabla, variance; compute_theta_regression_adjusted_ratio; compute_covariance) and
gbstats/models/tests.py (frequentist_variance_relative_cuped_ratio, frequentist_diff), on raw per-user data drawn
here. Each case also carries independent checks on the per-user data: the adjusted variance equals the sample variance
of the users' delta-method influence values L = M/D̄ − M̄D/D̄² − θ(M'/D̄' − M̄'D'/D̄'²), and theta equals
Σ_arms cov(Lpost, Lpre) / Σ_arms var(Lpre) of the same influence values. The t-test is
scipy.stats.ttest_ind_from_stats(equal_var=False) on the adjusted moments.
"""
import json
import math
import os

import numpy as np
from scipy import stats

rng = np.random.default_rng(20261202)
cases = []


def sums(m, d, pm, pd):
    """The arm's sums, in the names of gbstats' RegressionAdjustedRatioStatistic."""
    return {"n": int(len(m)),
            "sumM": float(m.sum()), "sumMM": float((m * m).sum()), "sumD": float(d.sum()), "sumDD": float((d * d).sum()),
            "sumPreM": float(pm.sum()), "sumPreMM": float((pm * pm).sum()),
            "sumPreD": float(pd.sum()), "sumPreDD": float((pd * pd).sum()),
            "sumMD": float((m * d).sum()), "sumPreMPreD": float((pm * pd).sum()),
            "sumMPreM": float((m * pm).sum()), "sumMPreD": float((m * pd).sum()),
            "sumDPreM": float((d * pm).sum()), "sumDPreD": float((d * pd).sum())}


def covariance(n, sum_a, sum_b, sum_ab):
    # gbstats compute_covariance for SampleMeanStatistic
    return (sum_ab - sum_a * sum_b / n) / (n - 1)


def lam(s):
    # gbstats RegressionAdjustedRatioStatistic.lambda_matrix, over (m_post, d_post, m_pre, d_pre)
    n = s["n"]
    v = lambda a, aa: covariance(n, s[a], s[a], s[aa])
    c = lambda a, b, ab: covariance(n, s[a], s[b], s[ab])
    return np.array([
        [v("sumM", "sumMM"), c("sumM", "sumD", "sumMD"), c("sumM", "sumPreM", "sumMPreM"), c("sumM", "sumPreD", "sumMPreD")],
        [c("sumM", "sumD", "sumMD"), v("sumD", "sumDD"), c("sumD", "sumPreM", "sumDPreM"), c("sumD", "sumPreD", "sumDPreD")],
        [c("sumM", "sumPreM", "sumMPreM"), c("sumD", "sumPreM", "sumDPreM"), v("sumPreM", "sumPreMM"), c("sumPreM", "sumPreD", "sumPreMPreD")],
        [c("sumM", "sumPreD", "sumMPreD"), c("sumD", "sumPreD", "sumDPreD"), c("sumPreM", "sumPreD", "sumPreMPreD"), v("sumPreD", "sumPreDD")],
    ])


def beta(s):
    n = s["n"]
    return np.array([s["sumM"] / n, s["sumD"] / n, s["sumPreM"] / n, s["sumPreD"] / n])


def nabla(s, theta):
    b = beta(s)
    return np.array([1 / b[1], -b[0] / b[1] ** 2, -theta / b[3], theta * b[2] / b[3] ** 2])


def theta_of(a, b):
    # gbstats compute_theta_regression_adjusted_ratio: theta = 1 in the partial derivatives
    def parts(s):
        g, l = nabla(s, 1.0), lam(s)
        return g[2:4] @ l[2:4, 0:2] @ g[0:2], g[2:4] @ l[2:4, 2:4] @ g[2:4]
    ca, va = parts(a)
    cb, vb = parts(b)
    return float(-(ca + cb) / (va + vb))


def adjusted(s, theta):
    b = beta(s)
    g = nabla(s, theta)
    return float(b[0] / b[1] - theta * b[2] / b[3]), float(g @ lam(s) @ g)


def relative_variance(a, b, theta):
    # gbstats frequentist_variance_relative_cuped_ratio(stat_a=control, stat_b=treatment)
    ba = beta(a)
    unadjusted = ba[0] / ba[1]
    g_abs = (adjusted(b, theta)[0] - adjusted(a, theta)[0]) * np.sign(unadjusted)
    g_rel_den = abs(unadjusted)
    n0 = (-(g_rel_den + g_abs) / ba[1]) / g_rel_den ** 2
    n1 = (ba[0] * g_rel_den / ba[1] ** 2 + ba[0] * g_abs / ba[1] ** 2) / g_rel_den ** 2
    ga = nabla(a, theta)
    na = np.array([n0, n1, -ga[2] / g_rel_den, -ga[3] / g_rel_den])
    nb = nabla(b, theta) / g_rel_den
    return float(na @ lam(a) @ na / a["n"] + nb @ lam(b) @ nb / b["n"])


def influence(m, d, pm, pd):
    """Per-user delta-method influence values of the post and pre ratios (independent of the sums above)."""
    post = m / d.mean() - m.mean() * d / d.mean() ** 2
    pre = pm / pd.mean() - pm.mean() * pd / pd.mean() ** 2
    return post, pre


def case(source, control, treatment, alpha=0.05):
    a, b = sums(*control), sums(*treatment)
    theta = theta_of(a, b)
    (lpc, lqc), (lpt, lqt) = influence(*control), influence(*treatment)
    slope = (np.cov(lpc, lqc)[0, 1] + np.cov(lpt, lqt)[0, 1]) / (np.var(lqc, ddof=1) + np.var(lqt, ddof=1))
    assert math.isclose(slope, theta, rel_tol=1e-9), (slope, theta)
    mc, vc = adjusted(a, theta)
    mt, vt = adjusted(b, theta)
    assert math.isclose(vc, float(np.var(lpc - theta * lqc, ddof=1)), rel_tol=1e-9), vc
    assert math.isclose(vt, float(np.var(lpt - theta * lqt, ddof=1)), rel_tol=1e-9), vt
    t, p = stats.ttest_ind_from_stats(mt, math.sqrt(vt), b["n"], mc, math.sqrt(vc), a["n"], equal_var=False)
    se2 = vt / b["n"] + vc / a["n"]
    df = se2 ** 2 / ((vt / b["n"]) ** 2 / (b["n"] - 1) + (vc / a["n"]) ** 2 / (a["n"] - 1))
    q = float(stats.t.ppf(1 - alpha / 2, df))
    delta = mt - mc
    unadjusted_control = a["sumM"] / a["sumD"]
    lift = delta / abs(unadjusted_control)
    lift_var = relative_variance(a, b, theta)
    # The unadjusted SE for the variance reduction: the delta method's per-unit variance of each arm's post ratio.
    se2_raw = float(np.var(lpt, ddof=1)) / b["n"] + float(np.var(lpc, ddof=1)) / a["n"]
    cases.append({"id": f"cuped-ratio-{len(cases) + 1:03d}", "kind": "cuped-ratio", "source": source,
                  "input": {"alpha": alpha, "control": a, "treatment": b},
                  "expected": {"theta": theta, "controlMean": mc, "treatmentMean": mt, "controlVariance": vc,
                               "treatmentVariance": vt, "delta": delta, "se": math.sqrt(se2), "t": float(t), "df": df,
                               "p": float(p), "ciLower": delta - q * math.sqrt(se2), "ciUpper": delta + q * math.sqrt(se2),
                               "lift": lift, "liftVariance": lift_var,
                               "liftLower": lift - q * math.sqrt(lift_var), "liftUpper": lift + q * math.sqrt(lift_var),
                               "varianceReduction": 1 - se2 / se2_raw}})


SOURCE = ("gbstats RegressionAdjustedRatioStatistic/compute_theta_regression_adjusted_ratio/"
          "frequentist_variance_relative_cuped_ratio written out with numpy; variance and theta checked against the "
          "per-user influence values; t-test scipy.stats.ttest_ind_from_stats(equal_var=False), quantile scipy.stats.t.ppf")


def arm(n, rho, lift):
    """Revenue (M) per session (D): a user's sessions and spend per session persist from the pre-period."""
    activity = rng.gamma(2.0, 2.0, n)
    d_pre = rng.poisson(activity) + 1.0
    d = rng.poisson(activity) + 1.0
    level = rng.gamma(3.0, 5.0, n)
    m_pre = d_pre * (rho * level + math.sqrt(1 - rho * rho) * rng.gamma(3.0, 5.0, n))
    m = (1 + lift) * d * (rho * level + math.sqrt(1 - rho * rho) * rng.gamma(3.0, 5.0, n))
    return m, d, m_pre, d_pre


for rho, n_c, n_t, lift in [(0.3, 900, 880, 0.04), (0.7, 2500, 2450, 0.02), (0.95, 400, 410, 0.0)]:
    case(SOURCE, arm(n_c, rho, 0.0), arm(n_t, rho, lift))

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cuped-ratio.json")
with open(path, "w") as f:
    json.dump({"generator": "cuped_ratio.py", "cases": cases}, f, indent=1)
print(f"wrote {len(cases)} cases to {path}")
