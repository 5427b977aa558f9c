using Experimentation.GrainInterfaces.Aggregation;
using Microsoft.Extensions.Options;

namespace Experimentation.Grains.Ingestion;

/// <summary>Sums the shards' latest mismatch counts for one experiment; rebuilt by pulling from the shards.</summary>
public sealed class ExposureMismatchGrain(IOptions<IngestionOptions> options) : Grain, IExposureMismatchGrain
{
    private (long Version, MismatchCounts Counts)[] _shards = [];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var experiment = this.GetPrimaryKeyString();
        _shards = await Task.WhenAll(Enumerable.Range(0, options.Value.Shards)
            .Select(s => GrainFactory.GetGrain<IUserShardGrain>(s).GetMismatches(experiment)));
        await base.OnActivateAsync(cancellationToken);
    }

    public Task Update(int shard, long version, MismatchCounts counts)
    {
        if (shard >= 0 && shard < _shards.Length && version >= _shards[shard].Version) _shards[shard] = (version, counts);
        return Task.CompletedTask;
    }

    public Task<MismatchCounts> Get()
    {
        var total = default(MismatchCounts);
        foreach (var (_, counts) in _shards) total += counts;
        return Task.FromResult(total);
    }
}
