using Experimentation.Silo.Persistence;
using Experimentation.Tests.Infrastructure;
using Npgsql;
using Orleans.TestingHost;
using Xunit;

namespace Experimentation.Tests.Persistence;

/// <summary>
/// A fresh database with the Orleans schema applied, and a one-silo test cluster whose default grain storage is
/// the ADO.NET provider on that database.
/// </summary>
public sealed class OrleansPostgresFixture : IAsyncLifetime
{
    /// <summary>Name of the second storage, configured to delete the row when a grain clears its state.</summary>
    public const string DeleteOnClearStorage = "delete-on-clear";

    private TestDatabase? _database;
    private InProcessTestCluster? _cluster;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Fixture not initialised.");

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("Fixture not initialised.");

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await OrleansSchema.ApplyAsync(_database.ConnectionString);
        _cluster = await StartClusterAsync(_database.ConnectionString, "fixture-" + Guid.NewGuid().ToString("N"));
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>
    /// Starts a one-silo cluster on <paramref name="connectionString"/>. The service id is part of every stored
    /// row's key, so a cluster started again with the same id sees the same grain state.
    /// </summary>
    public static async Task<InProcessTestCluster> StartClusterAsync(string connectionString, string serviceId)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = serviceId;
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => silo
            .AddAdoNetGrainStorageAsDefault(options =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = connectionString;
            })
            .AddAdoNetGrainStorage(DeleteOnClearStorage, options =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = connectionString;
                options.DeleteStateOnClear = true;
            }));
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    /// <summary>Runs one scalar query against the fixture's database.</summary>
    public async Task<T?> ScalarAsync<T>(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? default : (T)result;
    }
}
