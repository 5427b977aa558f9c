using Experimentation.Grains.Ingestion;
using Experimentation.Silo.Persistence;
using Experimentation.Tests.Infrastructure;
using Npgsql;

namespace Experimentation.Tests.Ingestion;

/// <summary>
/// The shard count is recorded with the data and never silently changed (docs/scale.md, "Shards"): users map to shards
/// by hash modulo the count, so another count would move them away from their history.
/// </summary>
public sealed class ShardCountRecordTests
{
    [Fact]
    public async Task TheFirstStartRecordsTheCountAndAnotherCountIsRefused()
    {
        await using var database = await TestDatabase.CreateAsync();
        await OrleansSchema.ApplyAsync(database.ConnectionString);
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);

        await ShardCountRecord.EnsureAsync(dataSource, 64, explicitlyConfigured: false);
        await ShardCountRecord.EnsureAsync(dataSource, 64, explicitlyConfigured: false);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => ShardCountRecord.EnsureAsync(dataSource, 32, explicitlyConfigured: true));

        Assert.Contains("is 32, but this database's events were written with 64 shards", refused.Message);
        Assert.Equal("64", await RecordedAsync(dataSource));
    }

    [Fact]
    public async Task EventsWrittenBeforeTheRecordAreAdoptedOnlyWithAnExplicitCount()
    {
        await using var database = await TestDatabase.CreateAsync();
        await OrleansSchema.ApplyAsync(database.ConnectionString);
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await using (var snapshot = dataSource.CreateCommand("INSERT INTO ingest.shard_snapshots (shard, seq, state, taken_at) VALUES (3, 10, '\\x00', now())"))
            await snapshot.ExecuteNonQueryAsync();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => ShardCountRecord.EnsureAsync(dataSource, 64, explicitlyConfigured: false));
        Assert.Contains("written before the shard count was recorded", refused.Message);
        Assert.Null(await RecordedAsync(dataSource));

        await ShardCountRecord.EnsureAsync(dataSource, 8, explicitlyConfigured: true);
        Assert.Equal("8", await RecordedAsync(dataSource));
        await Assert.ThrowsAsync<InvalidOperationException>(() => ShardCountRecord.EnsureAsync(dataSource, 64, explicitlyConfigured: false));
    }

    private static async Task<string?> RecordedAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("SELECT value FROM ingest.settings WHERE name = 'shards'");
        return await command.ExecuteScalarAsync() as string;
    }
}
