using Experimentation.GrainInterfaces.Metrics;
using Experimentation.Grains.Ingestion;
using Experimentation.Silo.Persistence;
using Experimentation.Tests.Infrastructure;
using Npgsql;

namespace Experimentation.Tests.Ingestion;

/// <summary>
/// A shard's snapshot is a full one followed by deltas of the users changed since the previous snapshot: stored in
/// PostgreSQL and loaded back, they restore exactly the state a full snapshot at the same sequence would.
/// </summary>
public sealed class IncrementalSnapshotTests : IAsyncLifetime
{
    private const int Shard = 3;
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
    private readonly Dictionary<string, ExperimentPlan> _plans = new()
    {
        ["exp"] = new("exp", true, ["control", "green"],
        [
            new MetricDefinition("revenue", "Revenue", MetricType.Mean, "purchase", MetricAggregation.Sum, null, null, default),
            new MetricDefinition("converted", "Purchased", MetricType.Conversion, "purchase", MetricAggregation.Count, null, null, default),
        ], new ExperimentWindow(Start.AddDays(-1), null), 1),
    };
    private TestDatabase _database = null!;
    private NpgsqlDataSource _source = null!;
    private RawEventStore _store = null!;
    private long _seq;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await OrleansSchema.ApplyAsync(_database.ConnectionString);
        _source = NpgsqlDataSource.Create(_database.ConnectionString);
        _store = new RawEventStore(_source);
    }

    public async Task DisposeAsync()
    {
        await _source.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task AFullSnapshotAndTwoDeltasRestoreWhatAFullSnapshotOfTheSameSequenceWould()
    {
        var live = new ShardState(_plans);
        for (var u = 0; u < 100; u++) Expose(live, $"u{u}", u % 2 == 0 ? "control" : "green", u);
        for (var u = 0; u < 100; u += 3) Purchase(live, $"u{u}", u % 7, u + 5);
        await _store.SaveSnapshotAsync(Shard, live.LastSeq, ShardSnapshotCodec.Encode(live));
        live.ForgetChangedUsers();

        // Old users buy again, new users arrive, and u1's earlier exposure to control arrives late and moves them.
        Purchase(live, "u5", 40, 500);
        Expose(live, "u100", "green", 600);
        Purchase(live, "u100", 9, 601);
        Expose(live, "u1", "control", -10);
        Purchase(live, "u7", 3, 700);
        Assert.Equal(["u5", "u100", "u1", "u7"], live.ChangedUsers);
        Assert.True(await _store.SaveSnapshotDeltaAsync(Shard, live.LastSeq, ShardSnapshotCodec.EncodeChanges(live)));
        live.ForgetChangedUsers();

        Expose(live, "u101", "control", 800);
        Purchase(live, "u100", 2, 801);
        var lastDelta = ShardSnapshotCodec.EncodeChanges(live);
        Assert.True(await _store.SaveSnapshotDeltaAsync(Shard, live.LastSeq, lastDelta));
        Assert.Equal(2, ShardSnapshotCodec.Read(lastDelta).Users.Count);

        var restored = await LoadAsync();

        Assert.Equal(live.LastSeq, restored.LastSeq);
        // The facts byte for byte (users in the live order, each variant's asOf), and the sums rebuilt from them.
        Assert.Equal(ShardSnapshotCodec.Encode(live), ShardSnapshotCodec.Encode(restored));
        var full = new ShardState(_plans);
        ShardSnapshotCodec.Decode(full, ShardSnapshotCodec.Read(ShardSnapshotCodec.Encode(live)));
        foreach (var variant in new[] { "control", "green" })
            Assert.Equivalent(full.PartialOf("exp", variant), restored.PartialOf("exp", variant), strict: true);
        // 50 even users, u1 moved by its earlier exposure, and u101.
        Assert.Equal(52, restored.PartialOf("exp", "control").Exposures.Sum(b => b.Users));
    }

    [Fact]
    public async Task AFullSnapshotDeletesTheDeltasItCoversAndOlderDeltasAreNeverLoaded()
    {
        var live = new ShardState(_plans);
        Expose(live, "a", "control", 0);
        await _store.SaveSnapshotAsync(Shard, live.LastSeq, ShardSnapshotCodec.Encode(live));
        live.ForgetChangedUsers();
        Expose(live, "b", "green", 1);
        Assert.True(await _store.SaveSnapshotDeltaAsync(Shard, live.LastSeq, ShardSnapshotCodec.EncodeChanges(live)));
        // A second delta of the same sequence (a duplicate activation's) is refused, so its writer falls back to a full one.
        Assert.False(await _store.SaveSnapshotDeltaAsync(Shard, live.LastSeq, ShardSnapshotCodec.EncodeChanges(live)));
        Expose(live, "c", "green", 2);
        await _store.SaveSnapshotAsync(Shard, live.LastSeq, ShardSnapshotCodec.Encode(live));
        // A delta older than the full snapshot, as a stale activation could still write one.
        Assert.True(await _store.SaveSnapshotDeltaAsync(Shard, live.LastSeq - 1, ShardSnapshotCodec.EncodeChanges(live)));

        var stored = await _store.LoadSnapshotAsync(Shard);

        Assert.NotNull(stored);
        Assert.Equal(live.LastSeq, stored.Seq);
        Assert.Empty(stored.Deltas);
        await using var count = _source.CreateCommand("SELECT count(*) FROM ingest.shard_snapshot_deltas WHERE shard = @shard AND seq = @seq");
        count.Parameters.AddWithValue("shard", Shard);
        count.Parameters.AddWithValue("seq", live.LastSeq - 2);
        Assert.Equal(0L, await count.ExecuteScalarAsync());
        Assert.Equal(3, (await LoadAsync()).Users.Count);
    }

    private async Task<ShardState> LoadAsync()
    {
        var stored = await _store.LoadSnapshotAsync(Shard);
        Assert.NotNull(stored);
        var facts = ShardSnapshotCodec.Merge(ShardSnapshotCodec.Read(stored.Full), stored.Deltas.Select(d => ShardSnapshotCodec.Read(d.State)).ToArray());
        var state = new ShardState(_plans);
        ShardSnapshotCodec.Decode(state, facts);
        return state;
    }

    private void Expose(ShardState state, string user, string variant, int second) =>
        state.Apply(new RawEvent(Guid.NewGuid(), ++_seq, RawEventKind.Exposure, user, Start.AddSeconds(second), "exp", variant,
            null, null, Start.AddSeconds(1000 + _seq)));

    private void Purchase(ShardState state, string user, double value, int second) =>
        state.Apply(new RawEvent(Guid.NewGuid(), ++_seq, RawEventKind.Metric, user, Start.AddSeconds(second), null, null,
            "purchase", value, Start.AddSeconds(1000 + _seq)));
}
