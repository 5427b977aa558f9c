using Marten;
using Npgsql;
using Weasel.Postgresql;

namespace Experimentation.Silo.Persistence;

/// <summary>
/// Keeps the silo's connection pools free of connections a PostgreSQL stop, restart or crash has broken. It holds one
/// open connection of its own; the server ends it when it goes down, and at that moment every pool of the silo is
/// cleared, and again once the server is back.
/// </summary>
/// <remarks>
/// Npgsql does not test a pooled connection before handing it out (that would cost a round trip on every open), and a
/// restart does not clear the pools: without this, the first command after a quiet restart fails on a dead connection
/// for every pool (Marten's, the raw event log's, and the one ADO.NET grain storage and reminders share), and grain
/// storage does not retry. The guard's connection waits for notifications it never subscribed to, so it costs no
/// queries; its keepalive detects a server that vanished without closing the connection.
/// </remarks>
public sealed class ConnectionPoolGuard(string postgres, IDocumentStore store, IReadOnlyList<NpgsqlDataSource> dataSources,
    ILogger<ConnectionPoolGuard> logger) : BackgroundService
{
    /// <summary>How often the guard tries to reconnect while the server is down.</summary>
    public static readonly TimeSpan RetryEvery = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var watch = new NpgsqlConnectionStringBuilder(postgres) { Pooling = false, KeepAlive = 10, ApplicationName = "experimentation-pool-guard" };
        var down = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(watch.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                if (down)
                {
                    // Connections opened while the server was going down may have reached the pools since.
                    ClearPools();
                    logger.LogInformation("PostgreSQL is reachable again");
                    down = false;
                }
                await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
            {
                if (!down)
                {
                    ClearPools();
                    logger.LogWarning(ex, "PostgreSQL closed or refused the connection; the silo's connection pools were cleared");
                    down = true;
                }
                await Task.Delay(RetryEvery, stoppingToken);
            }
        }
    }

    private void ClearPools()
    {
        NpgsqlConnection.ClearAllPools();
        foreach (var dataSource in dataSources) dataSource.Clear();
        if (store.Storage.Database is PostgresqlDatabase marten) marten.DataSource.Clear();
    }
}
