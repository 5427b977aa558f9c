namespace Experimentation.Statistics;

/// <summary>
/// Novelty effect: from statistics bucketed by time (for example per day of exposure), compares the effect in the
/// first 20% of the window against the rest with a z-test on the difference of the two effects.
/// </summary>
/// <remarks>
/// "Larger" means larger in magnitude, so a novelty that fades from either direction is caught. The early window is
/// round(20%·buckets) buckets, at least one and leaving at least one for the rest.
/// </remarks>
public static class NoveltyTest
{
    /// <summary>The default share of the window that counts as early.</summary>
    public const double DefaultEarlyFraction = 0.2;

    /// <summary>Buckets of a mean metric, in time order.</summary>
    public static NoveltyResult Evaluate(IReadOnlyList<(SampleMean Control, SampleMean Treatment)> buckets,
        double alpha = 0.05, double earlyFraction = DefaultEarlyFraction)
    {
        if (!TrySplit(buckets.Count, earlyFraction, alpha, out int early)) return Invalid(early);
        SampleMean earlyC = default, earlyT = default, lateC = default, lateT = default;
        for (int i = 0; i < buckets.Count; i++)
        {
            if (i < early) { earlyC += buckets[i].Control; earlyT += buckets[i].Treatment; }
            else { lateC += buckets[i].Control; lateT += buckets[i].Treatment; }
        }
        return Compare(early, earlyC.ToSummary(), earlyT.ToSummary(), lateC.ToSummary(), lateT.ToSummary(), alpha);
    }

    /// <summary>Buckets of a conversion metric, in time order.</summary>
    public static NoveltyResult Evaluate(IReadOnlyList<(Proportion Control, Proportion Treatment)> buckets,
        double alpha = 0.05, double earlyFraction = DefaultEarlyFraction)
    {
        if (!TrySplit(buckets.Count, earlyFraction, alpha, out int early)) return Invalid(early);
        Proportion earlyC = default, earlyT = default, lateC = default, lateT = default;
        for (int i = 0; i < buckets.Count; i++)
        {
            if (i < early) { earlyC += buckets[i].Control; earlyT += buckets[i].Treatment; }
            else { lateC += buckets[i].Control; lateT += buckets[i].Treatment; }
        }
        return Compare(early, earlyC.ToSummary(), earlyT.ToSummary(), lateC.ToSummary(), lateT.ToSummary(), alpha);
    }

    private static NoveltyResult Compare(int early, in ArmSummary earlyC, in ArmSummary earlyT, in ArmSummary lateC,
        in ArmSummary lateT, double alpha)
    {
        if (earlyC.Count < 2 || earlyT.Count < 2 || lateC.Count < 2 || lateT.Count < 2)
            return new NoveltyResult(StatisticsError.TooFewUnits, early, double.NaN, double.NaN, double.NaN, double.NaN, false);
        double earlyDelta = earlyT.Mean - earlyC.Mean;
        double lateDelta = lateT.Mean - lateC.Mean;
        double variance = earlyT.Variance / earlyT.Count + earlyC.Variance / earlyC.Count
            + lateT.Variance / lateT.Count + lateC.Variance / lateC.Count;
        if (!(variance > 0))
            return new NoveltyResult(StatisticsError.ZeroVariance, early, earlyDelta, lateDelta, double.NaN, double.NaN, false);
        double z = (earlyDelta - lateDelta) / Math.Sqrt(variance);
        double p = NormalDistribution.TwoSidedPValue(z);
        return new NoveltyResult(StatisticsError.None, early, earlyDelta, lateDelta, z, p,
            p < alpha && Math.Abs(earlyDelta) > Math.Abs(lateDelta));
    }

    private static bool TrySplit(int count, double earlyFraction, double alpha, out int early)
    {
        early = (int)Math.Round(earlyFraction * count, MidpointRounding.AwayFromZero);
        early = Math.Clamp(early, 1, Math.Max(1, count - 1));
        return count >= 2 && earlyFraction > 0 && earlyFraction < 1 && alpha > 0 && alpha < 1;
    }

    private static NoveltyResult Invalid(int early) =>
        new(StatisticsError.InvalidInput, early, double.NaN, double.NaN, double.NaN, double.NaN, false);
}
