namespace Experimentation.GrainInterfaces.Aggregation;

/// <summary>
/// One user shard's complete contribution to one (experiment, variant): a replacement, never an increment. The
/// aggregator keeps the partial with the highest <see cref="Version"/> per shard, so re-sent or reordered partials
/// are harmless.
/// </summary>
/// <param name="Version">The shard's log sequence number when this partial was taken; grows monotonically.</param>
/// <param name="AsOf">Commit time of the newest event folded into this partial; null before any.</param>
[GenerateSerializer, Immutable]
public sealed record VariantPartial(
    [property: Id(0)] long Version,
    [property: Id(1)] ExposureBucket[] Exposures,
    [property: Id(2)] MetricBucket[] Metrics,
    [property: Id(3)] DateTimeOffset? AsOf)
{
    public static VariantPartial Empty { get; } = new(0, [], [], null);
}
