using Npgsql;

namespace Experimentation.Grains.Ingestion;

/// <summary>
/// The shard count a database's events were written with, recorded in <c>ingest.settings</c> on first start and
/// checked at every start after (Sql/21-shards.sql). A user's shard is a hash modulo the count, so another count would
/// silently move users away from the shard whose log holds their history; the silo refuses to start instead.
/// </summary>
public static class ShardCountRecord
{
    private const string Name = "shards";

    /// <summary>
    /// Records <paramref name="configured"/> when the database has none, or checks it against the recorded count.
    /// </summary>
    /// <param name="explicitlyConfigured">
    /// Whether the operator set the count. A database holding events from before the count was recorded is adopted only
    /// then: the default may differ from what those events were written with (8, before 64 became the default).
    /// </param>
    /// <exception cref="InvalidOperationException">The count differs from the recorded one, or cannot be known.</exception>
    public static async Task EnsureAsync(NpgsqlDataSource dataSource, int configured, bool explicitlyConfigured, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        // Silos starting together with different counts: the first to record wins, the others see its value.
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(7214836503)", connection, transaction))
            await lockCommand.ExecuteNonQueryAsync(ct);

        var recorded = await ScalarAsync<string>(connection, transaction, "SELECT value FROM ingest.settings WHERE name = @name", ct);
        if (recorded is not null)
        {
            if (int.Parse(recorded, System.Globalization.CultureInfo.InvariantCulture) != configured)
                throw new InvalidOperationException(
                    $"Experimentation:Ingestion:Shards is {configured}, but this database's events were written with {recorded} shards. " +
                    $"Changing the count would move users between shards and is refused; set it back to {recorded} (docs/scale.md, \"Shards\").");
            return;
        }

        var hasEvents = await ScalarAsync<bool>(connection, transaction,
            "SELECT EXISTS (SELECT 1 FROM ingest.raw_events) OR EXISTS (SELECT 1 FROM ingest.shard_snapshots)", ct);
        if (hasEvents && !explicitlyConfigured)
            throw new InvalidOperationException(
                "This database holds events written before the shard count was recorded. Set Experimentation:Ingestion:Shards " +
                "to the count they were written with (8 unless it was configured) and start again; it is then recorded.");

        await using (var insert = new NpgsqlCommand("INSERT INTO ingest.settings (name, value) VALUES (@name, @value)", connection, transaction))
        {
            insert.Parameters.AddWithValue("name", Name);
            insert.Parameters.AddWithValue("value", configured.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await insert.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
    }

    private static async Task<T?> ScalarAsync<T>(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("name", Name);
        return await command.ExecuteScalarAsync(ct) is T value ? value : default;
    }
}
