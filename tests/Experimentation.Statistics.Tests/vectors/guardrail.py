#!/usr/bin/python3
"""Reference vectors for the guardrail test (docs/statistics.md, Guardrails), from scipy.

Run with Debian's interpreter (python3-scipy 1.10):

    /usr/bin/python3 tests/Experimentation.Statistics.Tests/vectors/guardrail.py

It rewrites guardrail.json beside this script. The test is a one-sided mSPRT on theta = ln(mean_T/mean_C) against
theta0 = ln(1 + tolerance) (lower is better) or ln(1 - tolerance) (higher is better), with the normal mixture
N(theta0, tau2) truncated to the harmful side. Its closed form,
    Lambda = 2 sqrt(s2/(s2+tau2)) exp(tau2 x^2 / (2 s2 (s2+tau2))) Phi(x tau / (s sqrt(s2+tau2))),  x = eta - eta0,
is evaluated with scipy.stats.norm.logcdf and checked here against scipy.integrate.quad of the mixture itself; the
always-valid bound (Lambda = 1/alpha) is found with scipy.optimize.brentq. Nothing here shares code with the C#.
"""
import json
import math
import os

import numpy as np
import scipy
from scipy import integrate, optimize, stats

rng = np.random.default_rng(20250112)
cases = []


def add(kind, source, inputs, expected):
    cases.append({"id": f"{kind}-{sum(1 for c in cases if c['kind'] == kind) + 1:03d}", "kind": kind,
                  "source": source, "input": inputs, "expected": expected})


def log_lambda(d, s2, tau2, theta0):
    q = tau2 / s2
    r = q / (1 + q)
    z = (d - theta0) / math.sqrt(s2)
    return math.log(2) - 0.5 * math.log1p(q) + 0.5 * r * z * z + float(stats.norm.logcdf(z * math.sqrt(r)))


def log_lambda_by_quadrature(d, s2, tau2, theta0):
    # The mixture of likelihood ratios over the half-normal prior on u = theta - theta0 > 0. The integrand is a
    # normal curve in u (centre x tau2/(s2+tau2), sd `scale`) cut at 0, scaled by its peak so quad sees numbers near 1.
    x = d - theta0

    def log_integrand(u):
        return (u * x - u * u / 2) / s2 + math.log(2) + float(stats.norm.logpdf(u, 0, math.sqrt(tau2)))

    centre = max(0.0, x * tau2 / (s2 + tau2))
    scale = math.sqrt(s2 * tau2 / (s2 + tau2))
    peak = log_integrand(centre)
    pieces = [(0.0, centre), (centre, centre + 40 * scale)] if centre > 0 else [(0.0, 40 * scale)]
    value = sum(integrate.quad(lambda u: math.exp(log_integrand(u) - peak), a, b, epsabs=0, epsrel=1e-12, limit=200)[0]
                for a, b in pieces)
    return peak + math.log(value)


def half_width(s2, tau2, alpha):
    q = tau2 / s2
    r = q / (1 + q)
    z2 = math.sqrt((math.log1p(q) - 2 * math.log(alpha)) / r)
    f = lambda z: log_lambda(z * math.sqrt(s2), s2, tau2, 0.0) + math.log(alpha)
    z = optimize.brentq(f, 0.0, z2, xtol=1e-300, rtol=4 * np.finfo(float).eps, maxiter=500)
    return z * math.sqrt(s2)


def rho2_n(alpha, total, nstar):
    m2la = -2 * math.log(alpha)
    return (m2la + math.log(m2la + 1)) / nstar * total


# --- ln Phi ------------------------------------------------------------------------------------------------------
for z in [-80.0, -45.0, -30.5, -30.0, -29.5, -12.0, -3.0, -0.2, 0.0, 0.7, 4.0, 9.0, 20.0, 38.0]:
    add("normal_logcdf", "scipy.stats.norm.logcdf", {"z": z}, {"logcdf": float(stats.norm.logcdf(z))})


# --- One-sided mixture: ln Lambda and the always-valid half-width --------------------------------------------------
for d, s2, tau2, theta0, alpha in [(0.1, 0.001, 0.002, 0.0488, 0.05), (0.3, 0.01, 0.05, 0.0, 0.05),
                                   (-0.02, 0.0004, 0.01, 0.05, 0.05), (0.07, 0.0001, 0.0001, 0.05, 0.05),
                                   (2.0, 1.0, 8.0, 0.0, 0.01), (0.05, 1e-6, 4e-5, 0.0488, 0.05),
                                   (0.5, 0.04, 0.001, 0.0, 0.1), (0.0, 0.02, 0.3, 0.0, 0.05)]:
    ll = log_lambda(d, s2, tau2, theta0)
    quad = log_lambda_by_quadrature(d, s2, tau2, theta0)
    assert abs(ll - quad) <= 1e-9 * max(1.0, abs(ll)), (d, s2, tau2, theta0, ll, quad)
    w = half_width(s2, tau2, alpha)
    # At the bound the mixture itself (by quadrature) is 1/alpha.
    assert abs(log_lambda_by_quadrature(d, s2, tau2, d - w) + math.log(alpha)) < 1e-9, (d, s2, tau2, alpha)
    add("one_sided_msprt", "formula with scipy.stats.norm.logcdf, checked against scipy.integrate.quad of the "
        "half-normal mixture; half-width by scipy.optimize.brentq",
        {"delta": d, "se2": s2, "tau2": tau2, "theta0": theta0, "alpha": alpha},
        {"log_lambda": ll, "half_width": w})


