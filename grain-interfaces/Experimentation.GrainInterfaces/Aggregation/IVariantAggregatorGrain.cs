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

    /// <summary>The grain key of a variant.</summary>
    public static string KeyOf(string experiment, string variant) => $"{experiment}/{variant}";
}
