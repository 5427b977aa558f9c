using Marten;

namespace Experimentation.Silo.Persistence;

/// <summary>
/// Applies the Orleans storage schema and Marten's schema before any grain runs, so a fresh database works on the
/// first start and a second start changes nothing (every script is idempotent).
/// </summary>
public sealed class DatabaseSchemaInitializer(string postgres, IDocumentStore store, ILogger<DatabaseSchemaInitializer> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(DatabaseSchemaInitializer), ServiceLifecycleStage.RuntimeInitialize, Apply);

    private async Task Apply(CancellationToken ct)
    {
        await OrleansSchema.ApplyAsync(postgres, ct);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        logger.LogInformation("Database schema is up to date");
    }
}
