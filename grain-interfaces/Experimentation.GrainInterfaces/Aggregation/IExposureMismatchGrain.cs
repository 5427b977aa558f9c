using Orleans.Concurrency;

namespace Experimentation.GrainInterfaces.Aggregation;

/// <summary>
/// Mismatched exposures of one experiment (keyed by experiment key), summed over the shards' latest counts with the
/// same replace-by-version rule as <see cref="IVariantAggregatorGrain"/>.
/// </summary>
public interface IExposureMismatchGrain : IGrainWithStringKey
{
    Task Update(int shard, long version, MismatchCounts counts);

    [AlwaysInterleave]
    Task<MismatchCounts> Get();
}
