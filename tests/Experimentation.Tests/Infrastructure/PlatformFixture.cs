using System.Net.Http.Headers;
using Experimentation.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;

namespace Experimentation.Tests.Infrastructure;

/// <summary>
/// The platform as tests see it: a fresh PostgreSQL database, a real Orleans test cluster running the product's silo
/// wiring, and the gateway on Kestrel at a loopback port, talking to the cluster as an Orleans client.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    private TestDatabase? _database;
    private WebApplication? _gateway;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Fixture not started.");
    public TestCluster Cluster { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await StartAsync();
    }

    /// <summary>Stops every silo and the gateway, then starts new ones on the same database.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        if (_database is not null) await _database.DisposeAsync();
    }

    private async Task StartAsync()
    {
        var builder = new TestClusterBuilder(1);
        builder.Properties[TestSiloConfigurator.PostgresKey] = Database.ConnectionString;
        builder.AddSiloBuilderConfigurator<TestSiloConfigurator>();
        // Tests drive the stream transport of ingestion with memory streams (docs/ingestion.md).
        builder.Properties["Experimentation:Ingestion:Streams"] = "memory";
        builder.AddClientBuilderConfigurator<MemoryStreamsClientConfigurator>();
        // Real sockets, so a separately built IClusterClient (as a service would embed) can connect too.
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        Cluster = builder.Build();
        await Cluster.DeployAsync();

        var web = WebApplication.CreateSlimBuilder();
        web.WebHost.UseUrls("http://127.0.0.1:0");
        web.Logging.SetMinimumLevel(LogLevel.Warning);
        web.Services.AddSingleton<IGrainFactory>(Cluster.Client);
        web.Services.AddExperimentationGateway();
        _gateway = web.Build();
        _gateway.MapExperimentationGateway();
        await _gateway.StartAsync();

        var address = _gateway.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Http = new HttpClient { BaseAddress = new Uri(address) };
        Http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    private async Task StopAsync()
    {
        Http?.Dispose();
        if (_gateway is not null)
        {
            await _gateway.StopAsync();
            await _gateway.DisposeAsync();
            _gateway = null;
        }
        if (Cluster is not null)
        {
            await Cluster.StopAllSilosAsync();
            await Cluster.DisposeAsync();
        }
    }
}

/// <summary>Tests in this collection share one platform; each test uses its own experiment keys.</summary>
[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}
