#!/usr/bin/python3
"""Reference vectors for CUPED (docs/statistics.md, CUPED), from numpy and scipy.

Run with Debian's interpreter (python3-scipy 1.10, numpy 1.24):

    /usr/bin/python3 tests/Experimentation.Statistics.Tests/vectors/cuped.py

It rewrites cuped.json beside this script. gbstats is not installable here, so its formulas are written out below
from growthbook/growthbook packages/stats/gbstats/models/statistics.py (RegressionAdjustedStatistic, compute_theta,
compute_covariance, ProportionStatistic) and gbstats/frequentist/tests.py (frequentist_variance_relative_cuped,
frequentist_diff), on raw per-user data drawn here. Every case also carries an independent check: theta equals the
slope of numpy.polyfit of Y on X over both arms pooled, and the adjusted means equal the mean of the per-user
Y - theta X. The t-test is scipy.stats.ttest_ind_from_stats(equal_var=False) on the adjusted moments.
"""
import json
import math
import os

import numpy as np
from scipy import stats

rng = np.random.default_rng(20261201)
cases = []


def add(kind, source, inputs, expected):
    cases.append({"id": f"{kind}-{sum(1 for c in cases if c['kind'] == kind) + 1:03d}", "kind": kind,
                  "source": source, "input": inputs, "expected": expected})


def sums(y, x):
    return {"n": int(len(y)), "sumY": float(y.sum()), "sumX": float(x.sum()), "sumYY": float((y * y).sum()),
            "sumXX": float((x * x).sum()), "sumXY": float((x * y).sum())}


def var(s, key, n, proportion):
    # gbstats SampleMeanStatistic.variance, or ProportionStatistic.variance = p(1 - p)
    total = s["sum" + key]
    if proportion:
        p = total / n
        return p * (1 - p)
    return (s["sum" + key + key] - total * total / n) / (n - 1)


def cov(s, n, proportion):
    # gbstats compute_covariance
    if proportion:
        return s["sumXY"] / n - s["sumY"] * s["sumX"] / n ** 2
    return (s["sumXY"] - s["sumY"] * s["sumX"] / n) / (n - 1)


def theta_of(a, b, proportion):
    # gbstats compute_theta: the joint statistic of both arms
    joint = {k: a[k] + b[k] for k in a}
    n = joint["n"]
    if var(joint, "X", n, proportion) == 0 or var(joint, "Y", n, proportion) == 0:
        return 0.0
    return cov(joint, n, proportion) / var(joint, "X", n, proportion)


def adjusted(s, theta, proportion):
    n = s["n"]
    mean = s["sumY"] / n - theta * s["sumX"] / n
    v = var(s, "Y", n, proportion) + theta ** 2 * var(s, "X", n, proportion) - 2 * theta * cov(s, n, proportion)
    return mean, v


def relative_variance(a, b, theta, proportion):
    # gbstats frequentist_variance_relative_cuped(stat_a=control, stat_b=treatment)
    mean_a = a["sumY"] / a["n"]
    mean_b = b["sumY"] / b["n"]
    den_trt = b["n"] * mean_a ** 2
    den_ctrl = a["n"] * mean_a ** 2
    v_trt = adjusted(b, theta, proportion)[1] / den_trt
    const = -mean_b
    num_a = var(a, "Y", a["n"], proportion) * const ** 2 / mean_a ** 2
    num_b = 2 * theta * cov(a, a["n"], proportion) * const / mean_a
    num_c = theta ** 2 * var(a, "X", a["n"], proportion)
    return v_trt + (num_a + num_b + num_c) / den_ctrl


def case(source, yc, xc, yt, xt, proportion, alpha=0.05):
    a, b = sums(yc, xc), sums(yt, xt)
    theta = theta_of(a, b, proportion)
    slope = float(np.polyfit(np.concatenate([xc, xt]), np.concatenate([yc, yt]), 1)[0])
    assert math.isclose(slope, theta, rel_tol=1e-9), (slope, theta)
    mc, vc = adjusted(a, theta, proportion)
    mt, vt = adjusted(b, theta, proportion)
    assert math.isclose(mc, float(np.mean(yc - theta * xc)), rel_tol=1e-9, abs_tol=1e-12)
    t, p = stats.ttest_ind_from_stats(mt, math.sqrt(vt), b["n"], mc, math.sqrt(vc), a["n"], equal_var=False)
    se2 = vt / b["n"] + vc / a["n"]
    df = se2 ** 2 / ((vt / b["n"]) ** 2 / (b["n"] - 1) + (vc / a["n"]) ** 2 / (a["n"] - 1))
    q = float(stats.t.ppf(1 - alpha / 2, df))
    delta = mt - mc
    lift = delta / abs(a["sumY"] / a["n"])
    lift_var = relative_variance(a, b, theta, proportion)
    # The unadjusted SE for the variance reduction: Welch's (means) or the unpooled Bernoulli SE (conversions).
    se2_raw = var(b, "Y", b["n"], proportion) / b["n"] + var(a, "Y", a["n"], proportion) / a["n"]
    add("cuped", source,
        {"proportion": proportion, "alpha": alpha, "control": a, "treatment": b},
        {"theta": theta, "controlMean": mc, "treatmentMean": mt, "controlVariance": vc, "treatmentVariance": vt,
         "delta": delta, "se": math.sqrt(se2), "t": float(t), "df": df, "p": float(p),
         "ciLower": delta - q * math.sqrt(se2), "ciUpper": delta + q * math.sqrt(se2),
         "lift": lift, "liftVariance": lift_var,
         "liftLower": lift - q * math.sqrt(lift_var), "liftUpper": lift + q * math.sqrt(lift_var),
         "varianceReduction": 1 - se2 / se2_raw})


SOURCE = ("gbstats RegressionAdjustedStatistic/compute_theta/frequentist_variance_relative_cuped written out with "
          "numpy; theta checked against numpy.polyfit; t-test scipy.stats.ttest_ind_from_stats(equal_var=False), "
          "quantile scipy.stats.t.ppf")

# Mean metrics: revenue-like values whose pre-period predicts the post-period with correlation about 0.4, 0.7, 0.95.
for rho, n_c, n_t, lift in [(0.4, 800, 820, 0.03), (0.7, 2000, 1950, 0.05), (0.95, 300, 310, 0.0)]:
    def arm(n, scale):
        x = rng.gamma(2.0, 10.0, n)
        noise = rng.gamma(2.0, 10.0, n)
        y = scale * (rho * x + math.sqrt(1 - rho * rho) * noise)
        return y, x
    yc, xc = arm(n_c, 1.0)
    yt, xt = arm(n_t, 1.0 + lift)
    case(SOURCE, yc, xc, yt, xt, False)

# Conversion metrics: converted after exposure (Y) and before it (X), 0/1 per user.
for base, n_c, n_t in [(0.1, 5000, 5100), (0.3, 1200, 1180)]:
    def arm(n, p):
        x = (rng.random(n) < base).astype(float)
        y = np.where(x > 0, rng.random(n) < 0.6, rng.random(n) < p).astype(float)
        return y, x
    yc, xc = arm(n_c, base * 0.5)
    yt, xt = arm(n_t, base * 0.55)
    case(SOURCE, yc, xc, yt, xt, True)

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cuped.json")
with open(path, "w") as f:
    json.dump({"generator": "cuped.py", "cases": cases}, f, indent=1)
print(f"wrote {len(cases)} cases to {path}")
