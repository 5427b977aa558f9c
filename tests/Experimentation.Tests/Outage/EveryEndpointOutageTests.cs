using System.Net;
using System.Text.Json;
using Experimentation.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;

namespace Experimentation.Tests.Outage;

/// <summary>
/// While PostgreSQL refuses the platform's connections, every endpoint that needs it answers 503 ProblemDetails with
/// Retry-After, and the ones that need no database keep answering; nothing changes, and the platform recovers by itself.
/// The table lists every route the gateway maps, so a new endpoint fails this test until it is added.
/// </summary>
[Collection(OutageCollection.Name)]
public sealed class EveryEndpointOutageTests(PlatformFixture platform)
{
    private const HttpStatusCode Down = HttpStatusCode.ServiceUnavailable;

    [Fact]
    public async Task EveryEndpointAnswers503OrItsUsualAnswerWhileTheDatabaseIsDownAndNothingChanges()
    {
        var world = await World.CreateAsync(platform.Http);
        var calls = Calls(world);
        AssertEveryRouteIsCovered(calls);
        var before = await world.SnapshotAsync(platform.Http);

        // Deactivate every grain, as after a silo restart or idle collection: each call must reach the database.
        await platform.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await platform.Database.SetConnectionsAllowedAsync(false);
        try
        {
            foreach (var call in calls)
            {
                using var response = await call.SendAsync(platform.Http);
                Assert.True(call.DuringOutage == response.StatusCode,
                    $"{call.Route} ({call.Why}): expected {(int)call.DuringOutage}, got {(int)response.StatusCode}: " +
                    (response.Content.Headers.ContentType?.MediaType == "text/event-stream" ? "(stream)" : await response.Content.ReadAsStringAsync()));
                if (call.DuringOutage != Down) continue;
                await response.AssertProblem(Down);
                Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
            }
        }
        finally
        {
            await platform.Database.SetConnectionsAllowedAsync(true);
        }

        await Eventually.Until("the experiments to be readable again",
            async () => (await platform.Http.GetAsync($"/api/experiments/{world.Draft}")).StatusCode,
            status => status == HttpStatusCode.OK, TimeSpan.FromSeconds(30));
        Assert.Equal(before, await world.SnapshotAsync(platform.Http));
        foreach (var missing in new[] { $"/api/experiments/{world.NewKey}", $"/api/metrics/{world.NewKey}", $"/api/namespaces/{world.NewKey}" })
            await (await platform.Http.GetAsync(missing)).AssertStatus(HttpStatusCode.NotFound);
        // The batch sent during the outage was not stored: sent again, every event is new.
        using var again = await platform.Http.PostJson("/api/events", world.Events);
        var ingested = await (await again.AssertStatus(HttpStatusCode.Accepted)).Json();
        Assert.Equal(1, ingested.GetProperty("accepted").GetInt32());
        Assert.Equal(0, ingested.GetProperty("duplicates").GetInt32());
    }

    private void AssertEveryRouteIsCovered(IReadOnlyList<EndpointCall> calls)
    {
        var mapped = platform.Endpoints
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .ToHashSet();
        var covered = calls.Select(c => c.Route).ToHashSet();
        Assert.True(mapped.SetEquals(covered),
            $"Not in the table: {string.Join(", ", mapped.Except(covered))}. Not mapped: {string.Join(", ", covered.Except(mapped))}");
    }

