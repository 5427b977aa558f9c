using Experimentation.GrainInterfaces.Aggregation;

namespace Experimentation.Grains.Ingestion;

/// <summary>A shard's running sums for one (experiment, variant): exposures per UTC day of first exposure, and per metric.</summary>
public sealed class VariantAccumulator
{
    public Dictionary<DateOnly, long> Exposed { get; } = [];

    public Dictionary<string, MetricSums> Sums { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, PairedSums> Novelty { get; } = new(StringComparer.Ordinal);

    /// <summary>Commit time of the newest event that changed these sums.</summary>
    public DateTimeOffset? AsOf { get; set; }

    public void AddExposed(DateOnly day, long delta)
    {
        var users = Exposed.GetValueOrDefault(day) + delta;
        if (users == 0) Exposed.Remove(day);
        else Exposed[day] = users;
    }

    public void Add(string metric, UserContribution c)
    {
        if (!c.Sums.IsEmpty) SetSums(metric, Sums.GetValueOrDefault(metric) + c.Sums);
        if (c.Novelty.Count != 0) SetNovelty(metric, Novelty.GetValueOrDefault(metric) + c.Novelty);
    }

    public void Subtract(string metric, UserContribution c)
    {
        if (!c.Sums.IsEmpty) SetSums(metric, Sums.GetValueOrDefault(metric) - c.Sums);
        if (c.Novelty.Count != 0) SetNovelty(metric, Novelty.GetValueOrDefault(metric) - c.Novelty);
    }

    /// <summary>Swaps one user's novelty pair, when the early window E changed.</summary>
    public void ReplaceNovelty(string metric, PairedSums old, PairedSums now) =>
        SetNovelty(metric, Novelty.GetValueOrDefault(metric) - old + now);

    public VariantPartial ToPartial(long version, int noveltyEarlyDays) => new(
        version,
        Exposed.OrderBy(e => e.Key).Select(e => new ExposureBucket(e.Key, e.Value)).ToArray(),
        Sums.Keys.Order(StringComparer.Ordinal)
            .Select(k => new MetricTotals(k, Sums[k], Novelty.GetValueOrDefault(k))).ToArray(),
        noveltyEarlyDays,
        AsOf);

    // Entries go when their last unit does, so a variant that lost every user carries no empty metrics.
    private void SetSums(string metric, MetricSums sums)
    {
        if (sums.IsEmpty) Sums.Remove(metric);
        else Sums[metric] = sums;
    }

    private void SetNovelty(string metric, PairedSums pair)
    {
        if (pair.Count == 0) Novelty.Remove(metric);
        else Novelty[metric] = pair;
    }
}
