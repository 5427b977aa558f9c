using Npgsql;

namespace Experimentation.Tests.Infrastructure;

/// <summary>
/// A fresh, uniquely named PostgreSQL database for one test fixture, dropped again on dispose, so that tests
/// running in parallel never see each other's data.
/// </summary>
/// <remarks>
/// The server comes from the <c>EXPERIMENTATION_TEST_POSTGRES</c> connection string, which scripts/test.sh sets
/// from <c>scripts/postgres.sh start --test</c>. Its user must be allowed to create databases.
/// </remarks>
public sealed class TestDatabase : IAsyncDisposable
{
    /// <summary>Environment variable holding the test server's connection string.</summary>
    public const string ServerVariable = "EXPERIMENTATION_TEST_POSTGRES";

    private readonly string _serverConnectionString;
    private bool _disposed;

    private TestDatabase(string serverConnectionString, string name, string connectionString)
    {
        _serverConnectionString = serverConnectionString;
        Name = name;
        ConnectionString = connectionString;
    }

    /// <summary>The database's name, <c>exp_test_</c> followed by random hex.</summary>
    public string Name { get; }

    /// <summary>Connection string to this database.</summary>
    public string ConnectionString { get; }

    /// <summary>Creates a new empty database on the test server.</summary>
    public static async Task<TestDatabase> CreateAsync(CancellationToken ct = default)
    {
        var server = Environment.GetEnvironmentVariable(ServerVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            // Failing loudly beats skipping: a silently skipped database test proves nothing.
            throw new InvalidOperationException(
                $"{ServerVariable} is not set. Run scripts/test.sh, or export {ServerVariable}=$(scripts/postgres.sh start --test).");
        }

        // The server string names some database; connect to the maintenance database to create ours, and keep
        // every other setting (host, port, user, password) for the new database's connection string.
        var admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false };
        var name = "exp_test_" + Guid.NewGuid().ToString("N");
        var own = new NpgsqlConnectionStringBuilder(server) { Database = name };

        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync(ct);
            // The name is generated here from hex digits, so quoting it is enough; identifiers cannot be parameters.
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync(ct);
        }

        return new TestDatabase(admin.ConnectionString, name, own.ConnectionString);
    }

    /// <summary>
    /// A real outage of this database only, for the tests of one: while not allowed, new connections are refused
    /// (for superusers too, unlike a connection limit) and open ones are terminated.
    /// </summary>
    public async Task SetConnectionsAllowedAsync(bool allowed)
    {
        await using var connection = new NpgsqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        await using (var limit = new NpgsqlCommand($"ALTER DATABASE \"{Name}\" ALLOW_CONNECTIONS {(allowed ? "true" : "false")}", connection))
            await limit.ExecuteNonQueryAsync();
        if (allowed) return;
        await using var terminate = new NpgsqlCommand(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @name AND pid <> pg_backend_pid()", connection);
        terminate.Parameters.AddWithValue("name", Name);
        await terminate.ExecuteNonQueryAsync();
    }

    /// <summary>Drops the database, ending any sessions still connected to it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        // Pooled idle connections would otherwise point at a database that no longer exists.
        await using (var pooled = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await using var connection = new NpgsqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