    private static List<EndpointCall> Calls(World w)
    {
        const HttpStatusCode ok = HttpStatusCode.OK;
        var arms = """[{"key":"control","n":1000,"conversions":100},{"key":"green","n":1000,"conversions":130}]""";
        return
        [
            new("POST /api/experiments/", "/api/experiments", Samples.AbJson(w.NewKey), Down),
            new("GET /api/experiments/", "/api/experiments", null, Down),
            new("GET /api/experiments/{key}", $"/api/experiments/{w.Draft}", null, Down),
            new("PUT /api/experiments/{key}", $"/api/experiments/{w.Draft}", Samples.AbJson(w.Draft), Down),
            new("POST /api/experiments/{key}/start", $"/api/experiments/{w.Draft}/start", null, Down),
            new("POST /api/experiments/{key}/pause", $"/api/experiments/{w.Running}/pause", """{"reason":"outage"}""", Down),
            new("POST /api/experiments/{key}/resume", $"/api/experiments/{w.Paused}/resume", null, Down),
            new("POST /api/experiments/{key}/conclude", $"/api/experiments/{w.Running}/conclude", """{"decision":"ship","winningVariant":"green"}""", Down),
            new("POST /api/experiments/{key}/archive", $"/api/experiments/{w.Draft}/archive", null, Down),
            new("POST /api/experiments/{key}/traffic", $"/api/experiments/{w.Running}/traffic", """{"percent":20}""", Down),
            new("GET /api/experiments/{key}/history", $"/api/experiments/{w.Draft}/history", null, Down),
            new("POST /api/experiments/{key}/submit", $"/api/experiments/{w.Draft}/submit", null, Down),
            new("POST /api/experiments/{key}/approve", $"/api/experiments/{w.Draft}/approve", null, Down),
            new("POST /api/experiments/{key}/request-changes", $"/api/experiments/{w.Draft}/request-changes", """{"comment":"outage"}""", Down),
            new("GET /api/experiments/{key}/checks", $"/api/experiments/{w.Draft}/checks", null, Down),
            new("GET /api/settings/review", "/api/settings/review", null, Down),
            new("PUT /api/settings/review", "/api/settings/review", """{"required":true}""", Down),
            new("GET /api/audit", "/api/audit", null, Down),
            new("POST /api/teams/", "/api/teams", $$"""{"key":"{{w.NewKey}}","name":"New"}""", Down),
            new("GET /api/teams/", "/api/teams", null, Down),
            new("POST /api/users/", "/api/users", $$"""{"id":"{{w.NewKey}}","name":"New"}""", Down),
            new("GET /api/users/", "/api/users", null, Down),
            new("DELETE /api/users/{id}", $"/api/users/{w.NewKey}", null, Down),
            new("POST /api/keys/", "/api/keys", """{"user":"nobody","role":"viewer"}""", Down),
            new("GET /api/keys/", "/api/keys", null, Down),
            new("DELETE /api/keys/{id}", "/api/keys/0123456789abcdef", null, Down),
            new("GET /api/holdout/results", "/api/holdout/results", null, Down),
            new("GET /api/experiments/{key}/results", $"/api/experiments/{w.Running}/results", null, Down),
            new("GET /api/experiments/{key}/results/looks", $"/api/experiments/{w.Running}/results/looks", null, Down),
            new("GET /api/experiments/{key}/results/sequential", $"/api/experiments/{w.Running}/results/sequential", null, Down),
            new("POST /api/metrics/", "/api/metrics", $$"""{"key":"{{w.NewKey}}","name":"New","type":"conversion","eventType":"purchase","aggregation":"count"}""", Down),
            new("GET /api/metrics/", "/api/metrics", null, Down),
            new("GET /api/metrics/{key}", $"/api/metrics/{w.Metric}", null, Down),
            new("POST /api/namespaces/", "/api/namespaces", $$"""{"key":"{{w.NewKey}}"}""", Down),
            new("GET /api/namespaces/", "/api/namespaces", null, Down),
            new("GET /api/namespaces/{key}", $"/api/namespaces/{w.Namespace}", null, Down),
            new("PUT /api/config/holdout", "/api/config/holdout", """{"percent":3}""", Down),
            new("GET /api/config/", "/api/config", null, ok, "served from the gateway's config snapshot"),
            new("GET /api/config/stream", "/api/config/stream", null, ok, "served from the gateway's config snapshot"),
            new("GET /api/assign", $"/api/assign?experiment={w.Running}&user=u-1", null, ok, "assigns from the config snapshot"),
            new("POST /api/analysis/", "/api/analysis", $$"""{"metricType":"conversion","arms":{{arms}}}""", ok, "pure computation"),
            new("POST /api/analysis/sequence", "/api/analysis/sequence", $$"""{"metricType":"conversion","looks":[{"arms":{{arms}}}]}""", ok, "pure computation"),
            new("POST /api/power", "/api/power", """{"metricType":"conversion","baselineRate":0.1,"mde":0.02,"mdeType":"absolute"}""", ok, "pure computation"),
            new("POST /api/events/", "/api/events", w.Events, Down),
            new("POST /api/webhooks/", "/api/webhooks", World.WebhookJson, Down),
            new("GET /api/webhooks/", "/api/webhooks", null, Down),
            new("GET /api/webhooks/{id}", $"/api/webhooks/{w.Webhook}", null, Down),
            new("DELETE /api/webhooks/{id}", $"/api/webhooks/{w.Webhook}", null, Down),
            new("GET /api/webhooks/{id}/deliveries", $"/api/webhooks/{w.Webhook}/deliveries", null, Down),
            new("GET /openapi/{documentName}.json", "/openapi/v1.json", null, ok, "the document is built from code"),
            new("GET /docs/{documentName?}", "/docs/", null, ok, "a static page"),
            new("GET /docs/scalar.js", "/docs/scalar.js", null, ok, "a static file"),
            new("GET /docs/scalar.aspnetcore.js", "/docs/scalar.aspnetcore.js", null, ok, "a static file"),
            new("GET /docs/favicon.svg", "/docs/favicon.svg", null, ok, "a static file"),
        ];
    }

