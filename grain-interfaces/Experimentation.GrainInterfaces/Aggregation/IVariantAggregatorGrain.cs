using Orleans.Concurrency;

namespace Experimentation.GrainInterfaces.Aggregation;

/// <summary>
/// One (experiment, variant), keyed <c>"{experiment}/{variant}"</c>: holds the latest partial of every user shard
/// and their sum. It keeps nothing durable; on activation it asks every shard for its current partial.
/// </summary>
public interface IVariantAggregatorGrain : IGrainWithStringKey
{
    /// <summary>Replaces the shard's partial when <paramref name="partial"/> is newer than the one held.</summary>
    Task Update(int shard, VariantPartial partial);

    [AlwaysInterleave]
    Task<VariantStatistics> Get();

    /// <summary>
    /// An event-level percentile metric's per-user (S, N) over every shard (see
    /// <see cref="IUserShardGrain.GetQuantileClusters"/>): the second read of a look, at this arm's estimate.
    /// </summary>
    [AlwaysInterleave]
    Task<PairedSums> GetQuantileClusters(string metric, int threshold);

    /// <summary>The grain key of a variant.</summary>
    public static string KeyOf(string experiment, string variant) => $"{experiment}/{variant}";
}
