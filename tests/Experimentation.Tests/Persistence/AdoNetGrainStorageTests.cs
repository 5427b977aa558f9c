using Experimentation.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Runtime;
using Orleans.Storage;
using Xunit;

namespace Experimentation.Tests.Persistence;

/// <summary>
/// The ADO.NET grain storage provider against the project's own PostgreSQL schema, through a real silo.
/// </summary>
[Collection(OrleansStorageCollection.Name)]
public sealed class AdoNetGrainStorageTests(OrleansPostgresFixture fixture)
{
    private const string StorageGrainType = "storage-contract-test";

    [Fact]
    public async Task Grain_state_is_written_read_back_from_the_database_and_cleared()
    {
        var grain = fixture.Cluster.Client.GetGrain<ICounterGrain>("counter-" + Guid.NewGuid().ToString("N"));

        var fresh = await grain.Get();
        Assert.Equal(new CounterSnapshot(0, null, null, false), fresh);

        var written = await grain.Set(7, "seven");
        Assert.Equal(new CounterSnapshot(7, "seven", "1", true), written);

        // A new activation has nothing in memory: what it returns came from PostgreSQL.
        await fixture.Cluster.DeactivateAsync(grain);
        Assert.Equal(written, await grain.Get());

        var cleared = await grain.Clear();
        Assert.Equal(new CounterSnapshot(0, null, "2", false), cleared);
        Assert.True(await fixture.ScalarAsync<bool>(
            "SELECT payload IS NULL FROM orleans_grain_state WHERE grain_id_extension = @key",
            ("key", grain.GetPrimaryKeyString())));

        // A cleared grain reads as absent but keeps its version, so it writes on from there.
        await fixture.Cluster.DeactivateAsync(grain);
        Assert.Equal(cleared, await grain.Get());
        Assert.Equal(new CounterSnapshot(8, "eight", "3", true), await grain.Set(8, "eight"));
    }

    [Fact]
    public async Task A_grain_writing_with_a_stale_etag_gets_an_inconsistent_state_exception()
    {
        var grain = fixture.Cluster.Client.GetGrain<ICounterGrain>("counter-" + Guid.NewGuid().ToString("N"));
        await grain.Set(1, "first");

        // Another writer (here: SQL) moves the row on behind the activation's back.
        var updated = await fixture.ScalarAsync<int>(
            """
            WITH bumped AS (UPDATE orleans_grain_state SET version = version + 1
                            WHERE grain_id_extension = @key RETURNING 1)
            SELECT count(*)::int FROM bumped
            """,
            ("key", grain.GetPrimaryKeyString()));
        Assert.Equal(1, updated);

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.Set(2, "stale"));

        // Orleans drops the activation on that exception; the next one reads the current version and succeeds.
        var recovered = await grain.Set(3, "after reload");
        Assert.Equal(new CounterSnapshot(3, "after reload", "3", true), recovered);
    }

    [Fact]
    public async Task Stale_writes_and_clears_through_the_provider_are_rejected()
    {
        var storage = Storage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
        var id = GrainId.Create(StorageGrainType, Guid.NewGuid().ToString("N"));

        // Two activations that both saw no record: only the first insert may win.
        var first = await ReadAsync(storage, id);
        var second = await ReadAsync(storage, id);
        StateOf(first).Value = 1;
        await storage.WriteStateAsync(StorageGrainType, id, first);
        Assert.Equal("1", first.ETag);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StorageGrainType, id, second));

        // Two activations holding version 1: only the first update may win.
        var stale = await ReadAsync(storage, id);
        StateOf(first).Value = 2;
        await storage.WriteStateAsync(StorageGrainType, id, first);
        Assert.Equal("2", first.ETag);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StorageGrainType, id, stale));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StorageGrainType, id, stale));

        var current = await ReadAsync(storage, id);
        Assert.Equal(2, StateOf(current).Value);
        Assert.Equal("2", current.ETag);
    }

    [Fact]
    public async Task Delete_on_clear_removes_the_row_and_the_grain_can_write_again()
    {
        var storage = Storage(OrleansPostgresFixture.DeleteOnClearStorage);
        var key = Guid.NewGuid().ToString("N");
        var id = GrainId.Create(StorageGrainType, key);

        var state = await ReadAsync(storage, id);
        StateOf(state).Value = 5;
        await storage.WriteStateAsync(StorageGrainType, id, state);
        var stale = await ReadAsync(storage, id);

        await storage.ClearStateAsync(StorageGrainType, id, state);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.Equal(0L, await fixture.ScalarAsync<long>(
            "SELECT count(*) FROM orleans_grain_state WHERE grain_id_extension = @key", ("key", key)));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StorageGrainType, id, stale));

        StateOf(state).Value = 6;
        await storage.WriteStateAsync(StorageGrainType, id, state);
        Assert.Equal("1", state.ETag);
        Assert.Equal(6, StateOf(await ReadAsync(storage, id)).Value);
    }

    [Fact]
    public async Task Grain_state_survives_a_cluster_restart()
    {
        // Its own service id keeps these rows apart from the shared fixture cluster's.
        var serviceId = "restart-" + Guid.NewGuid().ToString("N");
        var key = "counter-" + Guid.NewGuid().ToString("N");

        CounterSnapshot written;
        await using (var before = await OrleansPostgresFixture.StartClusterAsync(fixture.Database.ConnectionString, serviceId))
        {
            written = await before.Client.GetGrain<ICounterGrain>(key).Set(42, "persisted");
            await before.StopAllSilosAsync();
        }

        await using var after = await OrleansPostgresFixture.StartClusterAsync(fixture.Database.ConnectionString, serviceId);
        Assert.Equal(written, await after.Client.GetGrain<ICounterGrain>(key).Get());
    }

    private IGrainStorage Storage(string name) =>
        fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(name);

    // The provider fills in a fresh instance when nothing is stored, so a null state is itself a failure.
    private static CounterState StateOf(IGrainState<CounterState> state) => Assert.IsType<CounterState>(state.State);

    private static async Task<GrainState<CounterState>> ReadAsync(IGrainStorage storage, GrainId id)
    {
        var state = new GrainState<CounterState>(new CounterState());
        await storage.ReadStateAsync(StorageGrainType, id, state);
        return state;
    }
}
