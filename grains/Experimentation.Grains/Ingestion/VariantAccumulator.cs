using Experimentation.GrainInterfaces.Aggregation;

namespace Experimentation.Grains.Ingestion;

/// <summary>A shard's running sums for one (experiment, variant), bucketed by the UTC day of first exposure.</summary>
public sealed class VariantAccumulator
{
    public Dictionary<DateOnly, long> Exposed { get; } = [];

    public Dictionary<(string Metric, DateOnly Day), MetricSums> Metrics { get; } = [];

    /// <summary>Commit time of the newest event that changed these sums.</summary>
    public DateTimeOffset? AsOf { get; set; }

    public void AddExposed(DateOnly day, long delta)
    {
        var users = Exposed.GetValueOrDefault(day) + delta;
        if (users == 0) Exposed.Remove(day);
        else Exposed[day] = users;
    }

    public void AddMetric(string metric, DateOnly day, MetricSums delta, bool subtract = false)
    {
        var key = (metric, day);
        var sums = subtract ? Metrics.GetValueOrDefault(key) - delta : Metrics.GetValueOrDefault(key) + delta;
        if (sums.IsEmpty) Metrics.Remove(key);
        else Metrics[key] = sums;
    }

    public VariantPartial ToPartial(long version) => new(
        version,
        Exposed.OrderBy(e => e.Key).Select(e => new ExposureBucket(e.Key, e.Value)).ToArray(),
        Metrics.OrderBy(m => m.Key.Metric, StringComparer.Ordinal).ThenBy(m => m.Key.Day)
            .Select(m => new MetricBucket(m.Key.Metric, m.Key.Day, m.Value)).ToArray(),
        AsOf);
}
