#!/usr/bin/python3
"""Reference vectors for percentile metrics (docs/statistics.md, Percentile metrics), from numpy and scipy.

Run with Debian's interpreter (numpy 1.24, scipy 1.10):

    /usr/bin/python3 tests/Experimentation.Statistics.Tests/vectors/percentile.py

It rewrites percentile.json beside this script. Each case holds raw per-event values with their user, drawn here, so
the C# test can feed them to its sketch and to exact ranks alike. Expected values:
- numpy.quantile(values, q, method="inverted_cdf") for the estimate, and the values at the ranks
  ceil(q n -/+ z sqrt(n q (1 - q))) - 1 of numpy.sort (GrowthBook's order-statistics interval, gbstats
  QuantileStatistic: variance (n - 1) ((U - L) / (2 z))^2, z = scipy.stats.norm.ppf(0.975));
- at event level, gbstats QuantileClusteredStatistic.get_cluster_variance written out with numpy over the users'
  (events at or below the estimate, events);
- the t-test from scipy.stats.ttest_ind_from_stats(equal_var=False) on (n, estimate, sqrt(variance));
- a percentile bootstrap CI of the difference of numpy quantiles, resampling users (all their events together),
  2,000 resamples: the independent check that the order-statistics CI has the right width.
"""
import json
import math
import os

import numpy as np
from scipy import stats

rng = np.random.default_rng(20261202)
Z = float(stats.norm.ppf(0.975))
cases = []


def add(kind, source, inputs, expected):
    cases.append({"id": f"{kind}-{sum(1 for c in cases if c['kind'] == kind) + 1:03d}", "kind": kind,
                  "source": source, "input": inputs, "expected": expected})


def arm_estimate(values, users, q, clustered):
    n = len(values)
    s = np.sort(values)
    est = float(np.quantile(values, q, method="inverted_cdf"))
    assert est == s[max(0, math.ceil(q * n) - 1)]
    m = Z * math.sqrt(n * q * (1 - q))
    lo = float(s[min(n - 1, max(0, math.ceil(q * n - m) - 1))])
    hi = float(s[min(n - 1, max(0, math.ceil(q * n + m) - 1))])
    variance = (n - 1) * ((hi - lo) / (2 * Z)) ** 2
    design = 1.0
    if clustered:
        ids = np.unique(users)
        below = np.array([np.sum(values[users == u] <= est) for u in ids], dtype=float)
        count = np.array([np.sum(users == u) for u in ids], dtype=float)
        k = len(ids)
        mu_s, mu_n = below.mean(), count.mean()
        s2_s, s2_n = below.var(ddof=1), count.var(ddof=1)
        s_sn = np.cov(below, count, ddof=1)[0, 1]
        v_cluster = (s2_s - 2 * mu_s * s_sn / mu_n + mu_s ** 2 * s2_n / mu_n ** 2) / (k * mu_n ** 2)
        design = v_cluster / (q * (1 - q) / n)
        variance *= design
    return {"n": n, "estimate": est, "lower": lo, "upper": hi, "variance": variance, "design": design}


def bootstrap(values_c, users_c, values_t, users_t, q, reps=2000):
    def groups(values, users):
        ids = np.unique(users)
        return [values[users == u] for u in ids]
    gc, gt = groups(values_c, users_c), groups(values_t, users_t)
    diffs = []
    for _ in range(reps):
        bc = np.concatenate([gc[i] for i in rng.integers(0, len(gc), len(gc))])
        bt = np.concatenate([gt[i] for i in rng.integers(0, len(gt), len(gt))])
        diffs.append(np.quantile(bt, q, method="inverted_cdf") - np.quantile(bc, q, method="inverted_cdf"))
    return [float(np.quantile(diffs, 0.025)), float(np.quantile(diffs, 0.975))]


def draw(users, events_per_user, slow):
    # Latencies: log-normal per event around a per-user level (users differ), in milliseconds.
    per_user = rng.poisson(events_per_user - 1, users) + 1 if events_per_user > 1 else np.ones(users, dtype=int)
    level = rng.normal(math.log(200), 0.35, users)
    values, ids = [], []
    for u in range(users):
        v = np.exp(level[u] + rng.normal(0, 0.5, per_user[u])) * slow
        values.extend(np.round(v, 3))
        ids.extend([u] * per_user[u])
    return np.array(values), np.array(ids)


SOURCE = ("numpy.quantile(method='inverted_cdf'), ranks of numpy.sort; gbstats QuantileStatistic and "
          "QuantileClusteredStatistic written out with numpy; scipy.stats.ttest_ind_from_stats(equal_var=False), "
          "scipy.stats.t.ppf; user-resampling percentile bootstrap, 2,000 resamples")

for q, users, per_user, slow in [(0.5, 1500, 1, 1.03), (0.95, 2000, 1, 1.08), (0.99, 3000, 1, 1.0),
                                 (0.95, 800, 5, 1.06), (0.9, 600, 8, 1.0)]:
    clustered = per_user > 1
    vc, uc = draw(users, per_user, 1.0)
    vt, ut = draw(users, per_user, slow)
    c = arm_estimate(vc, uc, q, clustered)
    t = arm_estimate(vt, ut, q, clustered)
    tt, p = stats.ttest_ind_from_stats(t["estimate"], math.sqrt(t["variance"]), t["n"], c["estimate"],
                                       math.sqrt(c["variance"]), c["n"], equal_var=False)
    se2 = t["variance"] / t["n"] + c["variance"] / c["n"]
    df = se2 ** 2 / ((t["variance"] / t["n"]) ** 2 / (t["n"] - 1) + (c["variance"] / c["n"]) ** 2 / (c["n"] - 1))
    half = float(stats.t.ppf(0.975, df)) * math.sqrt(se2)
    delta = t["estimate"] - c["estimate"]
    add("percentile", SOURCE,
        {"q": q, "level": "event" if clustered else "unit",
         "control": {"values": vc.tolist(), "users": uc.tolist()}, "treatment": {"values": vt.tolist(), "users": ut.tolist()}},
        {"control": c, "treatment": t, "delta": delta, "se": math.sqrt(se2), "df": df, "p": float(p),
         "ciLower": delta - half, "ciUpper": delta + half, "bootstrap": bootstrap(vc, uc, vt, ut, q)})

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "percentile.json")
with open(path, "w") as f:
    json.dump({"generator": "percentile.py", "cases": cases}, f)
print(f"wrote {len(cases)} cases to {path}")
for c in cases:
    e = c["expected"]
    print(c["id"], c["input"]["q"], c["input"]["level"], "delta", round(e["delta"], 3), "ci", round(e["ciLower"], 3), round(e["ciUpper"], 3),
          "boot", [round(x, 3) for x in e["bootstrap"]], "design", round(e["control"]["design"], 3))