# --- Guardrail looks -----------------------------------------------------------------------------------------------
def summary(arm):
    if "c" in arm:
        p = arm["c"] / arm["n"]
        return arm["n"], p, p * (1 - p)
    return arm["n"], arm["mean"], arm["var"]


def guardrail_sequence(looks, higher, tol, alpha, nstar, tau2_fixed):
    p_run, lo_run, hi_run, out = 1.0, -math.inf, math.inf, []
    for c_arm, t_arm in looks:
        (nc, mc, vc), (nt, mt, vt) = summary(c_arm), summary(t_arm)
        lift = (mt - mc) / abs(mc) if mc != 0 else math.nan
        degradation = -lift if higher else lift
        error = None
        if nc < 2 or nt < 2:
            error = "too_few_units"
        elif not (mc > 0 and mt > 0):
            error = "undefined_ratio"
        elif vt / (nt * mt * mt) + vc / (nc * mc * mc) == 0:
            error = "zero_variance"
        if error is not None:
            out.append({"error": error, "degradation": None if math.isnan(degradation) else degradation, "av_p": p_run,
                        "av_lower": lo_run, "av_upper": hi_run,
                        "breached": bool(p_run < alpha and degradation > tol)})
            continue
        se2 = vt / (nt * mt * mt) + vc / (nc * mc * mc)
        theta = math.log(mt / mc)
        sign = -1.0 if higher else 1.0
        theta0 = (math.log1p(-tol) if tol < 1 else -math.inf) if higher else math.log1p(tol)
        ratio = tau2_fixed / (vt / nt + vc / nc) if tau2_fixed is not None else rho2_n(alpha, nc + nt, nstar)
        tau2 = ratio * se2
        eta = sign * theta
        ll = log_lambda(eta, se2, tau2, sign * theta0) if math.isfinite(theta0) else -math.inf
        p = min(1.0, math.exp(-ll))
        w = half_width(se2, tau2, alpha)
        harm = (lambda e: -math.expm1(-e)) if higher else math.expm1
        lower, upper = harm(eta - w), harm(eta + w)
        p_run, lo_run, hi_run = min(p_run, p), max(lo_run, lower), min(hi_run, upper)
        out.append({"error": None, "degradation": degradation, "log_ratio": theta, "se": math.sqrt(se2),
                    "null_log_ratio": theta0 if math.isfinite(theta0) else None, "tau2": tau2,
                    "log_lambda": ll if math.isfinite(ll) else None, "p": p, "av_p": p_run, "lower": lower,
                    "upper": upper, "av_lower": lo_run, "av_upper": hi_run,
                    "breached": bool(p_run < alpha and degradation > tol)})
    return out


GUARDRAIL = ("one-sided mSPRT on ln(mean_T/mean_C) against ln(1 +/- tolerance): formula with scipy.stats.norm.logcdf, "
             "bounds by scipy.optimize.brentq, mapped to relative harm with math.expm1; GrowthBook tau2 tuning "
             "(tau2/s2 = rho2*N)")


def arm(n, mean, var):
    return {"n": int(n), "mean": float(mean), "var": float(var)}


def conv(n, c):
    return {"n": int(n), "c": int(c)}


