namespace Experimentation.GrainInterfaces.Metrics;

/// <summary>Which sums a metric's <see cref="Aggregation.MetricSums"/> hold, for whoever turns them into a test.</summary>
public static class MetricShape
{
    /// <summary>
    /// True when the sums are (numerator, denominator) pairs analysed by the delta method: ratio metrics, and
    /// <c>avg</c> means, which are Σ value / Σ events over every exposed user (a user without events is (0, 0)).
    /// </summary>
    public static bool IsRatio(this MetricDefinition metric) =>
        metric.Type == MetricType.Ratio || (metric.Type == MetricType.Mean && metric.Aggregation == MetricAggregation.Avg);

    /// <summary>True when the shards keep the per-user (early, late) novelty moments: sum and count means, and conversions.</summary>
    public static bool HasNoveltyMoments(this MetricDefinition metric) =>
        metric.Type == MetricType.Conversion || (metric.Type == MetricType.Mean && metric.Aggregation is MetricAggregation.Sum or MetricAggregation.Count);

    /// <summary>
    /// True when the shards keep the per-user (value, pre-period value) moments for CUPED: the same metrics as the
    /// novelty moments, whose per-user value is one number.
    /// </summary>
    public static bool HasCupedMoments(this MetricDefinition metric) => metric.HasNoveltyMoments();

    /// <summary>
    /// True when the shards keep ratio CUPED's moments (<see cref="Aggregation.MetricTotals.RatioCuped"/>): the
    /// (numerator, denominator) metrics of <see cref="IsRatio"/>, whose covariate is the same ratio over the pre-period.
    /// </summary>
    public static bool HasRatioCupedMoments(this MetricDefinition metric) => metric.IsRatio();

    /// <summary>True when an event in a user's CUPED pre-period changes their contribution to the metric.</summary>
    public static bool UsesPrePeriod(this MetricDefinition metric) => metric.HasCupedMoments() || metric.HasRatioCupedMoments();
}
