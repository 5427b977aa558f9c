namespace Experimentation.Statistics;

/// <summary>
/// One arm of a percentile metric: its values by rank (a merged sketch live), the quantile level q, and for an
/// event-level quantile the users' clusters.
/// </summary>
/// <param name="Quantile">q in (0, 1): 0.95 for p95.</param>
/// <param name="Values">The arm's values: every post-exposure event (event level) or every user's value (unit level).</param>
/// <param name="Clusters">
/// Event level only: per user (S, N), S the user's events at or below this arm's estimate q̂ and N all the user's
/// events, as a ratio sample over users; null at unit level, where the values are independent.
/// </param>
/// <param name="DesignEffect">Event level without clusters: a design effect v_cluster/v_iid computed elsewhere (a warehouse).</param>
public sealed record QuantileSample(double Quantile, IRankedValues Values, RatioSample? Clusters = null, double? DesignEffect = null)
{
    /// <summary>z of the rank interval, gbstats' fixed 95%: Φ⁻¹(0.975).</summary>
    public static readonly double Z = NormalDistribution.Quantile(0.975);

    /// <summary>The 0-based rank of the sample quantile: ⌈q·n⌉ − 1 (numpy's <c>inverted_cdf</c>).</summary>
    public static long RankOf(double q, long n) => Math.Max(0, (long)Math.Ceiling(q * n) - 1);

    /// <summary>
    /// The estimate and its order-statistics variance (GrowthBook's quantile test, gbstats <c>QuantileStatistic</c>
    /// and <c>QuantileClusteredStatistic</c>):
    /// q̂ at rank ⌈qn⌉ − 1; L and U at the ranks ⌈qn ∓ z√(nq(1 − q))⌉ − 1 (interpolated within a sketch's bucket); per-unit variance (n − 1)·((U − L)/(2z))²,
    /// so SE² ≈ ((U − L)/(2z))². At event level it is multiplied by v_cluster/v_iid, with v_iid = q(1 − q)/n and
    /// v_cluster the delta-method variance of ΣS/ΣN over users (the share of events below q̂, with each user's events
    /// correlated).
    /// </summary>
    public QuantileEstimate Estimate()
    {
        long n = Values.Count;
        double q = Quantile;
        if (!(q > 0 && q < 1)) return QuantileEstimate.Failed(StatisticsError.InvalidInput, n);
        double z2 = Z * Z;
        // gbstats' _has_zero_variance: too few values for the rank interval to stay inside the sample.
        if (n < 2 || n <= z2 * q / (1 - q) || n <= z2 * (1 - q) / q)
            return QuantileEstimate.Failed(StatisticsError.TooFewUnits, n, n > 0 ? Values.ValueAtRank(RankOf(q, n)) : double.NaN);
        double estimate = Values.ValueAtRank(RankOf(q, n));
        double margin = Z * Math.Sqrt(n * q * (1 - q));
        // A sketch spreads each bucket's values over its width for these two, so that an interval narrower than a bucket
        // (large n) still has a width; exact values are read as they are.
        double lower = Values.InterpolatedValueAtRank((long)Math.Ceiling(q * n - margin) - 1);
        double upper = Values.InterpolatedValueAtRank((long)Math.Ceiling(q * n + margin) - 1);
        double halfWidth = (upper - lower) / (2 * Z);
        double variance = (n - 1) * halfWidth * halfWidth;
        double design = 1;
        if (Clusters is { } c)
        {
            if (c.Count < 2 || !(c.DenominatorMean > 0)) return QuantileEstimate.Failed(StatisticsError.TooFewUnits, n, estimate);
            double clustered = c.ToSummary().Variance / c.Count;
            design = clustered / (q * (1 - q) / n);
            variance *= design;
        }
        else if (DesignEffect is { } given)
        {
            if (!(given > 0) || !double.IsFinite(given)) return QuantileEstimate.Failed(StatisticsError.InvalidInput, n, estimate);
            design = given;
            variance *= design;
        }
        return new QuantileEstimate(StatisticsError.None, n, estimate, lower, upper, variance, design);
    }
}

/// <summary>One arm's quantile estimate.</summary>
/// <param name="Count">n: events (event level) or users (unit level).</param>
/// <param name="Estimate">q̂.</param>
/// <param name="Lower">The value at the lower rank of the interval.</param>
/// <param name="Upper">The value at the upper rank.</param>
/// <param name="Variance">The per-unit variance, so that SE² = Variance/n.</param>
/// <param name="DesignEffect">v_cluster/v_iid at event level (1 at unit level): how much several events per user inflate the variance.</param>
public readonly record struct QuantileEstimate(StatisticsError Error, long Count, double Estimate, double Lower, double Upper, double Variance,
    double DesignEffect)
{
    internal static QuantileEstimate Failed(StatisticsError error, long n, double estimate = double.NaN) =>
        new(error, n, estimate, double.NaN, double.NaN, double.NaN, double.NaN);

    /// <summary>What a two-sample test needs: n, q̂ and the per-unit variance.</summary>
    public ArmSummary ToSummary() => new(Count, Estimate, Variance);
}
