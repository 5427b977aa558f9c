using Experimentation.GrainInterfaces.Aggregation;
using Experimentation.Tests.Infrastructure;
using Npgsql;
using static Experimentation.Tests.Ingestion.IngestionScenario;

namespace Experimentation.Tests.Ingestion;

/// <summary>
/// Shards stopped after a full snapshot and a few more events write deltas, and recover from the full snapshot and
/// the deltas alone: with this experiment's raw events deleted while the silo is down, the counts come back exactly.
/// </summary>
[Collection(RestartCollection.Name)]
public sealed class IncrementalSnapshotRestartTests
{
    private readonly PlatformFixture _platform;

    public IncrementalSnapshotRestartTests(PlatformFixture platform) => _platform = platform;

    [Fact]
    public async Task AfterAFullSnapshotTheStopWritesDeltasAndTheyRestoreTheCountsWithoutTheLog()
    {
        var s = await CreateAsync(_platform.Grains);
        var prefix = $"inc-{s.Experiment}-";
        var t = DateTimeOffset.UtcNow.AddHours(-1);
        await IngestAsync(_platform.Http, Enumerable.Range(0, 200).SelectMany(u => new[]
        {
            s.Exposure(prefix + u, u % 2 == 0 ? "control" : "green", t.AddSeconds(u)),
            Metric(prefix + u, PurchaseType, u % 7, t.AddSeconds(u + 1)),
        }));
        await s.SettledAsync(_platform.Grains, "green", 100);
        // Every shard either had a full snapshot or writes one at this stop: a delta is only ever written after one.
        await _platform.RestartAsync();

        // New users, old users buying again, and an earlier exposure of user 1 that moves them to control.
        var second = Enumerable.Range(200, 100).SelectMany(u => new[]
        {
            s.Exposure(prefix + u, u % 2 == 0 ? "control" : "green", t.AddSeconds(u)),
            Metric(prefix + u, PurchaseType, u % 5, t.AddSeconds(u + 1)),
        }).Concat(Enumerable.Range(0, 50).Select(u => Metric(prefix + u, PurchaseType, 10, t.AddMinutes(30))))
            .Append(s.Exposure(prefix + 1, "control", t.AddSeconds(-30)));
        await IngestAsync(_platform.Http, second);
        var control = await s.SettledAsync(_platform.Grains, "control", 151);
        var green = await s.SettledAsync(_platform.Grains, "green", 149);
        var mismatches = await _platform.Grains.GetGrain<IExposureMismatchGrain>(s.Experiment).Get();
        var shards = Enumerable.Range(0, 300).Select(u => UserShards.Of(prefix + u, PlatformFixture.Shards)).Distinct().ToArray();

        await _platform.RestartAsync(async () =>
        {
            await using var source = NpgsqlDataSource.Create(_platform.Database.ConnectionString);
            // The stop wrote a delta after each touched shard's full snapshot.
            await using (var deltas = source.CreateCommand("""
                SELECT count(*) FROM ingest.shard_snapshots s
                WHERE s.shard = ANY(@shards) AND EXISTS (SELECT 1 FROM ingest.shard_snapshot_deltas d WHERE d.shard = s.shard AND d.seq > s.seq)
                """))
            {
                deltas.Parameters.AddWithValue("shards", shards);
                Assert.Equal((long)shards.Length, await deltas.ExecuteScalarAsync());
            }
            await using var delete = source.CreateCommand("DELETE FROM ingest.raw_events WHERE user_id LIKE @prefix");
            delete.Parameters.AddWithValue("prefix", prefix + "%");
            Assert.Equal(651, await delete.ExecuteNonQueryAsync());
        });

        Assert.Equivalent(Raw(control), Raw(await s.SettledAsync(_platform.Grains, "control", 151)), strict: true);
        Assert.Equivalent(Raw(green), Raw(await s.SettledAsync(_platform.Grains, "green", 149)), strict: true);
        Assert.Equal(mismatches, await Eventually.Until("the mismatch counts to come back",
            () => _platform.Grains.GetGrain<IExposureMismatchGrain>(s.Experiment).Get(), m => m.Total > 0));
    }

    // The statistics with every sum taken about 0: a rebuild fixes each shift at the first user it folds, where the live
    // fold fixed it at the first value it saw, so the shifts may differ while the sums they stand for are the same
    // (exactly, for these integer values).
    private static object Raw(VariantStatistics v) => new
    {
        v.Exposures,
        v.AsOf,
        v.NoveltyEarlyDays,
        Metrics = v.Metrics.Select(m => new { m.MetricKey, m.Sums.Conversions, Values = m.Sums.Values.RebasedOnto(0, 0), Novelty = m.Novelty.RebasedOnto(0, 0) }),
    };
}
