using System.Net.Http.Headers;
using System.Security.Cryptography;
using Experimentation.Gateway;
using Experimentation.Gateway.Security;
using Experimentation.GrainInterfaces.Events;
using Experimentation.Grains.Ingestion;
using Experimentation.Grains.Scheduling;
using Experimentation.Grains.Webhooks;
using Experimentation.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;

namespace Experimentation.Tests.Infrastructure;

/// <summary>
/// The platform as tests see it: a fresh PostgreSQL database, a one-silo in-process Orleans cluster running the
/// product's silo wiring, and the gateway on Kestrel at a loopback port, talking to the cluster as an Orleans client.
/// </summary>
/// <remarks>
/// The in-process cluster connects its silo and client in memory, so nothing outside this fixture can reach the
/// silo over a socket; tests of a service embedding its own cluster client use HostFixture.
/// </remarks>
public sealed class PlatformFixture : IAsyncLifetime
{
    /// <summary>The schedule reminders' period here (docs/automation.md, "Scheduling"); one minute in production.</summary>
    public static readonly TimeSpan ScheduleRetryPeriod = TimeSpan.FromSeconds(2);

    /// <summary>
    /// User shards of the shared in-process platforms: the single-silo count these tests were written for, and a
    /// connection budget many fixtures can share on one test server. The product's cluster default (64) runs in the
    /// process tests (KillRecoveryTests, NodeLossTests, ClusterScriptTests).
    /// </summary>
    public const int Shards = 8;

    // Kept across restarts: the ADO.NET grain storage keys every row by the service id.
    private readonly string _serviceId = "platform-" + Guid.NewGuid().ToString("N");
    // Kept across restarts too: it decrypts the webhook secrets stored under it.
    private readonly string _secretKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(SecretKey.Bytes));
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Action<ISiloBuilder>? _configureSilo;
    private readonly Action<WebApplicationBuilder>? _configureGateway;
    private TestDatabase? _database;
    private InProcessTestCluster? _cluster;
    private WebApplication? _gateway;
    private HttpClient? _http;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Fixture not started.");
    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("Fixture not started.");
    /// <summary>The gateway's HTTP API, as the installation admin (<see cref="TestKeys.Admin"/>).</summary>
    public HttpClient Http => _http ?? throw new InvalidOperationException("Fixture not started.");

    /// <summary>The gateway itself, for what only its services know (its endpoints, its options).</summary>
    public WebApplication Gateway => _gateway ?? throw new InvalidOperationException("Fixture not started.");
    public IGrainFactory Grains => Cluster.Client;

    /// <summary>Every route the gateway maps, so a test can cover each endpoint and notice a new one.</summary>
    public IReadOnlyList<RouteEndpoint> Endpoints =>
        (_gateway ?? throw new InvalidOperationException("Fixture not started.")).Services.GetRequiredService<EndpointDataSource>()
            .Endpoints.OfType<RouteEndpoint>().ToList();

    public PlatformFixture() : this(new Dictionary<string, string?>(), null)
    {
    }

    /// <summary>
    /// A platform whose silo and gateway also get these configuration settings, and whose silo and gateway get these
    /// services (one public constructor for xunit).
    /// </summary>
    internal PlatformFixture(IReadOnlyDictionary<string, string?> settings, Action<ISiloBuilder>? configureSilo,
        Action<WebApplicationBuilder>? configureGateway = null)
    {
        _settings = settings;
        _configureSilo = configureSilo;
        _configureGateway = configureGateway;
    }

    /// <summary>A new client of the gateway sending <paramref name="key"/> (none when null); the caller disposes it.</summary>
    public HttpClient CreateClient(string? key)
    {
        var http = new HttpClient { BaseAddress = Http.BaseAddress };
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return key is null ? http : http.Authorize(key);
    }

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await StartAsync();
    }

    /// <summary>Stops the silo and the gateway, then starts new ones on the same database.</summary>
    /// <param name="whileStopped">Runs between the stop and the start, for example to look at what the stop stored.</param>
    public async Task RestartAsync(Func<Task>? whileStopped = null)
    {
        await StopAsync();
        if (whileStopped is not null) await whileStopped();
        await StartAsync();
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        if (_database is not null) await _database.DisposeAsync();
    }

    private async Task StartAsync()
    {
        var postgres = Database.ConnectionString;
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = _serviceId;
        builder.Options.ConfigureFileLogging = false;
        // Tests drive the stream transport of ingestion with memory streams (docs/ingestion.md).
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Configuration[$"{IngestionOptions.Section}:Streams"] = "memory";
            // A scheduled start or end that failed (database down) is retried in seconds, not Orleans' one minute.
            host.Configuration[$"{ScheduleOptions.Section}:RetryPeriod"] = ScheduleRetryPeriod.ToString("c");
            host.Configuration[$"{SecretOptions.Section}:Key"] = _secretKey;
            host.Configuration[$"{IngestionOptions.Section}:Shards"] = Shards.ToString();
            foreach (var (key, value) in _settings) host.Configuration[key] = value;
        });
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddExperimentation(postgres);
            _configureSilo?.Invoke(silo);
        });
        builder.ConfigureClient(client => client.AddMemoryStreams(IngestionStreams.ProviderName));
        _cluster = builder.Build();
        await _cluster.DeployAsync();

        var web = WebApplication.CreateSlimBuilder();
        web.WebHost.UseUrls("http://127.0.0.1:0");
        web.Logging.SetMinimumLevel(LogLevel.Warning);
        web.Configuration[AuthOptions.AdminKeyVariable] = TestKeys.Admin;
        // Tests send many requests with one key; the limits get their own tests (RateLimitTests), with small ones.
        foreach (var policy in new[] { "Events", "Assign", "Analysis", "Writes" })
        {
            web.Configuration[$"{RateLimitOptions.Section}:{policy}:PerSecond"] = "1000000";
            web.Configuration[$"{RateLimitOptions.Section}:{policy}:Burst"] = "1000000";
        }
        foreach (var (key, value) in _settings) web.Configuration[key] = value;
        web.Services.AddSingleton<IGrainFactory>(_cluster.Client);
        _configureGateway?.Invoke(web);
        web.Services.AddExperimentationGateway();
        _gateway = web.Build();
        _gateway.MapExperimentationGateway();
        await _gateway.StartAsync();

        var address = _gateway.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _http = new HttpClient { BaseAddress = new Uri(address) }.Authorize();
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    private async Task StopAsync()
    {
        _http?.Dispose();
        _http = null;
        if (_gateway is not null)
        {
            await _gateway.StopAsync();
            await _gateway.DisposeAsync();
            _gateway = null;
        }
        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
            _cluster = null;
        }
    }
}
