#!/usr/bin/python3
"""Reference vectors for SampleMean.FromShiftedSums and RatioSample.FromShiftedSums.

Run with Debian's interpreter:

    /usr/bin/python3 tests/Experimentation.Statistics.Tests/vectors/shifted_sums.py

It rewrites shifted-sums.json beside this script. The inputs are float64 values near a large mean with a small spread,
the shift K is the first value (as the ingestion's shards choose it), and every sum and every expected moment is
computed with fractions.Fraction, exact rational arithmetic on the float64 inputs, then rounded once to float64.
numpy's own float64 moments are printed for comparison only.
"""
import json
import os
from fractions import Fraction

import numpy as np

rng = np.random.default_rng(20250301)
cases = []


def add(kind, source, inputs, expected):
    cases.append({"id": f"{kind}-{sum(1 for c in cases if c['kind'] == kind) + 1:03d}", "kind": kind,
                  "source": source, "input": inputs, "expected": expected})


EXACT = "fractions.Fraction (exact rational arithmetic on the float64 values; sums and moments rounded once)"

for base, spread, n in [(1e6, 0.1, 1000), (1e6, 1e-3, 500), (1e9, 1.0, 300), (123456.789, 1e-4, 200), (-5e7, 0.5, 50)]:
    xs = [float(v) for v in base + spread * rng.standard_normal(n)]
    k = xs[0]
    fx = [Fraction(x) for x in xs]
    s1 = sum(x - Fraction(k) for x in fx)
    s2 = sum((x - Fraction(k)) ** 2 for x in fx)
    mean = sum(fx) / n
    m2 = sum((x - mean) ** 2 for x in fx)
    add("shifted_mean", EXACT, {"n": n, "shift": k, "sum": float(s1), "sum_squares": float(s2)},
        {"mean": float(mean), "m2": float(m2), "var": float(m2 / (n - 1)),
         "numpy_var_float64": float(np.var(np.array(xs), ddof=1))})


def delta_variance(n, m, d):
    """Per-unit variance of the ratio by the delta method, as in docs/statistics.md, in exact rationals."""
    mm, md = sum(m) / n, sum(d) / n
    vm = sum((x - mm) ** 2 for x in m) / (n - 1)
    vd = sum((x - md) ** 2 for x in d) / (n - 1)
    cov = sum((x - mm) * (y - md) for x, y in zip(m, d)) / (n - 1)
    return vm / md ** 2 + vd * mm ** 2 / md ** 4 - 2 * cov * mm / md ** 3, mm, md, vm * (n - 1), vd * (n - 1), cov * (n - 1)


for base, spread, n in [(1e6, 0.1, 400), (1e5, 1.0, 200), (1e9, 10.0, 100)]:
    ds = [float(v) for v in rng.integers(1, 6, size=n)]
    # M is not proportional to D: with M ≈ c·D the delta-method formula itself cancels (docs/statistics.md).
    ms = [float(base + spread * e) for e in rng.standard_normal(n)]
    km, kd = ms[0], ds[0]
    fm, fd = [Fraction(x) for x in ms], [Fraction(x) for x in ds]
    sm = sum(x - Fraction(km) for x in fm)
    sd = sum(x - Fraction(kd) for x in fd)
    smm = sum((x - Fraction(km)) ** 2 for x in fm)
    sdd = sum((x - Fraction(kd)) ** 2 for x in fd)
    smd = sum((x - Fraction(km)) * (y - Fraction(kd)) for x, y in zip(fm, fd))
    var, mm, md, m2m, m2d, co = delta_variance(n, fm, fd)
    add("shifted_ratio", EXACT + "; delta-method variance by the formula of docs/statistics.md",
        {"n": n, "shift_m": km, "shift_d": kd, "sum_m": float(sm), "sum_d": float(sd), "sum_mm": float(smm),
         "sum_dd": float(sdd), "sum_md": float(smd)},
        {"mean_m": float(mm), "mean_d": float(md), "m2_m": float(m2m), "m2_d": float(m2d), "co_moment": float(co),
         "ratio": float(mm / md), "var": float(var)})

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "shifted-sums.json"), "w") as out:
    json.dump({"generator": "shifted_sums.py", "numpy": np.__version__, "cases": cases}, out, indent=1, allow_nan=False)
    out.write("\n")
print(f"{len(cases)} cases")
