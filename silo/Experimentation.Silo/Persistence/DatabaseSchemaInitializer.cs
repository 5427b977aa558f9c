using Experimentation.Grains.Ingestion;
using Marten;
using Npgsql;

namespace Experimentation.Silo.Persistence;

/// <summary>
/// Applies the Orleans storage schema and Marten's schema before any grain runs, so a fresh database works on the
/// first start and a second start changes nothing (every script is idempotent). Then it records or checks the shard
/// count, so a silo configured with another count than the data's stops here, before it joins the cluster.
/// </summary>
public sealed class DatabaseSchemaInitializer(string postgres, IDocumentStore store, int shards, bool shardsConfigured,
    ILogger<DatabaseSchemaInitializer> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(DatabaseSchemaInitializer), ServiceLifecycleStage.RuntimeInitialize, Apply);

    private async Task Apply(CancellationToken ct)
    {
        await OrleansSchema.ApplyAsync(postgres, ct);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await using (var dataSource = NpgsqlDataSource.Create(postgres))
            await ShardCountRecord.EnsureAsync(dataSource, shards, shardsConfigured, ct);
        logger.LogInformation("Database schema is up to date; {Shards} user shards", shards);
    }
}
