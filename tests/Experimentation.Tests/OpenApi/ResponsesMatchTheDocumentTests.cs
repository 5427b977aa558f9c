using System.Net;
using System.Text.Json;
using Experimentation.Tests.Infrastructure;

namespace Experimentation.Tests.OpenApi;

/// <summary>
/// Every answer of a full session, successes and refusals, validates against the schema the OpenAPI document declares
/// for its path, method, status and content type, so a client generated from the document can read it.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ResponsesMatchTheDocumentTests(PlatformFixture platform)
{
    private HttpClient Http => platform.Http;

    [Fact]
    public async Task EveryResponseOfAFullSessionValidatesAgainstItsDeclaredSchema()
    {
        var contract = await ResponseContract.LoadAsync(Http);
        var failures = new List<string>();
        var statuses = new List<int>();
        async Task<HttpResponseMessage> Check(Task<HttpResponseMessage> sending, HttpStatusCode expected)
        {
            var response = await sending;
            statuses.Add((int)response.StatusCode);
            if (response.StatusCode != expected)
                failures.Add($"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri!.PathAndQuery}: expected {(int)expected}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            else if (await contract.CheckAsync(response) is { } mismatch)
                failures.Add(mismatch);
            return response;
        }
        Task<HttpResponseMessage> Post(string url, string json) => Http.PostJson(url, json);
        const HttpStatusCode ok = HttpStatusCode.OK, created = HttpStatusCode.Created, bad = HttpStatusCode.BadRequest,
            missing = HttpStatusCode.NotFound, conflict = HttpStatusCode.Conflict;

        var metric = Samples.Key("contract-metric");
        var metricJson = $$"""{"key":"{{metric}}","name":"Checkout","type":"conversion","eventType":"checkout","aggregation":"count"}""";
        await Check(Post("/api/metrics", metricJson), created);
        await Check(Post("/api/metrics", metricJson), conflict);
        await Check(Post("/api/metrics", """{"key":"x"}"""), bad);
        await Check(Http.GetAsync($"/api/metrics/{metric}"), ok);
        await Check(Http.GetAsync("/api/metrics"), ok);
        await Check(Http.GetAsync($"/api/metrics/{metric}-none"), missing);

        var ns = Samples.Key("contract-ns");
        await Check(Post("/api/namespaces", $$"""{"key":"{{ns}}","totalSlots":100}"""), created);
        await Check(Post("/api/namespaces", $$"""{"key":"{{ns}}"}"""), conflict);
        await Check(Http.GetAsync("/api/namespaces"), ok);
        await Check(Http.GetAsync($"/api/namespaces/{ns}-none"), missing);

        var key = Samples.Key("contract");
        var experiment = Samples.AbJson(key).Replace("\"mde\": 0.02",
            $$"""
            "mde": 0.02,
            "namespace": {"key":"{{ns}}","slots":50},
            "metrics": [{"metricKey":"{{metric}}","role":"primary","direction":"higher_better"}]
            """);
        await Check(Post("/api/experiments", experiment), created);
        await Check(Post("/api/experiments", experiment), conflict);
        await Check(Post("/api/experiments", """{"key":"bad key!"}"""), bad);
        await Check(Http.GetAsync($"/api/experiments/{key}"), ok);
        await Check(Http.GetAsync("/api/experiments?status=draft"), ok);
        await Check(Http.GetAsync("/api/experiments?status=bogus"), bad);
        await Check(Http.GetAsync($"/api/experiments/{key}-none"), missing);
        await Check(Http.PutAsync($"/api/experiments/{key}", Json(experiment.Replace("Green checkout button", "Greener"))), ok);
        await Check(Http.PostAsync($"/api/experiments/{key}/resume", null), conflict);
        await Check(Http.PostAsync($"/api/experiments/{key}/start", null), ok);
        await Check(Http.GetAsync($"/api/namespaces/{ns}"), ok);
        await Check(Post($"/api/experiments/{key}/traffic", """{"percent":80}"""), ok);
        await Check(Post($"/api/experiments/{key}/traffic", "{}"), bad);

        await Config.WaitFor(Http, b => b.GetProperty("experiments").EnumerateArray().Any(e => e.GetProperty("key").GetString() == key));
        await Check(Http.GetAsync("/api/config"), ok);
        await Check(Http.GetAsync($"/api/assign?experiment={key}&user=u-1"), ok);
        await Check(Http.GetAsync($"/api/assign?namespace={ns}&user=u-1"), ok);
        await Check(Http.GetAsync("/api/assign?user=u-1"), bad);
        await Check(Http.GetAsync($"/api/assign?experiment={key}-none&user=u-1"), missing);

        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        var events = Enumerable.Range(0, 40).SelectMany(i => new object[]
        {
            new { eventId = Guid.NewGuid(), type = "exposure", userId = $"u-{i}", timestamp = at, experiment = key, variant = i % 2 == 0 ? "control" : "green" },
            new { eventId = Guid.NewGuid(), type = "metric", userId = $"u-{i}", timestamp = at.AddMinutes(1), eventType = "checkout", value = 1.0 },
        }).Take(60);
        await Check(Post("/api/events", JsonSerializer.Serialize(events)), HttpStatusCode.Accepted);
        await Check(Post("/api/events", """[{"type":"exposure"}]"""), bad);
        await Check(Http.GetAsync($"/api/experiments/{key}/results"), ok);
        await Check(Http.GetAsync($"/api/experiments/{key}/results?asOf=yesterday"), bad);
        await Check(Http.GetAsync($"/api/experiments/{key}/results/looks"), ok);
        await Check(Http.GetAsync($"/api/experiments/{key}/results/sequential"), ok);
        await Check(Http.GetAsync($"/api/experiments/{key}/results/looks?maxPoints=1"), bad);
        await Check(Http.GetAsync($"/api/experiments/{key}-none/results"), missing);

        await Check(Post($"/api/experiments/{key}/pause", """{"reason":"checking the contract"}"""), ok);
        await Check(Post($"/api/experiments/{key}/pause", """{"reason":"again"}"""), conflict);
        await Check(Post($"/api/experiments/{key}/pause", "{}"), bad);
        await Check(Http.PostAsync($"/api/experiments/{key}/resume", null), ok);
        await Check(Post($"/api/experiments/{key}/conclude", """{"decision":"ship","winningVariant":"green"}"""), ok);
        await Check(Http.PostAsync($"/api/experiments/{key}/archive", null), ok);
        await Check(Http.GetAsync($"/api/experiments/{key}/history"), ok);
        await Check(Http.GetAsync($"/api/experiments/{key}-none/history"), missing);

        var arms = """[{"key":"control","n":1000,"conversions":100},{"key":"green","n":1000,"conversions":130}]""";
        await Check(Post("/api/analysis", $$"""{"metricType":"conversion","arms":{{arms}}}"""), ok);
        await Check(Post("/api/analysis", $$"""{"metricType":"conversion","engine":"bayesian","options":{"mde":0.02},"arms":{{arms}}}"""), ok);
        await Check(Post("/api/analysis", """{"metricType":"conversion","arms":[]}"""), bad);
        await Check(Post("/api/analysis/sequence", $$"""{"metricType":"conversion","looks":[{"arms":{{arms}}}]}"""), ok);
        await Check(Post("/api/analysis/sequence", """{"metricType":"conversion","looks":[]}"""), bad);
        await Check(Post("/api/power", """{"metricType":"conversion","baselineRate":0.1,"mde":0.02,"mdeType":"absolute"}"""), ok);
        await Check(Post("/api/power", """{"metricType":"conversion"}"""), bad);
        await Check(Http.PutAsync("/api/config/holdout", Json("""{"percent":0}""")), ok);
        await Check(Http.PutAsync("/api/config/holdout", Json("""{"percent":101}""")), bad);

        using var hook = await Check(Post("/api/webhooks", """{"url":"http://127.0.0.1:9/hook","secret":"0123456789abcdef0123","events":["experiment.started"]}"""), created);
        var id = (await hook.Json()).GetProperty("id").GetString();
        await Check(Post("/api/webhooks", """{"url":"ftp://nowhere"}"""), bad);
        await Check(Http.GetAsync("/api/webhooks"), ok);
        await Check(Http.GetAsync($"/api/webhooks/{id}"), ok);
        await Check(Http.GetAsync($"/api/webhooks/{id}/deliveries"), ok);
        await Check(Http.GetAsync($"/api/webhooks/{id}/deliveries?limit=0"), bad);
        await Check(Http.DeleteAsync($"/api/webhooks/{id}"), HttpStatusCode.NoContent);
        await Check(Http.GetAsync($"/api/webhooks/{id}"), missing);

        Assert.True(failures.Count == 0, $"{failures.Count} of {statuses.Count} responses break the document:\n{string.Join("\n", failures)}");
        Assert.Contains(statuses, s => s is >= 200 and < 300);
        Assert.Contains(statuses, s => s is >= 400 and < 500);
    }

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
