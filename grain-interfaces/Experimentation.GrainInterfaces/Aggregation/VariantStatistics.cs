namespace Experimentation.GrainInterfaces.Aggregation;

/// <summary>The live sufficient statistics of one (experiment, variant): the sum of every shard's latest partial.</summary>
/// <param name="Exposures">Exposed users per day of first exposure, in day order.</param>
/// <param name="Metrics">Per metric and day of exposure, in (metric, day) order.</param>
/// <param name="AsOf">Commit time of the newest event folded in; null before any.</param>
[GenerateSerializer, Immutable]
public sealed record VariantStatistics(
    [property: Id(0)] string Experiment,
    [property: Id(1)] string Variant,
    [property: Id(2)] ExposureBucket[] Exposures,
    [property: Id(3)] MetricBucket[] Metrics,
    [property: Id(4)] DateTimeOffset? AsOf)
{
    public long ExposedUsers => Exposures.Sum(b => b.Users);

    /// <summary>The metric's sums over every day of exposure.</summary>
    public MetricSums Total(string metricKey)
    {
        var total = default(MetricSums);
        foreach (var b in Metrics)
            if (b.MetricKey == metricKey) total += b.Sums;
        return total;
    }
}
