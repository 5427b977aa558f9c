namespace Experimentation.Statistics;

/// <summary>
/// Welch's two-sample t-test from sufficient statistics, with the CI of the difference and the delta-method CI of
/// the relative lift. Matches scipy.stats.ttest_ind_from_stats(equal_var=False).
/// </summary>
public static class WelchTest
{
    /// <summary>Compares two mean metrics.</summary>
    public static ComparisonResult Compare(in SampleMean control, in SampleMean treatment, double alpha = 0.05,
        DegreesOfFreedomMethod df = DegreesOfFreedomMethod.Welch) =>
        Compare(control.ToSummary(), treatment.ToSummary(), alpha, df);

    /// <summary>Compares two ratio metrics, each reduced to a mean and per-unit variance by the delta method.</summary>
    public static ComparisonResult Compare(in RatioSample control, in RatioSample treatment, double alpha = 0.05,
        DegreesOfFreedomMethod df = DegreesOfFreedomMethod.Welch)
    {
        if (control.Count >= 2 && treatment.Count >= 2 && (control.DenominatorMean == 0 || treatment.DenominatorMean == 0))
            return ComparisonResult.Failed(StatisticsError.ZeroDenominator);
        return Compare(control.ToSummary(), treatment.ToSummary(), alpha, df);
    }

    /// <summary>Compares two arms given as n, mean and per-unit sample variance.</summary>
    public static ComparisonResult Compare(in ArmSummary control, in ArmSummary treatment, double alpha = 0.05,
        DegreesOfFreedomMethod df = DegreesOfFreedomMethod.Welch)
    {
        if (!(alpha > 0 && alpha < 1)) return ComparisonResult.Failed(StatisticsError.InvalidInput);
        if (control.Count < 2 || treatment.Count < 2)
            return ComparisonResult.Failed(StatisticsError.TooFewUnits, control.Mean, treatment.Mean);
        if (!IsFinite(control) || !IsFinite(treatment) || control.Variance < 0 || treatment.Variance < 0)
            return ComparisonResult.Failed(StatisticsError.InvalidInput);

        double vC = control.Variance / control.Count;
        double vT = treatment.Variance / treatment.Count;
        double se2 = vT + vC;
        if (!(se2 > 0)) return ComparisonResult.Failed(StatisticsError.ZeroVariance, control.Mean, treatment.Mean);

        double delta = treatment.Mean - control.Mean;
        double se = Math.Sqrt(se2);
        double t = delta / se;
        double degrees = df == DegreesOfFreedomMethod.Pooled
            ? control.Count + treatment.Count - 2.0
            : se2 * se2 / (vT * vT / (treatment.Count - 1) + vC * vC / (control.Count - 1));
        // Finite inputs near ±1.8e308 can still overflow the effect or the df; a t of ±∞ would read as p = 0.
        if (!double.IsFinite(delta) || !double.IsFinite(se2) || !double.IsFinite(degrees))
            return ComparisonResult.Failed(StatisticsError.InvalidInput, control.Mean, treatment.Mean);
        double p = StudentTDistribution.TwoSidedPValue(t, degrees);
        double q = StudentTDistribution.UpperQuantile(alpha / 2, degrees);

        var error = RelativeLift.TryCompute(control, treatment, q, out double lift, out var liftInterval)
            ? StatisticsError.None
            : StatisticsError.ZeroBaseline;
        return new ComparisonResult(error, control.Mean, treatment.Mean, delta, se, t, degrees, p,
            Interval.Around(delta, q * se), lift, liftInterval);
    }

    private static bool IsFinite(in ArmSummary arm) => double.IsFinite(arm.Mean) && double.IsFinite(arm.Variance);
}
