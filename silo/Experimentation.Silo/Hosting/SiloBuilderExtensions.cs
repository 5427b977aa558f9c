using Experimentation.Grains;
using Experimentation.Silo.Persistence;
using Marten;

namespace Experimentation.Silo.Hosting;

/// <summary>
/// Everything a silo of this product needs besides clustering, shared by the real host and the test cluster so tests
/// run the same wiring: Marten, ADO.NET grain storage on PostgreSQL, the schema set-up and activity propagation.
/// </summary>
public static class SiloBuilderExtensions
{
    public static ISiloBuilder AddExperimentation(this ISiloBuilder silo, string postgres)
    {
        silo.AddAdoNetGrainStorageAsDefault(o =>
        {
            o.Invariant = "Npgsql";
            o.ConnectionString = postgres;
        });
        silo.AddActivityPropagation();
        silo.Services.AddMarten(o => MartenSetup.Configure(o, postgres)).UseLightweightSessions();
        silo.Services.AddSingleton(TimeProvider.System);
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp =>
            new DatabaseSchemaInitializer(postgres, sp.GetRequiredService<IDocumentStore>(), sp.GetRequiredService<ILogger<DatabaseSchemaInitializer>>()));
        return silo;
    }
}
