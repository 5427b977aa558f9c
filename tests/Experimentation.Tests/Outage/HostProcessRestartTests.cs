using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Experimentation.Tests.Infrastructure;

namespace Experimentation.Tests.Outage;

/// <summary>
/// The real host process (silo/Experimentation.Silo, as scripts/run.sh runs it) while its PostgreSQL server is stopped
/// with pg_ctl and started again: it answers 503 with Retry-After while the server is down, serves what its active
/// grains hold, loses nothing, and recovers without a restart, including on the pooled connections the server's
/// restart broke.
/// </summary>
public sealed class HostProcessRestartTests : IAsyncLifetime
{
    private readonly string _adminKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
    private PrivateCluster? _postgres;
    private SiloProcess? _host;
    private HttpClient? _http;

    private PrivateCluster Postgres => _postgres!;
    private HttpClient Http => _http!;

    public async Task InitializeAsync()
    {
        _postgres = await PrivateCluster.CreateAsync();
        _host = new SiloProcess(_postgres.ConnectionString, new Dictionary<string, string> { ["EXPERIMENTATION_ADMIN_KEY"] = _adminKey });
        await _host.StartAsync();
        _http = new HttpClient { BaseAddress = _host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _adminKey);
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_host is not null) await _host.DisposeAsync();
        if (_postgres is not null) await _postgres.DisposeAsync();
    }

    [Fact]
    public async Task TheHostAnswers503WhilePostgresIsStoppedAndRecoversWithoutARestartWhenItIsBack()
    {
        var draft = Samples.Key("restart-draft");
        var running = Samples.Key("restart-running");
        foreach (var key in new[] { draft, running })
            await (await Http.PostJson("/api/experiments", Samples.AbJson(key))).AssertStatus(HttpStatusCode.Created);
        await (await Http.PostAsync($"/api/experiments/{running}/start", null)).AssertStatus(HttpStatusCode.OK);
        // Several reads fill the connection pools with connections that the server's stop will break.
        for (var i = 0; i < 5; i++) await (await Http.GetAsync("/api/experiments")).AssertStatus(HttpStatusCode.OK);
        var draftBefore = await Http.GetStringAsync($"/api/experiments/{draft}");
        var created = Samples.Key("restart-new");

        await Postgres.StopAsync();
        await (await Http.GetAsync("/health")).AssertStatus(HttpStatusCode.ServiceUnavailable);
        foreach (var send in new Func<Task<HttpResponseMessage>>[]
                 {
                     () => Http.PostJson("/api/experiments", Samples.AbJson(created)),
                     () => Http.GetAsync($"/api/experiments/{created}"),
                     () => Http.GetAsync("/api/experiments"),
                     () => Http.PostJson($"/api/experiments/{running}/pause", """{"reason":"during the outage"}"""),
                     () => Http.GetAsync("/api/metrics"),
                 })
        {
            using var response = await send();
            await response.AssertProblem(HttpStatusCode.ServiceUnavailable);
            Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        }
        // An active experiment grain is the only writer of its stream, so what it holds is still the truth.
        Assert.Equal(draftBefore, await Http.GetStringAsync($"/api/experiments/{draft}"));

        await Postgres.StartAsync();
        // The first command after the restart succeeds: the host does not hand it a connection the restart broke.
        await (await Http.PostJson($"/api/experiments/{running}/pause", """{"reason":"after the outage"}""")).AssertStatus(HttpStatusCode.OK);
        await (await Http.GetAsync("/health")).AssertStatus(HttpStatusCode.OK);
        await (await Http.GetAsync($"/api/experiments/{created}")).AssertStatus(HttpStatusCode.NotFound);
        var listed = await (await (await Http.GetAsync("/api/experiments")).AssertStatus(HttpStatusCode.OK)).Json();
        Assert.Equal(2, listed.GetArrayLength());
        var history = await (await (await Http.GetAsync($"/api/experiments/{running}/history")).AssertStatus(HttpStatusCode.OK)).Json();
        Assert.Equal(["ExperimentCreated", "ExperimentStarted", "ExperimentPaused"], history.EnumerateArray().Select(e => e.GetProperty("type").GetString()));
        Assert.Equal(draftBefore, await Http.GetStringAsync($"/api/experiments/{draft}"));
    }

    [Fact]
    public async Task TheFirstRequestsAfterAQuietRestartDoNotFailOnBrokenPooledConnections()
    {
        var key = Samples.Key("quiet-restart");
        await (await Http.PostJson("/api/experiments", Samples.AbJson(key))).AssertStatus(HttpStatusCode.Created);
        for (var i = 0; i < 5; i++) await (await Http.GetAsync("/api/experiments")).AssertStatus(HttpStatusCode.OK);

        // No request reaches the host while the server is down, so every pooled connection is still there, broken.
        await Postgres.StopAsync();
        await Postgres.StartAsync();

        await (await Http.GetAsync("/api/experiments")).AssertStatus(HttpStatusCode.OK);
        await (await Http.PostAsync($"/api/experiments/{key}/start", null)).AssertStatus(HttpStatusCode.OK);
        await (await Http.GetAsync("/api/metrics")).AssertStatus(HttpStatusCode.OK);
        // The start reached the config grain, whose state is in ADO.NET grain storage: that write also got a fresh connection.
        await Config.WaitFor(Http, b => b.GetProperty("experiments").EnumerateArray().Any(e => e.GetProperty("key").GetString() == key));
        await (await Http.GetAsync("/health")).AssertStatus(HttpStatusCode.OK);
    }
}
