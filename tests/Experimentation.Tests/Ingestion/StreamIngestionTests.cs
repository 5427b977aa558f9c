using Experimentation.GrainInterfaces.Aggregation;
using Experimentation.GrainInterfaces.Events;
using Experimentation.Tests.Infrastructure;
using static Experimentation.Tests.Ingestion.IngestionScenario;

namespace Experimentation.Tests.Ingestion;

/// <summary>The stream transport runs the shards' own ingestion: same join, same dedupe (memory streams in tests).</summary>
[Collection(PlatformCollection.Name)]
public sealed class StreamIngestionTests
{
    private readonly PlatformFixture _platform;

    public StreamIngestionTests(PlatformFixture platform) => _platform = platform;

    [Fact]
    public async Task StreamedBatchesAreFoldedOnceEvenWhenPublishedTwiceAndInvalidEventsAreDropped()
    {
        var s = await CreateAsync(_platform.Grains);
        var at = DateTimeOffset.UtcNow.AddMinutes(-30);
        var events = Enumerable.Range(0, 20).SelectMany(u => new[]
        {
            new IngestEvent(Guid.NewGuid(), EventKind.Exposure, $"stream-{u}", at, s.Experiment, u % 2 == 0 ? "control" : "green", null, null),
            new IngestEvent(Guid.NewGuid(), EventKind.Metric, $"stream-{u}", at.AddMinutes(1), null, null, PurchaseType, u),
            new IngestEvent(Guid.NewGuid(), EventKind.Metric, $"stream-{u}", at.AddMinutes(-1), null, null, PurchaseType, 1000),
        }).Append(new IngestEvent(Guid.NewGuid(), EventKind.Metric, "", at, null, null, PurchaseType, 5)).ToArray();
        var provider = _platform.Cluster.Client.GetStreamProvider(IngestionStreams.ProviderName);

        for (var round = 0; round < 2; round++)
            foreach (var shard in events.GroupBy(e => UserShards.Of(e.UserId, PlatformFixture.Shards)))
                await provider.GetStream<IngestEvent[]>(StreamId.Create(IngestionStreams.Namespace, shard.Key)).OnNextAsync(shard.ToArray());

        var green = await s.SettledAsync(_platform.Grains, "green", 10, st => st.Total(s.Revenue).Values.TotalX == 100);
        // The second round may still be in the streams; a probe published after it on every shard's stream is
        // delivered after it, so once the probe is counted the second round has been folded (or dropped).
        var (probe, probeUsers) = await ProbeEveryShardAsync(_platform.Grains);
        foreach (var user in probeUsers)
            await provider.GetStream<IngestEvent[]>(StreamId.Create(IngestionStreams.Namespace, UserShards.Of(user, PlatformFixture.Shards)))
                .OnNextAsync([new IngestEvent(Guid.NewGuid(), EventKind.Exposure, user, at, probe.Experiment, "control", null, null)]);
        await probe.SettledAsync(_platform.Grains, "control", probeUsers.Length);
        // Green has the odd users, with values 1, 3, …, 19: mean 10, M2 = Σ(2k + 1 − 10)².
        var revenue = (await s.StatisticsAsync(_platform.Grains, "green")).Total(s.Revenue);
        Assert.Equal((10L, 10L), (revenue.Count, revenue.Conversions));
        Assert.Equal(100, revenue.Values.TotalX);
        Assert.Equal(Enumerable.Range(0, 10).Sum(k => (2.0 * k - 9) * (2 * k - 9)), Moments(revenue).SumSquaredDeviations, 9);
        Assert.Equal(10, green.ExposedUsers);
    }
}
