#!/usr/bin/python3
"""Reference values for EndToEndResultsTests (Debian python3-scipy; run with /usr/bin/python3).

The per-user data comes from the same closed-form generator as the C# test (EndToEndData): user i is in treatment
when i is odd; revenue x_i and signup s_i are integer formulas of i. The script prints the values the test holds as
literals: Welch t, df, p and CI of the revenue difference; the delta-method relative CI; Pearson chi-squared (no
continuity correction) and its p for signups.
"""
import numpy as np
from scipy import stats

N = 2000
ALPHA = 0.05


def revenue(i):
    base = (i * 7919) % 37
    return base + (4 if i % 2 == 1 and i % 3 == 0 else 0)


def signed_up(i):
    return ((i * 31) % 7) < 2 or (i % 2 == 1 and i % 11 == 0)


control = np.array([revenue(i) for i in range(N) if i % 2 == 0], dtype=float)
treatment = np.array([revenue(i) for i in range(N) if i % 2 == 1], dtype=float)

welch = stats.ttest_ind(treatment, control, equal_var=False)
vt, vc = treatment.var(ddof=1) / len(treatment), control.var(ddof=1) / len(control)
df = (vt + vc) ** 2 / (vt ** 2 / (len(treatment) - 1) + vc ** 2 / (len(control) - 1))
delta = treatment.mean() - control.mean()
q = stats.t.ppf(1 - ALPHA / 2, df)
se = np.sqrt(vt + vc)
lift = delta / abs(control.mean())
lift_var = treatment.var(ddof=1) / (len(treatment) * control.mean() ** 2) \
    + control.var(ddof=1) * treatment.mean() ** 2 / (len(control) * control.mean() ** 4)

print(f"n_control={len(control)} n_treatment={len(treatment)}")
print(f"mean_control={control.mean()!r} mean_treatment={treatment.mean()!r}")
print(f"welch_t={welch.statistic!r} df={df!r} p={welch.pvalue!r}")
print(f"ci=({delta - q * se!r}, {delta + q * se!r})")
print(f"relative_ci_percent=({100 * (lift - q * np.sqrt(lift_var))!r}, {100 * (lift + q * np.sqrt(lift_var))!r})")

sc = sum(signed_up(i) for i in range(N) if i % 2 == 0)
st = sum(signed_up(i) for i in range(N) if i % 2 == 1)
observed = [[sc, N // 2 - sc], [st, N // 2 - st]]
chi2, chi_p, _, _ = stats.chi2_contingency(observed, correction=False)
print(f"signups_control={sc} signups_treatment={st}")
print(f"chi2={chi2!r} p={chi_p!r}")
