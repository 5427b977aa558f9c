namespace Experimentation.GrainInterfaces.Aggregation;

/// <summary>
/// One user shard's complete contribution to one (experiment, variant): a replacement, never an increment. The
/// aggregator keeps the partial with the highest <see cref="Version"/> per shard, so re-sent or reordered partials
/// are harmless.
/// </summary>
/// <param name="Version">The shard's log sequence number when this partial was taken; grows monotonically.</param>
/// <param name="Exposures">Exposed users per UTC day of first exposure, in day order.</param>
/// <param name="Metrics">Per metric, in ordinal key order.</param>
/// <param name="NoveltyEarlyDays">E, the early window of the novelty moments in days; 0 when the shard holds no user of the experiment.</param>
/// <param name="AsOf">Commit time of the newest event folded into this partial; null before any.</param>
[GenerateSerializer, Immutable]
public sealed record VariantPartial(
    [property: Id(0)] long Version,
    [property: Id(1)] ExposureBucket[] Exposures,
    [property: Id(2)] MetricTotals[] Metrics,
    [property: Id(3)] int NoveltyEarlyDays,
    [property: Id(4)] DateTimeOffset? AsOf)
{
    public static VariantPartial Empty { get; } = new(0, [], [], 0, null);
}
