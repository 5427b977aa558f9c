namespace Experimentation.GrainInterfaces.Aggregation;

/// <summary>The live sufficient statistics of one (experiment, variant): the sum of every shard's latest partial.</summary>
/// <param name="Exposures">Exposed users per day of first exposure, in day order.</param>
/// <param name="Metrics">Per metric, in ordinal key order.</param>
/// <param name="NoveltyEarlyDays">
/// E, the early window in days of every metric's <see cref="MetricTotals.Novelty"/>: round(0.2 × the experiment window),
/// at least 1. 0 while the shards disagree (for the second after the window grew and before every shard refolded),
/// when the novelty moments mix two windows and are not to be used; also 0 before any user.
/// </param>
/// <param name="AsOf">Commit time of the newest event folded in; null before any.</param>
/// <param name="Version">
/// The sum of the held partials' versions. Versions only grow and a changed partial always has a newer one, so any
/// change to these sums raises it (a re-sent unchanged partial may raise it too).
/// </param>
[GenerateSerializer, Immutable]
public sealed record VariantStatistics(
    [property: Id(0)] string Experiment,
    [property: Id(1)] string Variant,
    [property: Id(2)] ExposureBucket[] Exposures,
    [property: Id(3)] MetricTotals[] Metrics,
    [property: Id(4)] int NoveltyEarlyDays,
    [property: Id(5)] DateTimeOffset? AsOf,
    [property: Id(6)] long Version = 0)
{
    public long ExposedUsers => Exposures.Sum(b => b.Users);

    /// <summary>The metric's sums; empty when no user was folded for it.</summary>
    public MetricSums Total(string metricKey) => Find(metricKey)?.Sums ?? default;

    /// <summary>The metric's (early, late) moments; empty for metrics without them.</summary>
    public PairedSums Novelty(string metricKey) => Find(metricKey)?.Novelty ?? default;

    /// <summary>The metric's (value, pre-period value) moments for CUPED; empty for metrics without them.</summary>
    public PairedSums Cuped(string metricKey) => Find(metricKey)?.Cuped ?? default;

    /// <summary>A ratio or avg metric's CUPED pairs (<see cref="RatioCupedPairs"/>); null for metrics without them.</summary>
    public PairedSums[]? RatioCuped(string metricKey) => Find(metricKey)?.RatioCuped;

    /// <summary>A percentile metric's sketches, one per day; empty for other metrics.</summary>
    public DaySketch[] Sketches(string metricKey) => Find(metricKey)?.Sketches ?? [];

    private MetricTotals? Find(string metricKey)
    {
        foreach (var m in Metrics)
            if (m.MetricKey == metricKey) return m;
        return null;
    }
}
