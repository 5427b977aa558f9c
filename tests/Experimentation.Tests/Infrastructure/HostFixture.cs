using System.Net.Http.Headers;

namespace Experimentation.Tests.Infrastructure;

/// <summary>
/// The real host (silo/Experimentation.Silo, as scripts/run.sh starts it) in its own process on a fresh database: the
/// one place tests can reach a silo's gateway over a real socket, as a service embedding its own cluster client does.
/// </summary>
/// <remarks>
/// The in-process test cluster of <see cref="PlatformFixture"/> connects its silo and client in memory only
/// (Orleans.TestingHost 10.4.2 registers its in-memory listeners after every configuration delegate), so an
/// IClusterClient built by a test could not connect to it.
/// </remarks>
public sealed class HostFixture : IAsyncLifetime
{
    /// <summary>The host's cluster and service id, from its appsettings.json.</summary>
    public const string ClusterId = "experimentation", ServiceId = "experimentation";

    private TestDatabase? _database;
    private SiloProcess? _silo;
    private HttpClient? _http;

    public SiloProcess Silo => _silo ?? throw new InvalidOperationException("Fixture not started.");

    /// <summary>The host's HTTP API (the gateway it hosts beside the silo).</summary>
    public HttpClient Http => _http ?? throw new InvalidOperationException("Fixture not started.");

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _silo = new SiloProcess(_database.ConnectionString);
        await _silo.StartAsync();
        _http = new HttpClient { BaseAddress = _silo.BaseAddress }.Authorize();
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_silo is not null) await _silo.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }
}
