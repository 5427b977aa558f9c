using Experimentation.GrainInterfaces.Aggregation;
using Experimentation.GrainInterfaces.Events;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Experimentation.Grains.Ingestion;

/// <summary>
/// Validates a batch whole, splits it by user shard and waits for every shard's commit. A shard failure fails the
/// call: the shards that did commit will report those events as duplicates when the caller retries.
/// </summary>
[StatelessWorker]
public sealed class EventIngestionGrain(IOptions<IngestionOptions> options, TimeProvider clock) : Grain, IEventIngestionGrain
{
    public async Task<IngestResult> Ingest(IngestEvent[] events)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var errors = EventValidator.Validate(events, settings.EarliestAccepted(now), now + EventLimits.MaxFutureSkew);
        if (errors.Count > 0) return IngestResult.Refused(errors.ToArray());

        var byShard = events.GroupBy(e => UserShards.Of(e.UserId, settings.Shards));
        var results = await Task.WhenAll(byShard.Select(g => GrainFactory.GetGrain<IUserShardGrain>(g.Key).Ingest(g.ToArray())));
        return new IngestResult(results.Sum(r => r.Accepted), results.Sum(r => r.Duplicates), []);
    }
}
