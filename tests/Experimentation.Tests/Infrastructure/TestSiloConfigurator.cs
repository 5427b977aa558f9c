using Experimentation.Silo.Hosting;
using Orleans.TestingHost;

namespace Experimentation.Tests.Infrastructure;

/// <summary>Gives each test silo the product's own wiring, on the fixture's database.</summary>
public sealed class TestSiloConfigurator : ISiloConfigurator
{
    public const string PostgresKey = "Experimentation:Postgres";

    public void Configure(ISiloBuilder siloBuilder) =>
        siloBuilder.AddExperimentation(siloBuilder.Configuration[PostgresKey]
            ?? throw new InvalidOperationException($"{PostgresKey} was not passed to the test silo."));
}
