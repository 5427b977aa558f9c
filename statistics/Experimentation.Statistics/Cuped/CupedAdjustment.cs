namespace Experimentation.Statistics;

/// <summary>
/// CUPED (regression adjustment on a pre-exposure covariate) as gbstats computes it for mean and conversion metrics
/// (growthbook/growthbook <c>packages/stats/gbstats/models/statistics.py</c>: <c>RegressionAdjustedStatistic</c>,
/// <c>compute_theta</c>; <c>frequentist/tests.py</c>: <c>frequentist_variance_relative_cuped</c>).
/// </summary>
/// <remarks>
/// θ = cov(Y, X)/var(X) over both arms pooled as one sample (gbstats' joint statistic, so the between-arm spread is
/// in it too); Ŷ = Ȳ − θX̄ per arm; per-unit variance s_Y² + θ²s_X² − 2θs_XY. A conversion's moments are Bernoulli:
/// gbstats' ProportionStatistic divides by n, not n − 1 (p(1 − p), Σxy/n − ΣxΣy/n²); θ is the same ratio either way.
/// </remarks>
public static class CupedAdjustment
{
    /// <summary>θ pooled over the two arms; 0 when the pooled covariate or metric has no variance (gbstats' rule).</summary>
    public static double Theta(in CupedSample control, in CupedSample treatment)
    {
        var joint = control + treatment;
        if (!(joint.CovariateM2 > 0) || !(joint.MetricM2 > 0)) return 0;
        return joint.CoMoment / joint.CovariateM2;
    }

    /// <summary>True when the covariate varies over the two arms, so that CUPED can adjust anything.</summary>
    public static bool HasCovariate(in CupedSample control, in CupedSample treatment) => (control + treatment).CovariateM2 > 0;

    /// <summary>One arm adjusted: n, Ȳ − θX̄ and the per-unit variance s_Y² + θ²s_X² − 2θs_XY.</summary>
    public static ArmSummary Adjusted(in CupedSample arm, double theta, bool proportion)
    {
        if (arm.Count <= 0) return new ArmSummary(0, double.NaN, double.NaN);
        double m2 = arm.MetricM2 + theta * theta * arm.CovariateM2 - 2 * theta * arm.CoMoment;
        double denominator = proportion ? arm.Count : arm.Count - 1;
        double variance = denominator > 0 ? Math.Max(0, m2) / denominator : double.NaN;
        return new ArmSummary(arm.Count, arm.MetricMean - theta * arm.CovariateMean, variance);
    }

    /// <summary>
    /// The variance of the relative effect (Ŷ_T − Ŷ_C)/Ȳ_C, gbstats' <c>frequentist_variance_relative_cuped</c>:
    /// the treatment's adjusted variance over n_T Ȳ_C², plus the control's delta-method term
    /// (s_YC² Ȳ_T²/Ȳ_C² − 2θ s_XYC Ȳ_T/Ȳ_C + θ² s_XC²)/(n_C Ȳ_C²). NaN when Ȳ_C = 0.
    /// </summary>
    public static double RelativeVariance(in CupedSample control, in CupedSample treatment, double theta, bool proportion)
    {
        double c = control.MetricMean;
        if (c == 0 || control.Count <= 0 || treatment.Count <= 0) return double.NaN;
        double c2 = c * c;
        double vTreatment = Adjusted(treatment, theta, proportion).Variance / (treatment.Count * c2);
        double divisor = proportion ? control.Count : control.Count - 1;
        double varY = control.MetricM2 / divisor, varX = control.CovariateM2 / divisor, cov = control.CoMoment / divisor;
        double k = -treatment.MetricMean;
        double vControl = (varY * k * k / c2 + 2 * theta * cov * k / c + theta * theta * varX) / (control.Count * c2);
        return vTreatment + vControl;
    }

    /// <summary>
    /// Welch's t-test on the adjusted arms; the lift is (Ŷ_T − Ŷ_C)/|Ȳ_C| with <see cref="RelativeVariance"/>, the
    /// CI lift ± t_{1−α/2}(df)·√Var. Means are the adjusted ones.
    /// </summary>
    public static ComparisonResult Compare(in CupedSample control, in CupedSample treatment, double theta, bool proportion,
        double alpha = 0.05, DegreesOfFreedomMethod df = DegreesOfFreedomMethod.Welch)
    {
        var adjustedControl = Adjusted(control, theta, proportion);
        var adjustedTreatment = Adjusted(treatment, theta, proportion);
        var result = WelchTest.Compare(adjustedControl, adjustedTreatment, alpha, df);
        if (!result.HasTest) return result;
        double c = control.MetricMean;
        double variance = RelativeVariance(control, treatment, theta, proportion);
        if (c == 0 || !double.IsFinite(variance))
            return result with { Error = StatisticsError.ZeroBaseline, Lift = double.NaN, LiftConfidenceInterval = Interval.Undefined };
        double q = StudentTDistribution.UpperQuantile(alpha / 2, result.DegreesOfFreedom);
        double lift = result.Delta / Math.Abs(c);
        return result with { Error = StatisticsError.None, Lift = lift, LiftConfidenceInterval = Interval.Around(lift, q * Math.Sqrt(variance)) };
    }
}
