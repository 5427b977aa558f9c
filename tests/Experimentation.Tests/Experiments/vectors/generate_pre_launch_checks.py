#!/usr/bin/python3
"""Expected numbers of the pre-launch checks' sample_size and duration, from statsmodels.

Run with Debian's interpreter (python3-statsmodels 0.13, python3-scipy 1.10):

    /usr/bin/python3 tests/Experimentation.Tests/Experiments/vectors/generate_pre_launch_checks.py

It rewrites pre-launch-checks.json beside this script. The n per arm is statsmodels NormalIndPower.solve_power
(two-sided, alpha 0.05, power 0.8, equal arms) with effect size |MDE| / sd, rounded up; a conversion's sd is
sqrt(p(1 - p)) at the baseline rate. The closed form (z_{1-a/2} + z_{1-b})^2 * 2 sd^2 / MDE^2 with scipy quantiles
is rounded up too and must agree. The duration is arithmetic on that n: users = n * sum(weights) / min(weight),
days = ceil(users / (dailyUsers * traffic/100 * slots/totalSlots)).
"""
import json
import math
import os

from scipy import stats
from statsmodels.stats.power import NormalIndPower

ALPHA, POWER = 0.05, 0.8
solver = NormalIndPower()
cases = []


def per_arm(sd, mde_absolute):
    statsmodels_n = math.ceil(solver.solve_power(effect_size=abs(mde_absolute) / sd, alpha=ALPHA, power=POWER,
                                                 ratio=1.0, alternative="two-sided"))
    z = stats.norm.isf(ALPHA / 2) + stats.norm.ppf(POWER)
    formula_n = math.ceil(z * z * 2 * sd * sd / (mde_absolute * mde_absolute) * (1 - 1e-10))
    assert statsmodels_n == formula_n, (statsmodels_n, formula_n)
    return statsmodels_n


def add(name, metric_type, mde, baseline, sd, source, weights=(1, 1), daily=None, traffic=100, slots=None):
    n = per_arm(sd, mde * abs(baseline))
    case = {"name": name, "source": source, "metricType": metric_type, "mde": mde, "baseline": baseline,
            "standardDeviation": sd, "weights": list(weights), "trafficPercent": traffic, "perArm": n}
    if daily is not None:
        share = traffic / 100 * (slots[0] / slots[1] if slots else 1)
        users = n * sum(weights) / min(weights)
        case.update({"expectedDailyUsers": daily, "namespaceSlots": slots, "days": math.ceil(users / (daily * share))})
    cases.append(case)


add("conversion from the definition", "conversion", 0.05, 0.12, math.sqrt(0.12 * 0.88), "definition",
    daily=2000, traffic=50)
add("mean from the definition", "mean", 0.05, 25.0, 40.0, "definition", weights=(1, 3), daily=5000, traffic=80,
    slots=(50, 100))
# 200 control users of an earlier experiment, 30 of whom converted: the rate 0.15.
add("conversion from recent data", "conversion", 0.10, 30 / 200, math.sqrt(0.15 * 0.85), "recent")

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "pre-launch-checks.json"), "w") as out:
    json.dump({"generator": "generate_pre_launch_checks.py", "cases": cases}, out, indent=2)
    out.write("\n")
