namespace Experimentation.Statistics;

/// <summary>
/// The 2×2 χ² test of conversions, [[c_C, n_C − c_C], [c_T, n_T − c_T]], with the unpooled normal CI of the
/// difference in rates and the delta-method CI of the relative lift.
/// </summary>
/// <remarks>
/// Pearson without correction is the default because it is the two-proportion z-test squared, so its p-value agrees
/// with the CI. With <c>continuityCorrection</c> it reproduces scipy.stats.chi2_contingency(correction=True) (Yates).
/// </remarks>
public static class ConversionTest
{
    /// <summary>Compares two conversion rates.</summary>
    public static ComparisonResult Compare(in Proportion control, in Proportion treatment, double alpha = 0.05,
        bool continuityCorrection = false)
    {
        if (!(alpha > 0 && alpha < 1) || !IsValid(control) || !IsValid(treatment))
            return ComparisonResult.Failed(StatisticsError.InvalidInput);
        double pC = control.Rate, pT = treatment.Rate;
        if (control.Count < 2 || treatment.Count < 2) return ComparisonResult.Failed(StatisticsError.TooFewUnits, pC, pT);
        if (control.Conversions == 0 && treatment.Conversions == 0)
            return ComparisonResult.Failed(StatisticsError.NoConversions, pC, pT);
        if (control.Conversions == control.Count && treatment.Conversions == treatment.Count)
            return ComparisonResult.Failed(StatisticsError.AllConverted, pC, pT);

        double chiSquared = ChiSquared(control, treatment, continuityCorrection);
        double p = ChiSquaredDistribution.Survival(chiSquared, 1);

        var summaryC = control.ToSummary();
        var summaryT = treatment.ToSummary();
        double delta = pT - pC;
        double se = Math.Sqrt(summaryT.Variance / treatment.Count + summaryC.Variance / control.Count);
        double z = -NormalDistribution.Quantile(alpha / 2);

        var error = RelativeLift.TryCompute(summaryC, summaryT, z, out double lift, out var liftInterval)
            ? StatisticsError.None
            : StatisticsError.ZeroBaseline;
        return new ComparisonResult(error, pC, pT, delta, se, chiSquared, 1, p, Interval.Around(delta, z * se), lift, liftInterval);
    }

    /// <summary>Pearson's χ² for the 2×2 table, optionally with Yates' correction as scipy applies it.</summary>
    internal static double ChiSquared(in Proportion control, in Proportion treatment, bool continuityCorrection)
    {
        double n = control.Count + treatment.Count;
        double converted = control.Conversions + treatment.Conversions;
        double notConverted = n - converted;
        return Cell(control.Conversions, control.Count * converted / n, continuityCorrection)
            + Cell(control.Count - control.Conversions, control.Count * notConverted / n, continuityCorrection)
            + Cell(treatment.Conversions, treatment.Count * converted / n, continuityCorrection)
            + Cell(treatment.Count - treatment.Conversions, treatment.Count * notConverted / n, continuityCorrection);
    }

    private static double Cell(double observed, double expected, bool continuityCorrection)
    {
        double diff = Math.Abs(observed - expected);
        // scipy moves each cell towards its expectation by at most 0.5, never past it.
        if (continuityCorrection) diff -= Math.Min(0.5, diff);
        return diff * diff / expected;
    }

    private static bool IsValid(in Proportion arm) => arm.Count >= 0 && arm.Conversions >= 0 && arm.Conversions <= arm.Count;
}
