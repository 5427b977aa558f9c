using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Experimentation.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Experimentation.Tests.Security;

/// <summary>
/// A platform with two teams (alpha and beta), a key of every role in alpha, an experiment and a metric owned by
/// each team, and every log line of the silo and the gateway captured. The installation admin made them all.
/// </summary>
public sealed class SecurityFixture : IAsyncLifetime
{
    public static readonly string[] TeamRoles = ["admin", "experimenter", "reviewer", "viewer", "sdk"];

    private readonly PlatformFixture _platform;
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    public SecurityFixture()
    {
        _platform = new PlatformFixture(new Dictionary<string, string?>(), silo => silo.Services.AddSingleton<ILoggerProvider>(Logs),
            gateway =>
            {
                gateway.Logging.SetMinimumLevel(LogLevel.Trace);
                gateway.Services.AddSingleton<ILoggerProvider>(Logs);
            });
    }

    public PlatformFixture Platform => _platform;
    public CapturedLogs Logs { get; } = new();
    public HttpClient Admin => _platform.Http;
    public string Alpha => "alpha-" + _run;
    public string Beta => "beta-" + _run;

    /// <summary>The secret of alpha's key of each role.</summary>
    public Dictionary<string, string> AlphaKeys { get; } = new();

    /// <summary>Every secret this fixture issued, for the test that no log holds one.</summary>
    public List<string> Secrets { get; } = [TestKeys.Admin];

    public string ExperimentOf(string team) => $"exp-{team}";
    public string MetricOf(string team) => $"metric-{team}";

    public async Task InitializeAsync()
    {
        await _platform.InitializeAsync();
        foreach (var team in new[] { Alpha, Beta })
        {
            await Send(HttpMethod.Post, "/api/teams", new { key = team, name = team });
            await Send(HttpMethod.Post, "/api/metrics", new { key = MetricOf(team), name = "Signups", type = "conversion", eventType = "signup", aggregation = "sum", ownerTeam = team });
            var body = JsonSerializer.Deserialize<Dictionary<string, object>>(Samples.AbJson(ExperimentOf(team)))!;
            body["ownerTeam"] = team;
            await Send(HttpMethod.Post, "/api/experiments", body);
        }
        foreach (var role in TeamRoles) AlphaKeys[role] = await IssueAsync($"{role}-{_run}", Alpha, role);
    }

    /// <summary>Creates a user in <paramref name="team"/> and a key for it; returns the secret.</summary>
    public async Task<string> IssueAsync(string user, string? team, string role, DateTimeOffset? expiresAt = null)
    {
        await Send(HttpMethod.Post, "/api/users", new { id = user, name = user, team });
        return await IssueForAsync(user, role, expiresAt);
    }

    public async Task<string> IssueForAsync(string user, string role, DateTimeOffset? expiresAt = null)
    {
        using var response = await Send(HttpMethod.Post, "/api/keys", new { user, role, expiresAt });
        var secret = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        Secrets.Add(secret);
        return secret;
    }

    public async Task<HttpResponseMessage> Send(HttpMethod method, string path, object body)
    {
        var response = await Admin.SendAsync(new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) });
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    public Task DisposeAsync() => _platform.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SecurityCollection : ICollectionFixture<SecurityFixture>
{
    public const string Name = "security";
}
