namespace Experimentation.Statistics;

/// <summary>
/// The quantile treatment effect q̂_T − q̂_C with GrowthBook's order-statistics standard errors
/// (<see cref="QuantileSample.Estimate"/>): Welch's t on (n, q̂, variance) of each arm, as gbstats' t-test takes a
/// <c>QuantileStatistic</c>, and the relative lift by the same delta method as means.
/// </summary>
public static class PercentileTest
{
    public static ComparisonResult Compare(QuantileSample control, QuantileSample treatment, double alpha = 0.05,
        DegreesOfFreedomMethod df = DegreesOfFreedomMethod.Welch)
    {
        var c = control.Estimate();
        var t = treatment.Estimate();
        if (c.Error != StatisticsError.None) return ComparisonResult.Failed(c.Error, c.Estimate, t.Estimate);
        if (t.Error != StatisticsError.None) return ComparisonResult.Failed(t.Error, c.Estimate, t.Estimate);
        return WelchTest.Compare(c.ToSummary(), t.ToSummary(), alpha, df);
    }
}