    /// <summary>What the requests act on, made while the database is up: a draft, a running and a paused experiment.</summary>
    private sealed record World(string Draft, string Running, string Paused, string Metric, string Namespace, string Webhook, string NewKey, string Events)
    {
        public const string WebhookJson = """{"url":"http://127.0.0.1:9/hook","secret":"0123456789abcdef0123","events":["experiment.started"]}""";

        public static async Task<World> CreateAsync(HttpClient http)
        {
            string draft = Samples.Key("down-draft"), running = Samples.Key("down-running"), paused = Samples.Key("down-paused");
            foreach (var key in new[] { draft, running, paused })
                await (await http.PostJson("/api/experiments", Samples.AbJson(key))).AssertStatus(HttpStatusCode.Created);
            foreach (var key in new[] { running, paused })
                await (await http.PostAsync($"/api/experiments/{key}/start", null)).AssertStatus(HttpStatusCode.OK);
            await (await http.PostJson($"/api/experiments/{paused}/pause", """{"reason":"before the outage"}""")).AssertStatus(HttpStatusCode.OK);
            var metric = Samples.Key("down-metric");
            await (await http.PostJson("/api/metrics", $$"""{"key":"{{metric}}","name":"M","type":"conversion","eventType":"purchase","aggregation":"count"}"""))
                .AssertStatus(HttpStatusCode.Created);
            var ns = Samples.Key("down-ns");
            await (await http.PostJson("/api/namespaces", $$"""{"key":"{{ns}}"}""")).AssertStatus(HttpStatusCode.Created);
            using var hook = await http.PostJson("/api/webhooks", WebhookJson);
            var webhook = (await (await hook.AssertStatus(HttpStatusCode.Created)).Json()).GetProperty("id").GetString()!;
            // Assignment answers from the gateway's snapshot, so the running experiment must be in it first.
            await Config.WaitFor(http, b => b.GetProperty("experiments").EnumerateArray().Any(e => e.GetProperty("key").GetString() == running));
            var events = JsonSerializer.Serialize(new[]
            {
                new { eventId = Guid.NewGuid(), type = "exposure", userId = "u-1", timestamp = DateTimeOffset.UtcNow.AddMinutes(-1), experiment = running, variant = "green" },
            });
            return new World(draft, running, paused, metric, ns, webhook, Samples.Key("down-new"), events);
        }

        /// <summary>Everything the outage's requests could have changed, as the API shows it.</summary>
        public async Task<string> SnapshotAsync(HttpClient http)
        {
            var parts = new List<string>();
            foreach (var path in new[]
                     {
                         $"/api/experiments/{Draft}", $"/api/experiments/{Running}", $"/api/experiments/{Paused}", $"/api/experiments/{Draft}/history",
                         $"/api/metrics/{Metric}", $"/api/namespaces/{Namespace}", $"/api/webhooks/{Webhook}",
                     })
                parts.Add(path + " " + await http.GetStringAsync(path));
            var webhooks = (await (await http.GetAsync("/api/webhooks")).Json()).GetArrayLength();
            var holdout = (await (await http.GetAsync("/api/config")).Json()).GetProperty("holdoutBasisPoints").GetInt32();
            parts.Add($"webhooks {webhooks}, holdout {holdout}");
            return string.Join('\n', parts);
        }
    }
}
