using Experimentation.Silo.Persistence;
using Experimentation.Tests.Infrastructure;
using Npgsql;
using Xunit;

namespace Experimentation.Tests.Persistence;

/// <summary>The start-up schema application: repeatable, safe under concurrency, and complete.</summary>
public sealed class OrleansSchemaTests
{
    // Every query the persistence, reminder and clustering providers read at start, in QueryKey order.
    private static readonly string[] PersistenceQueryKeys =
    [
        "CleanupDefunctSiloEntriesKey", "ClearStorageKey", "DeleteMembershipTableEntriesKey", "DeleteReminderRowKey",
        "DeleteReminderRowsKey", "DeleteStorageKey", "GatewaysQueryKey", "InsertMembershipKey", "InsertMembershipVersionKey",
        "MembershipReadAllKey", "MembershipReadRowKey", "ReadFromStorageKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "ReadReminderRowKey", "ReadReminderRowsKey", "UpdateIAmAlivetimeKey", "UpdateMembershipKey", "UpsertReminderRowKey",
        "WriteToStorageKey",
    ];

    [Fact]
    public void The_persistence_and_reminder_scripts_are_embedded()
    {
        Assert.Contains(OrleansSchema.ScriptNames, name => name.EndsWith(".Sql.orleans-persistence.sql", StringComparison.Ordinal));
        Assert.Contains(OrleansSchema.ScriptNames, name => name.EndsWith(".Sql.orleans-reminders.sql", StringComparison.Ordinal));
        Assert.Contains(OrleansSchema.ScriptNames, name => name.EndsWith(".Sql.orleans-clustering.sql", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Applying_twice_keeps_the_queries_and_the_stored_state()
    {
        await using var database = await TestDatabase.CreateAsync();
        await OrleansSchema.ApplyAsync(database.ConnectionString);
        await ExecuteAsync(database, """
            INSERT INTO orleans_grain_state (service_id, grain_type_hash, grain_type, grain_id_hash, grain_id_n0,
                                             grain_id_n1, grain_id_extension, payload, version)
            VALUES ('svc', 1, 'type', 2, 0, 0, 'key', '\x01'::bytea, 4)
            """);

        await OrleansSchema.ApplyAsync(database.ConnectionString);

        Assert.Equal(PersistenceQueryKeys, await QueryKeysAsync(database));
        Assert.Equal(4, await ScalarAsync<int>(database, "SELECT version FROM orleans_grain_state WHERE grain_id_extension = 'key'"));
    }

    [Fact]
    public async Task Silos_starting_at_once_can_all_apply_the_schema()
    {
        await using var database = await TestDatabase.CreateAsync();

        // Without the advisory lock, concurrent CREATE TABLE / CREATE OR REPLACE FUNCTION fail on catalog conflicts.
        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => OrleansSchema.ApplyAsync(database.ConnectionString))));

        Assert.Equal(PersistenceQueryKeys, await QueryKeysAsync(database));
    }

    private static async Task<string[]> QueryKeysAsync(TestDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT QueryKey FROM OrleansQuery ORDER BY QueryKey", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<string>();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        return [.. keys];
    }

    private static async Task ExecuteAsync(TestDatabase database, string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(TestDatabase database, string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