single = [
    (arm(20000, 100.0, 400.0), arm(20000, 92.0, 400.0), "higher_better", 0.05),
    (arm(20000, 100.0, 400.0), arm(20000, 97.0, 400.0), "higher_better", 0.05),
    (arm(20000, 100.0, 400.0), arm(20000, 108.0, 400.0), "lower_better", 0.05),
    (arm(20000, 100.0, 400.0), arm(20000, 108.0, 400.0), "higher_better", 0.05),
    (arm(200, 100.0, 2500.0), arm(200, 90.0, 2500.0), "higher_better", 0.05),
    (arm(50000, 250.0, 10000.0), arm(50000, 265.0, 10000.0), "lower_better", 0.1),
    (arm(50000, 250.0, 10000.0), arm(50000, 280.0, 10000.0), "lower_better", 0.1),
    (arm(5000, 2.0, 1.0), arm(5000, 1.8, 1.0), "higher_better", 0.05),
    # The old rule's blind spot: 3% worse, far from 0 (p ~ 1e-30 against no effect) and far inside the tolerance.
    (arm(400000, 300.0, 40000.0), arm(400000, 309.0, 42436.0), "lower_better", 0.05),
    (arm(3000, 300.0, 40000.0), arm(3000, 330.0, 48400.0), "lower_better", 0.05),
    (arm(20000, 100.0, 400.0), arm(20000, 40.0, 400.0), "higher_better", 1.5),
    (arm(10, 5.0, 1.0), arm(12, 5.5, 1.2), "lower_better", 0.05),
]
for c, t, direction, tol in single:
    [look] = guardrail_sequence([(c, t)], direction == "higher_better", tol, 0.05, 5000, None)
    add("guardrail", GUARDRAIL, {"metric": "mean", "control": c, "treatment": t, "direction": direction,
                                 "max_degradation": tol}, look)
for c, t, direction, tol in [(conv(40000, 4000), conv(40000, 3500), "higher_better", 0.05),
                             (conv(40000, 4000), conv(40000, 3900), "higher_better", 0.05),
                             (conv(200000, 2000), conv(200000, 2300), "lower_better", 0.1),
                             (conv(8000, 400), conv(8000, 330), "higher_better", 0.05)]:
    [look] = guardrail_sequence([(c, t)], direction == "higher_better", tol, 0.05, 5000, None)
    add("guardrail", GUARDRAIL + "; conversions with the Bernoulli variance p(1 - p)",
        {"metric": "conversion", "control": c, "treatment": t, "direction": direction, "max_degradation": tol}, look)
for c, t, direction, code in [(arm(1, 5.0, 0.0), arm(10, 6.0, 1.0), "lower_better", "too_few_units"),
                              (arm(100, 0.0, 1.0), arm(100, 0.3, 1.0), "lower_better", "undefined_ratio"),
                              (arm(100, -2.0, 1.0), arm(100, -2.5, 1.0), "higher_better", "undefined_ratio"),
                              (arm(10, 5.0, 0.0), arm(10, 6.0, 0.0), "lower_better", "zero_variance")]:
    [look] = guardrail_sequence([(c, t)], direction == "higher_better", 0.05, 0.05, 5000, None)
    assert look["error"] == code
    add("guardrail", GUARDRAIL + "; no test: " + code, {"metric": "mean", "control": c, "treatment": t,
                                                        "direction": direction, "max_degradation": 0.05}, look)


# --- Guardrail sequences: the running p and bounds carried over looks ------------------------------------------------
def mean_looks(k, per_look, mean, sd, harm, higher):
    # Cumulative arms, their means drawn around the truth with the SE of per_look*i units.
    looks = []
    ratio = 1 - harm if higher else 1 + harm
    for i in range(1, k + 1):
        n = per_look * i
        mc = mean + rng.normal(0, sd / math.sqrt(n))
        mt = mean * ratio + rng.normal(0, sd * ratio / math.sqrt(n))
        looks.append((arm(n, mc, sd * sd), arm(n, mt, (sd * ratio) ** 2)))
    return looks


for k, per_look, mean, sd, harm, direction, tol, tau2 in [
        (8, 400, 300.0, 200.0, 0.2, "lower_better", 0.05, None),
        (10, 1000, 300.0, 200.0, 0.03, "lower_better", 0.05, None),
        (6, 2000, 10.0, 6.0, 0.12, "higher_better", 0.05, None),
        (6, 500, 50.0, 40.0, 0.0, "higher_better", 0.1, None),
        (7, 1500, 300.0, 200.0, 0.15, "lower_better", 0.05, 4.0)]:
    looks = mean_looks(k, per_look, mean, sd, harm, direction == "higher_better")
    add("guardrail_sequence", GUARDRAIL + ("; fixed tau2 on the metric's scale, as tau2/s2 with the Welch s2"
                                           if tau2 is not None else ""),
        {"metric": "mean", "looks": [{"control": c, "treatment": t} for c, t in looks], "direction": direction,
         "max_degradation": tol, "tau2": tau2},
        {"looks": guardrail_sequence(looks, direction == "higher_better", tol, 0.05, 5000, tau2)})


def clean(x):
    if isinstance(x, float) and math.isinf(x):
        return None
    if isinstance(x, dict):
        return {k: clean(v) for k, v in x.items()}
    if isinstance(x, list):
        return [clean(v) for v in x]
    return x


here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "guardrail.json"), "w") as out:
    json.dump({"generator": "guardrail.py", "scipy": scipy.__version__, "numpy": np.__version__,
               "cases": clean(cases)}, out, indent=1, allow_nan=False)
    out.write("\n")
print(f"{len(cases)} cases")
