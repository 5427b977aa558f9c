#!/usr/bin/python3
"""Reference values for ExactSumsTests (Debian python3-scipy; run with /usr/bin/python3).

It rewrites exact-sums.json beside this script. The per-user values come from the same closed formula as the C#
test (ExactSumsTests.Value): per arm, 50,000 pairs mu + d_j and mu - d_j, with d_j = k_j * 2^-16 and k_j an integer
formula of j; mu is 1e6 in control and 1e6 + 2^-9 in treatment. Each value needs at most 36 significant bits and every
partial sum of 100,000 of them at most 53, so float64 holds the values, their sum and the mean exactly, and scipy's
own result is exact to its last rounding. On arbitrary float64 data near 1e6 the difference of two means already
carries about 1e-7 relative error in scipy itself, which would make a 1e-9 comparison meaningless.

Printed: per arm n, mean and sample variance in exact rational arithmetic (fractions.Fraction), and
scipy.stats.ttest_ind(treatment, control, equal_var=False)'s t and p, with the Welch-Satterthwaite df from numpy's
var(ddof=1) (scipy 1.10 does not return df).
"""
import json
import os
from fractions import Fraction

import numpy as np
import scipy
from scipy import stats

PAIRS = 50_000
GRID = 2.0 ** -16
MEANS = {"control": 1_000_000.0, "treatment": 1_000_000.0 + 2.0 ** -9}


def k(arm, j):
    return (j * 7919 + 3) % 13_107 + 1 if arm == "control" else (j * 104_729 + 17) % 14_000 + 1


def values(arm):
    mu = MEANS[arm]
    out = []
    for j in range(PAIRS):
        d = k(arm, j) * GRID
        out += [mu + d, mu - d]
    return out


arms = {}
for arm in MEANS:
    xs = values(arm)
    exact = [Fraction(x) for x in xs]
    mean = sum(exact) / len(exact)
    var = sum((x - mean) ** 2 for x in exact) / (len(exact) - 1)
    assert float(mean) == MEANS[arm] and float(np.mean(np.array(xs))) == MEANS[arm]
    arms[arm] = {"n": len(xs), "mean": float(mean), "var": float(var), "array": np.array(xs)}

c, t = arms["control"]["array"], arms["treatment"]["array"]
welch = stats.ttest_ind(t, c, equal_var=False)
vt, vc = t.var(ddof=1) / len(t), c.var(ddof=1) / len(c)
df = (vt + vc) ** 2 / (vt ** 2 / (len(t) - 1) + vc ** 2 / (len(c) - 1))

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "exact-sums.json"), "w") as out:
    json.dump({
        "generator": "exact_sums_reference.py",
        "scipy": scipy.__version__,
        "source": "fractions.Fraction for n, mean, var; scipy.stats.ttest_ind(equal_var=False) for t and p; "
                  "Welch-Satterthwaite df from numpy var(ddof=1)",
        "control": {key: arms["control"][key] for key in ("n", "mean", "var")},
        "treatment": {key: arms["treatment"][key] for key in ("n", "mean", "var")},
        "welch": {"t": float(welch.statistic), "p": float(welch.pvalue), "df": float(df)},
    }, out, indent=1)
    out.write("\n")
print(open(os.path.join(here, "exact-sums.json")).read())
